"""Tests for the health-check ping, against a real HTTP server on 127.0.0.1."""

import contextlib
import http.server
import logging
import socket
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from {{ cookiecutter.module_name }} import health

# Stand-ins for the secrets a real URL carries; they must never reach the logs.
SECRET = "0f3c2d1e-5b6a-4c7d-8e9f-a1b2c3d4e5f6"
TOKEN = "kUmAsEcReTtOkEn"


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes
    headers: dict[str, str]


class Server(http.server.ThreadingHTTPServer):
    """Records requests and answers them as scripted: 200 OK unless told otherwise."""

    # Wait for handler threads on close, so no socket outlives the test.
    daemon_threads = False
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.seen: list[Seen] = []
        self.replies: deque[tuple[int, float, bool]] = deque()
        self.closing = threading.Event()
        self.location = "/moved"  # where a 3xx reply points

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def reply(self, *statuses: int, delay: float = 0.0, drip: bool = False) -> None:
        """Answer the next requests with these statuses, after ``delay`` seconds.

        With ``drip``, the reply starts at once, but its headers never end: another
        line comes every ``delay`` seconds.
        """
        self.replies.extend((status, delay, drip) for status in statuses)


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(
            Seen(
                method=self.command,
                path=split.path,
                query=urllib.parse.parse_qs(split.query, keep_blank_values=True),
                body=body,
                headers=dict(self.headers),
            )
        )
        replies = self.server.replies
        status, delay, drip = replies.popleft() if replies else (200, 0, False)
        if drip:
            self.send_response(status)
            self.flush_headers()
            with contextlib.suppress(OSError):  # the client gives up
                while not self.server.closing.wait(delay):
                    self.wfile.write(b"X-Drip: 1\r\n")
            return
        # An event rather than sleep(), so closing the server cuts a delay short.
        if delay and self.server.closing.wait(delay):
            return  # the client gave up long ago
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", self.server.location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"OK")

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        """Keep the server quiet."""


@pytest.fixture
def server() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, args=(0.01,))
    thread.start()
    yield server
    server.closing.set()
    server.shutdown()
    server.server_close()
    thread.join()


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
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/{SECRET}"


@pytest.mark.parametrize(
    ("status", "path"),
    [
        ("success", f"/{SECRET}"),
        ("start", f"/{SECRET}/start"),
        ("fail", f"/{SECRET}/fail"),
        (0, f"/{SECRET}/0"),
        (1, f"/{SECRET}/1"),
        (255, f"/{SECRET}/255"),
        (-9, f"/{SECRET}/fail"),  # killed by a signal, as subprocess reports it
        (256, f"/{SECRET}/fail"),
        (0xC0000005, f"/{SECRET}/fail"),  # a Windows crash
    ],
)
def test_healthchecks_signals(
    server: Server, status: health.Status | int, path: str
) -> None:
    result = health.ping(status, f"{server.url}/{SECRET}")

    assert result == health.PingResult(sent=True, ok=True, status_code=200, attempts=1)
    [seen] = server.seen
    assert (seen.method, seen.path, seen.query) == ("GET", path, {})


def test_user_agent_names_the_module(server: Server) -> None:
    module = "{{ cookiecutter.module_name }}.health"

    health.ping(url=f"{server.url}/{SECRET}")

    assert module in server.seen[0].headers["User-Agent"]


def test_trailing_slash_and_query_are_kept_apart(server: Server) -> None:
    health.ping("fail", f"{server.url}/ping/key/my-job/?create=1", run_id="r1")

    [seen] = server.seen
    assert seen.path == "/ping/key/my-job/fail"
    assert seen.query == {"create": ["1"], "rid": ["r1"]}


def test_run_id(server: Server) -> None:
    run_id = "6f1c0a52-3f0e-4d4b-9a0e-2c6f0a3f1b7d"

    health.ping("start", f"{server.url}/{SECRET}", run_id=run_id)

    assert server.seen[0].query == {"rid": [run_id]}


def test_message_is_posted(server: Server) -> None:
    health.ping(1, f"{server.url}/{SECRET}", message="disk full\n")

    [seen] = server.seen
    assert (seen.method, seen.path) == ("POST", f"/{SECRET}/1")
    assert seen.body == b"disk full\n"
    assert seen.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_long_message_keeps_its_end(server: Server) -> None:
    # Two-byte characters, so the cut lands inside one.
    message = "é" * 60_000 + "the error"

    health.ping("fail", f"{server.url}/{SECRET}", message=message)

    body = server.seen[0].body
    assert len(body) <= 100_000
    assert body.decode().endswith("é" * 1000 + "the error")


def test_unencodable_message_is_sent_anyway(server: Server) -> None:
    # A lone surrogate, as os.fsdecode() makes of a byte that isn't UTF-8.
    health.ping("fail", f"{server.url}/{SECRET}", message="bad byte: \udcff")

    assert server.seen[0].body == b"bad byte: ?"


def test_kuma_success_is_up(server: Server) -> None:
    result = health.ping(url=f"{server.url}/api/push/{TOKEN}")

    assert result.ok
    [seen] = server.seen
    assert (seen.method, seen.path) == ("GET", f"/api/push/{TOKEN}")
    assert seen.query == {"status": ["up"], "msg": ["success"]}


@pytest.mark.parametrize(
    ("status", "message", "query"),
    [
        ("fail", "disk full", {"status": ["down"], "msg": ["disk full"]}),
        ("fail", None, {"status": ["down"], "msg": ["fail"]}),
        (3, None, {"status": ["down"], "msg": ["exit code 3"]}),
        (0, None, {"status": ["up"], "msg": ["exit code 0"]}),
        (-9, None, {"status": ["down"], "msg": ["fail"]}),
        ("success", "12 rows", {"status": ["up"], "msg": ["12 rows"]}),
    ],
)
def test_kuma_status_and_message(
    server: Server,
    status: health.Status | int,
    message: str | None,
    query: dict[str, list[str]],
) -> None:
    health.ping(status, f"{server.url}/api/push/{TOKEN}", message=message)

    assert server.seen[0].query == query


def test_kuma_ready_made_url_values_are_replaced(server: Server) -> None:
    health.ping("fail", f"{server.url}/api/push/{TOKEN}?status=up&msg=OK&ping=")

    assert server.seen[0].query == {"status": ["down"], "msg": ["fail"]}


def test_kuma_start_is_skipped(server: Server) -> None:
    result = health.ping("start", f"{server.url}/api/push/{TOKEN}")

    assert result.ok
    assert not result.sent
    assert result.skipped == "Uptime Kuma has no start signal"
    assert server.seen == []


def test_env_var_is_used_without_argument(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, f" {server.url}/{SECRET}\n")

    assert health.ping().ok
    assert server.seen[0].path == f"/{SECRET}"


def test_a_check_id_alone_goes_to_the_monitoring_service(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "BASE_URL", server.url)
    monkeypatch.setenv(health.URL_ENV_VAR, f"{SECRET}/nightly-backup")

    assert health.ping("fail").ok
    assert server.seen[0].path == f"/{SECRET}/nightly-backup/fail"


def test_argument_beats_env_var(
    server: Server, monkeypatch: pytest.MonkeyPatch, closed_port_url: str
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, closed_port_url)

    assert health.ping(url=f"{server.url}/{SECRET}").ok


@pytest.mark.parametrize("env_value", [None, "", "  "])
def test_no_url_sends_nothing(
    server: Server, monkeypatch: pytest.MonkeyPatch, env_value: str | None
) -> None:
    if env_value is not None:
        monkeypatch.setenv(health.URL_ENV_VAR, env_value)

    result = health.ping("fail")

    assert result == health.PingResult(sent=False, ok=True, skipped="no URL configured")
    assert server.seen == []


def test_empty_argument_disables_env_var(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, f"{server.url}/{SECRET}")

    assert not health.ping(url="").sent
    assert server.seen == []


@pytest.mark.parametrize("status", ["done", "", True, 1.0, None])
def test_invalid_status_sends_nothing(server: Server, status: object) -> None:
    result = health.ping(status, f"{server.url}/{SECRET}")  # type: ignore[arg-type]

    assert (result.sent, result.ok, result.error) == (False, False, "invalid status")
    assert server.seen == []


@pytest.mark.parametrize(
    "url",
    [
        f"file:///etc/{SECRET}",
        f"ftp://127.0.0.1/{SECRET}",
        f"127.0.0.1/{SECRET}",
        f"http://127.0.0.1:notaport/{SECRET}",
        f"http://127.0.0.1/{SECRET} x",
        f"http://127.0.0.1/{SECRET}/ü",
        "http:///no-host",
        f"http://user:{SECRET}@127.0.0.1/",
    ],
)
def test_invalid_url_sends_nothing(url: str) -> None:
    result = health.ping(url=url)

    assert (result.sent, result.ok, result.error) == (False, False, "invalid URL")


def test_5xx_is_retried_until_it_succeeds(server: Server) -> None:
    server.reply(503, 502)

    result = health.ping(url=f"{server.url}/{SECRET}", retries=2, backoff=0)

    assert result == health.PingResult(sent=True, ok=True, status_code=200, attempts=3)
    assert len(server.seen) == 3


def test_retries_back_off_and_stop(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)  # the server never sleeps
    server.reply(500, 500, 500, 500)

    result = health.ping(url=f"{server.url}/{SECRET}", retries=2, backoff=0.5)

    assert result == health.PingResult(
        sent=True, ok=False, status_code=500, attempts=3, error="HTTP 500"
    )
    assert len(server.seen) == 3
    assert sleeps == [0.5, 1.0]


def test_4xx_is_not_retried(server: Server) -> None:
    server.reply(404)

    result = health.ping(url=f"{server.url}/{SECRET}", backoff=0)

    assert result == health.PingResult(
        sent=True, ok=False, status_code=404, attempts=1, error="HTTP 404"
    )
    assert len(server.seen) == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_are_not_followed(
    server: Server, closed_port_url: str, status: int
) -> None:
    # Following it would send the secret path to another host (here, one that is down).
    server.location = closed_port_url
    server.reply(status)

    result = health.ping(url=f"{server.url}/{SECRET}")

    assert result == health.PingResult(
        sent=True,
        ok=False,
        status_code=status,
        attempts=1,
        error=f"HTTP {status}: redirects are not followed",
    )
    assert len(server.seen) == 1


def test_negative_retries_means_one_attempt(server: Server) -> None:
    server.reply(500)

    assert health.ping(url=f"{server.url}/{SECRET}", retries=-3).attempts == 1


def test_failure_is_logged_with_the_host_only(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    server.reply(404)

    health.ping(url=f"{server.url}/{SECRET}")

    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == f"Health ping to {server.url} failed: HTTP 404"
    assert not logging.getLogger(health.__name__).handlers  # the app decides


def test_connection_refused_is_reported_not_raised(closed_port_url: str) -> None:
    result = health.ping(url=closed_port_url, retries=1, backoff=0)

    assert (result.sent, result.ok, result.attempts) == (True, False, 2)
    assert result.status_code is None
    assert result.error is not None
    assert "ConnectionRefusedError" in result.error


def test_slow_server_gives_up_within_the_documented_bound(server: Server) -> None:
    timeout, retries, backoff = 0.2, 1, 0.05
    bound = (retries + 1) * timeout + backoff * (2**retries - 1)
    server.reply(200, 200, delay=10)

    start = time.monotonic()
    result = health.ping(
        url=f"{server.url}/{SECRET}", timeout=timeout, retries=retries, backoff=backoff
    )
    elapsed = time.monotonic() - start

    assert (result.ok, result.attempts, result.error) == (False, 2, "TimeoutError")
    assert elapsed < bound + 0.25


def test_a_reply_that_never_ends_gives_up_within_the_bound(server: Server) -> None:
    # Each header line comes well within the timeout; the headers never end.
    timeout, retries, backoff = 0.2, 1, 0.05
    bound = (retries + 1) * timeout + backoff * (2**retries - 1)
    server.reply(200, 200, delay=0.02, drip=True)

    start = time.monotonic()
    result = health.ping(
        url=f"{server.url}/{SECRET}", timeout=timeout, retries=retries, backoff=backoff
    )
    elapsed = time.monotonic() - start

    assert (result.ok, result.attempts, result.error) == (False, 2, "TimeoutError")
    assert elapsed < bound + 0.25


@pytest.mark.parametrize(
    "scenario",
    ["ok", "302", "404", "500", "slow", "refused", "kuma", "kuma start", "bad"],
)
def test_logs_never_show_the_secret(
    server: Server,
    closed_port_url: str,
    caplog: pytest.LogCaptureFixture,
    scenario: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"{server.url}/{SECRET}?rid={SECRET}"
    status: health.Status = "success"
    if scenario in ("302", "404", "500"):
        server.reply(int(scenario), int(scenario))
    elif scenario == "slow":
        server.reply(200, 200, delay=10)
    elif scenario == "refused":
        url = closed_port_url
    elif scenario.startswith("kuma"):
        url = f"{server.url}/api/push/{TOKEN}?status=up&msg=OK&ping="
        status = "start" if scenario == "kuma start" else "fail"
    elif scenario == "bad":
        url = f"http://127.0.0.1:99999/{SECRET}/{TOKEN}"

    result = health.ping(status, url, timeout=0.1, retries=1, backoff=0)

    assert caplog.records
    for text in (caplog.text, repr(result)):
        assert SECRET not in text
        assert TOKEN not in text
        assert "/api/push" not in text
