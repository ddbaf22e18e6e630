"""What the health-check ping sends, checked against a real HTTP server on 127.0.0.1."""

import http.server
import logging
import threading
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
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(Seen(self.command, url.path, query, body))
        self.send_response(self.server.replies.pop(0) if self.server.replies else 200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        """Keep quiet: some tests check all that is printed."""


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
