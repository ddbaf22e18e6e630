"""The plugin as users meet it: a Datasette instance, queried through ``datasette.client``.

``Datasette(memory=True)`` loads every installed plugin through its entry point, as
``datasette serve`` does, and ``datasette.client`` sends it requests without a server.
``asyncio.run()`` runs Datasette's coroutines: the tests need no async plugin for pytest.
The health-check ping goes to a real HTTP server on 127.0.0.1.
"""

import asyncio
import contextlib
import http.server
import importlib.metadata
import logging
import socket
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from datasette import __version__ as datasette_version
from datasette.app import Datasette

import {{ cookiecutter.module_name }}
from {{ cookiecutter.module_name }} import health

NAME = "{{ cookiecutter.project_slug }}"


@pytest.fixture(autouse=True)
def users_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Datasette a test starts pings: no URL or proxy leaks in from this shell."""
    monkeypatch.delenv(health.URL_ENV_VAR, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")


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


class Monitor(http.server.ThreadingHTTPServer):
    """A monitoring service on 127.0.0.1 that records the pings it receives."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), PingHandler)
        self.pings: list[tuple[str, str]] = []  # each ping's path and message

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/check"


class PingHandler(http.server.BaseHTTPRequestHandler):
    server: Monitor

    def do_POST(self) -> None:  # a ping with a message is a POST
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.pings.append((self.path, body.decode()))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Keep the server quiet."""


@pytest.fixture
def monitor() -> Iterator[Monitor]:
    with Monitor() as server:
        serving = threading.Thread(target=server.serve_forever, args=(0.01,))
        serving.start()
        yield server
        server.shutdown()
        serving.join()


def start(**plugin_config: object) -> None:
    """Start a Datasette with this configuration for the plugin, as `datasette serve` does."""
    datasette = Datasette(memory=True, metadata={"plugins": {NAME: plugin_config}})
    asyncio.run(datasette.invoke_startup())


@pytest.mark.parametrize("source", ["configuration", "$env", "variable"])
def test_startup_pings_success(
    monitor: Monitor, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    monkeypatch.setenv("MY_CHECK_URL", monitor.url)
    if source == "configuration":
        start(healthcheck_url=monitor.url)
    elif source == "$env":  # Datasette reads the variable that $env names
        start(healthcheck_url={"$env": "MY_CHECK_URL"})
    else:
        monkeypatch.setenv(health.URL_ENV_VAR, monitor.url)
        start()

    version = {{ cookiecutter.module_name }}.__version__
    started = f"Datasette {datasette_version} started with {NAME} {version}"
    assert monitor.pings == [("/check", started)]  # healthchecks.io's success


def test_an_empty_url_in_the_configuration_turns_pings_off(
    monitor: Monitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, monitor.url)

    start(healthcheck_url="")

    assert monitor.pings == []


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
