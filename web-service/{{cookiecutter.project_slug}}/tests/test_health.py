"""What the health-check ping sends, as the tests' monitoring service receives it."""

import logging

import pytest
from monitoring import SECRET, TOKEN, URL_ENV_VAR, Server

from {{ cookiecutter.module_name }} import health

HC, KUMA = f"/{SECRET}", f"/api/push/{TOKEN}"  # healthchecks.io and Uptime Kuma paths


@pytest.mark.parametrize(
    ("status", "path", "sent"),
    [
        ("success", HC, (HC, {})),
        ("start", HC, (f"{HC}/start", {})),
        ("fail", HC, (f"{HC}/fail", {})),
        (3, HC, (f"{HC}/3", {})),
        (-9, HC, (f"{HC}/fail", {})),  # killed by a signal
        (0, f"{KUMA}?msg=OK", (KUMA, {"status": ["up"], "msg": ["exit code 0"]})),
        ("fail", KUMA, (KUMA, {"status": ["down"], "msg": ["fail"]})),
        ("start", KUMA, None),  # Kuma has no start signal: nothing is sent
    ],
)
def test_signals(
    server: Server, status: health.Status | int, path: str, sent: object
) -> None:
    assert health.ping(status, server.url + path).ok
    assert [(seen.path, seen.query) for seen in server.seen] == ([sent] if sent else [])


def test_run_id_and_message_go_with_the_ping(server: Server) -> None:
    health.ping(1, f"{server.url}/job?create=1", run_id="r1", message="disk full")

    # The URL's own query is kept, and a message is POSTed.
    query = {"create": ["1"], "rid": ["r1"]}
    assert server.seen == [("POST", "/job/1", query, b"disk full")]


def test_the_url_comes_from_the_argument_else_the_variable(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert health.URL_ENV_VAR == URL_ENV_VAR  # the one monitoring.py keeps out of tests
    monkeypatch.setattr(health, "BASE_URL", server.url)
    monkeypatch.setenv(health.URL_ENV_VAR, f" {server.url}/the-variable\n")
    health.ping()
    health.ping(url=f"{server.url}/the-argument")
    health.ping(url="")  # an empty argument turns pings off
    monkeypatch.setenv(health.URL_ENV_VAR, SECRET)  # a check's ID alone
    health.ping()
    monkeypatch.delenv(health.URL_ENV_VAR)

    assert health.ping().skipped == "no URL configured"
    assert [seen.path for seen in server.seen] == ["/the-variable", "/the-argument", HC]


def test_a_5xx_is_retried_and_a_failure_returned_not_raised(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.replies = [503, 404]

    result = health.ping(url=f"{server.url}/{SECRET}?rid={SECRET}", backoff=0)

    assert (result.ok, result.attempts, result.error) == (False, 2, "HTTP 404")
    # The logs name the service by its origin only: the path and query are secret.
    assert caplog.messages[-1] == f"Health ping to {server.url} failed: HTTP 404"
    assert SECRET not in caplog.text
