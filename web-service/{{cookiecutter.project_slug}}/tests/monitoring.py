"""The tests' monitoring service: an HTTP server on 127.0.0.1 that records each ping.

pytest loads this module as a plugin (`-p monitoring` in pyproject.toml), so its fixtures
are there for every test, as conftest.py's are.
"""

import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from typing import NamedTuple

import pytest

# health.URL_ENV_VAR, spelled out: this module imports nothing of the package, so pytest loads
# it (as pyproject.toml asks) even where the package has a health module of its own.
URL_ENV_VAR = "{{ cookiecutter.__healthcheck_variable }}"
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
        self.ping_url = f"{self.url}/{SECRET}"  # as healthchecks.io gives one


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


@pytest.fixture
def server() -> Iterator[Server]:
    """A server of the test's own, running until the test ends."""
    with Server() as service:
        threading.Thread(target=service.serve_forever, args=(0.01,)).start()
        yield service
        service.shutdown()  # returns once serve_forever() has


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's ping URL and proxy settings out of the tests."""
    monkeypatch.delenv(URL_ENV_VAR, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
