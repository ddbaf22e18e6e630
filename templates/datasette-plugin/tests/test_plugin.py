"""The plugin as users meet it: a Datasette instance, queried through ``datasette.client``.

``Datasette(memory=True)`` loads every installed plugin through its entry point, as
``datasette serve`` does, and ``datasette.client`` sends it requests without a server.
``asyncio.run()`` runs Datasette's coroutines: the tests need no async plugin for pytest.
The health-check ping goes to the tests' monitoring service (monitoring.py).
"""

import asyncio
import contextlib
import importlib.metadata
import logging
import socket
import sqlite3
import time
import urllib.parse
from typing import Any

import pytest
from datasette import __version__ as datasette_version
from datasette.app import Datasette
from monitoring import SECRET, Server

import {{ cookiecutter.module_name }}
from {{ cookiecutter.module_name }} import health

NAME = "{{ cookiecutter.project_slug }}"


def get_json(datasette: Datasette, path: str) -> Any:
    """GET `path` from `datasette` and return the JSON it answers with."""
    # Datasette 1.0 redirects /db.json?sql= to /db/-/query.json?sql=
    response = asyncio.run(datasette.client.get(path, follow_redirects=True))
    assert response.status_code == 200, response.text
    return response.json()


def select(sql: str) -> Any:
    """The rows `sql` gives on a new in-memory Datasette."""
    query = urllib.parse.urlencode({"sql": sql, "_shape": "array"})
    return get_json(Datasette(memory=True), f"/_memory.json?{query}")


def test_datasette_loads_the_plugin_through_its_entry_point() -> None:
    module = "{{ cookiecutter.module_name }}"
    [entry_point] = importlib.metadata.entry_points(group="datasette", name=module)
    assert entry_point.value == module

    plugins = get_json(Datasette(memory=True), "/-/plugins.json")

    [plugin] = [plugin for plugin in plugins if plugin["name"] == NAME]
    assert plugin["version"] == {{ cookiecutter.module_name }}.__version__
    assert sorted(plugin["hooks"]) == ["prepare_connection", "startup"]


@pytest.mark.parametrize(
    ("argument", "greeting"),
    [("'World'", "Hello, World!"), ("'  Ada '", "Hello, Ada!"), ("null", None)],
)
def test_greet_in_sql(argument: str, greeting: str | None) -> None:
    assert select(f"select greet({argument}) as greeting") == [{"greeting": greeting}]


def test_greet_is_deterministic() -> None:
    # SQLite accepts only deterministic functions in an index.
    sql = "create table people(name); create index by_greeting on people(greet(name))"
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        {{ cookiecutter.module_name }}.prepare_connection(conn, "test")
        conn.executescript(sql)


def test_logs_each_connection_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="{{ cookiecutter.module_name }}"):
        select("select 1")

    assert "greet() added to a connection to _memory" in caplog.messages


def test_the_plugin_adds_no_logging_handlers() -> None:
    assert logging.getLogger("{{ cookiecutter.module_name }}").handlers == []


def start(**plugin_config: object) -> None:
    """Start a Datasette with this configuration for the plugin, as `datasette serve` does."""
    datasette = Datasette(memory=True, metadata={"plugins": {NAME: plugin_config}})
    asyncio.run(datasette.invoke_startup())


@pytest.mark.parametrize("source", ["configuration", "$env", "variable"])
def test_startup_pings_success(
    server: Server, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    monkeypatch.setenv("MY_CHECK_URL", server.ping_url)
    if source == "configuration":
        start(healthcheck_url=server.ping_url)
    elif source == "$env":  # Datasette reads the variable that $env names
        start(healthcheck_url={"$env": "MY_CHECK_URL"})
    else:
        monkeypatch.setenv(health.URL_ENV_VAR, server.ping_url)
        start()

    version = {{ cookiecutter.module_name }}.__version__
    started = f"Datasette {datasette_version} started with {NAME} {version}"
    # healthchecks.io's success, with a message
    assert server.seen == [("POST", f"/{SECRET}", {}, started.encode())]


def test_an_empty_url_in_the_configuration_turns_pings_off(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, server.ping_url)

    start(healthcheck_url="")

    assert server.seen == []


def test_a_monitoring_service_that_is_down_only_delays_startup(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/secret-uuid"
    backoffs: list[float] = []
    monkeypatch.setattr(time, "sleep", backoffs.append)  # the waits between retries

    start(healthcheck_url=url)

    assert backoffs == [0.5, 1.0]
    assert "Health ping to http://127.0.0.1:" in caplog.text
    assert "secret-uuid" not in caplog.text
