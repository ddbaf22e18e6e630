"""What the health-check ping sends, checked against a real HTTP server on 127.0.0.1."""

import http.server
import logging
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from typing import NamedTuple

import pytest

from {{ cookiecutter.module_name }} import health

# Stand-ins for the secrets a real URL carries; they must never reach the logs.
SECRET = "0f3c2d1e-5b6a-4c7d-8e9f-a1b2c3d4e5f6"
TOKEN = "kUmAsEcReTtOkEn"


class Seen(NamedTuple):  # a request, as the server received it
    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes


class Server(http.server.ThreadingHTTPServer):
    """Records requests and answers each with the next status in `replies`, else 200."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.seen: list[Seen] = []
        self.replies: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(Seen(self.command, url.path, query, body))
        self.send_response(self.server.replies.pop(0) if self.server.replies else 200)
        self.send_header("Location", "/moved")  # where a 3xx points
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        """Keep the server quiet."""


@pytest.fixture(scope="module")
def monitoring_service() -> Iterator[Server]:
    with Server() as service:
        threading.Thread(target=service.serve_forever, args=(0.01,)).start()
        yield service
        service.shutdown()  # returns once serve_forever() has


@pytest.fixture
def server(monitoring_service: Server) -> Server:
    """The module's server, with no request seen and no reply scripted yet."""
    monitoring_service.seen.clear()
    monitoring_service.replies.clear()
    return monitoring_service


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's ping URL and proxy settings out of the tests."""
    monkeypatch.delenv(health.URL_ENV_VAR, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")


@pytest.fixture
def closed_port_url() -> str:
    """A URL on a port nothing listens on, so connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/{SECRET}"


@pytest.mark.parametrize(
    ("status", "path"),
    [
        ("success", f"/{SECRET}"),
        ("start", f"/{SECRET}/start"),
        ("fail", f"/{SECRET}/fail"),
        (0, f"/{SECRET}/0"),
        (255, f"/{SECRET}/255"),
        (-9, f"/{SECRET}/fail"),  # killed by a signal, as subprocess reports it
        (256, f"/{SECRET}/fail"),
    ],
)
def test_healthchecks_signals(
    server: Server, status: health.Status | int, path: str
) -> None:
    result = health.ping(status, f"{server.url}/{SECRET}")

    assert result == health.PingResult(sent=True, ok=True, status_code=200, attempts=1)
    assert server.seen == [("GET", path, {}, b"")]


def test_run_id_and_message_go_with_the_ping(server: Server) -> None:
    # Two-byte characters, so the cut to the last 100 kB lands inside one.
    message = "é" * 60_000 + "the error"

    health.ping(1, f"{server.url}/key/my-job/?create=1", run_id="r1", message=message)

    query = {"create": ["1"], "rid": ["r1"]}  # the URL's own query is kept
    body = ("é" * 49_995 + "the error").encode()
    assert server.seen == [("POST", "/key/my-job/1", query, body)]


@pytest.mark.parametrize(
    ("status", "message", "query"),
    [
        ("success", None, {"status": ["up"], "msg": ["success"]}),
        ("fail", "disk full", {"status": ["down"], "msg": ["disk full"]}),
        (0, None, {"status": ["up"], "msg": ["exit code 0"]}),
        (3, None, {"status": ["down"], "msg": ["exit code 3"]}),
        ("start", None, None),  # Kuma has no start signal: nothing is sent
    ],
)
def test_uptime_kuma(
    server: Server, status: health.Status | int, message: str | None, query: object
) -> None:
    # As Kuma shows the URL, with sample values that the ping replaces.
    url = f"{server.url}/api/push/{TOKEN}?status=up&msg=OK&ping="

    assert health.ping(status, url, message=message).ok
    sent = [("GET", f"/api/push/{TOKEN}", query, b"")]
    assert server.seen == (sent if query else [])


@pytest.mark.parametrize(
    ("argument", "variable", "path"),
    [
        (None, " {url}/the-check\n", "/the-check"),
        (None, f"{SECRET}/nightly-backup", f"/{SECRET}/nightly-backup"),  # an ID alone
        ("{url}/the-argument", "{url}/the-variable", "/the-argument"),
        ("", "{url}/the-variable", None),  # an empty argument turns pings off
        (None, " ", None),
        (None, None, None),
    ],
)
def test_where_the_url_comes_from(
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    argument: str | None,
    variable: str | None,
    path: str | None,
) -> None:
    monkeypatch.setattr(health, "BASE_URL", server.url)
    if variable is not None:
        monkeypatch.setenv(health.URL_ENV_VAR, variable.format(url=server.url))

    result = health.ping(url=argument and argument.format(url=server.url))

    assert result.ok
    assert [seen.path for seen in server.seen] == ([path] if path else [])


@pytest.mark.parametrize(
    ("status", "url", "error"),
    [
        ("done", f"http://127.0.0.1/{SECRET}", "invalid status"),
        # Python counts a bool as an int, but True is no exit code.
        (True, f"http://127.0.0.1/{SECRET}", "invalid status"),
        ("fail", f"ftp://127.0.0.1/{SECRET}", "invalid URL"),
        ("fail", f"http://127.0.0.1:notaport/{SECRET}", "invalid URL"),
        ("fail", f"http://user:{SECRET}@127.0.0.1/", "invalid URL"),
        ("fail", f"http://127.0.0.1/{SECRET}/ü", "invalid URL"),
    ],
)
def test_bad_input_sends_nothing(
    status: health.Status, url: str, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    result = health.ping(status, url)

    assert result == health.PingResult(sent=False, ok=False, error=error)
    assert [record.levelno for record in caplog.records] == [logging.WARNING]
    assert SECRET not in caplog.text


def test_5xx_and_connection_errors_are_retried_with_backoff(
    server: Server, monkeypatch: pytest.MonkeyPatch, closed_port_url: str
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)  # the server never sleeps
    server.replies = [503, 502]

    result = health.ping(url=f"{server.url}/{SECRET}", retries=2, backoff=0.5)
    refused = health.ping(url=closed_port_url, retries=1, backoff=0.5)

    assert result == health.PingResult(sent=True, ok=True, status_code=200, attempts=3)
    assert (refused.ok, refused.attempts, refused.status_code) == (False, 2, None)
    assert str(refused.error).startswith("ConnectionRefusedError")
    assert sleeps == [0.5, 1.0, 0.5]


@pytest.mark.parametrize(
    ("code", "tries", "error"),
    [
        (500, 3, "HTTP 500"),
        (404, 1, "HTTP 404"),
        (302, 1, "HTTP 302: redirects are not followed"),
    ],
)
def test_a_failure_is_final_after_the_retries_or_at_once(
    server: Server, caplog: pytest.LogCaptureFixture, code: int, tries: int, error: str
) -> None:
    caplog.set_level(logging.DEBUG)
    server.replies = [code] * 3

    result = health.ping(url=f"{server.url}/{SECRET}?rid={SECRET}", backoff=0)

    assert result == health.PingResult(
        sent=True, ok=False, status_code=code, attempts=tries, error=error
    )
    assert len(server.seen) == tries  # a redirect is not followed either
    # The log names the service by its origin only: the path and query are secret.
    assert caplog.messages[-1] == f"Health ping to {server.url} failed: {error}"
    assert SECRET not in caplog.text
    assert not logging.getLogger(health.__name__).handlers  # the app decides
