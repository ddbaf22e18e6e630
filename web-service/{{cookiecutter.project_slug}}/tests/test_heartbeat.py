"""The heartbeat, as the tests' monitoring service receives it: start, beats, the last ping."""

import dataclasses
import logging
import socket
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from monitoring import SECRET, Server

from {{ cookiecutter.module_name }}.app import create_app
from {{ cookiecutter.module_name }}.heartbeat import Heartbeat
from {{ cookiecutter.module_name }}.settings import Settings

START, BEAT, FAIL = f"/{SECRET}/start", f"/{SECRET}", f"/{SECRET}/fail"


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "waited 5 s in vain"
        time.sleep(0.01)


def test_start_beats_then_a_last_ping_as_it_stops(server: Server) -> None:
    heartbeat = Heartbeat(server.ping_url, 0.01, lambda: None)

    heartbeat.start()
    try:
        wait_for(lambda: len(server.seen) >= 3)
    finally:  # even when the test fails: a thread left beating would ping the next test
        heartbeat.stop()

    paths = [seen.path for seen in server.seen]
    assert paths[0] == START
    assert set(paths[1:]) == {BEAT}
    assert server.seen[-1].body == b"stopped"


def test_no_beat_while_a_check_fails(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    heartbeat = Heartbeat(server.ping_url, 0.01, lambda: "database")

    heartbeat.start()
    try:
        wait_for(lambda: len(caplog.records) >= 2)
    finally:
        heartbeat.stop()

    assert [seen.path for seen in server.seen] == [START, BEAT]  # the last
    assert caplog.messages[0] == "Heartbeat held back: readiness check database fails"


def test_stopping_on_an_error_pings_fail_with_the_reason(server: Server) -> None:
    heartbeat = Heartbeat(server.ping_url, 60, lambda: None)

    heartbeat.start()
    heartbeat.stop(error="RuntimeError: the database is gone")
    heartbeat.stop()  # a second stop sends nothing

    assert [seen.path for seen in server.seen] == [START, FAIL]
    assert server.seen[-1].body == b"RuntimeError: the database is gone"


def test_a_monitoring_service_that_is_down_costs_a_warning_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as unused:  # a port nothing listens on: connection refused
        unused.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/{SECRET}"
    heartbeat = Heartbeat(url, 60, lambda: None)

    heartbeat.start()
    heartbeat.stop()

    assert [record.levelno for record in caplog.records] == [logging.WARNING] * 2
    assert "ConnectionRefusedError" in caplog.messages[0]
    assert SECRET not in caplog.text


def test_without_a_url_nothing_is_sent(server: Server) -> None:
    heartbeat = Heartbeat("", 0.01, lambda: None)

    heartbeat.start()
    time.sleep(0.05)
    heartbeat.stop()

    assert server.seen == []


def test_the_application_beats_while_it_runs(
    server: Server, settings: Settings
) -> None:
    settings = dataclasses.replace(settings, healthcheck_url=server.ping_url)

    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        assert [seen.path for seen in server.seen] == [START]

    assert [(seen.path, seen.body) for seen in server.seen] == [
        (START, b""),
        (BEAT, b"stopped"),
    ]
