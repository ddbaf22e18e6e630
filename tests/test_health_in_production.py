"""Issue #7: the health ping in production, against monitoring services that misbehave.

Every generated project gets the same standard-library `health.py`, and its own tests cover
the common cases of what a ping sends. These tests drive that module, as each kind renders it,
against real servers on 127.0.0.1 that are down, slow, redirect, answer 4xx or 5xx, talk
garbage or present a bad TLS certificate, and check the rarer cases of what it sends and
refuses to send (issue #16 moved them here from the projects). In every case no exception
escapes, the call returns within the bound its docstring documents, the `PingResult` says what
happened, and no log record (at DEBUG) shows the secret part of the URL, its path and query.
They live in the collection, not in the generated projects, because they are the template's
promises rather than a team's code, and the TLS cases need `trustme`.

What a ping does, decided here:

- It does not follow redirects: any 3xx is a final failure, because following one could carry
  the secret path to another origin (and each hop would cost a timeout of its own).
- It reads the status line and headers, never the body, so a 200 counts as accepted however
  the rest of the reply goes on; a reply that never ends its headers times out.
"""

from __future__ import annotations

import datetime
import http
import importlib.util
import logging
import random
import re
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import trustme
from answer_sets import ALL
from pytest_cookies.plugin import Cookies
from rendering import KINDS, bake

# One worker renders each kind's module once and runs every test here.
pytestmark = pytest.mark.xdist_group("health-in-production")

# Stand-ins for the two secret parts of a ping URL: its path and its query.
SECRET = "0f3c2d1e-5b6a-4c7d-8e9f-a1b2c3d4e5f6"
RUN_ID = "run-6f1c0a52-3f0e-4d4b"

TIMEOUT, RETRIES, BACKOFF = 0.2, 1, 0.05
# The bound ping()'s docstring documents, for these settings: 0.45 s.
BOUND = (RETRIES + 1) * TIMEOUT + BACKOFF * (2**RETRIES - 1)
MARGIN = 0.25  # for a busy machine's thread scheduling

RESET = "reset"  # in a server's script: abort the connection (TCP RST)
Step = bytes | float | str


@pytest.fixture(scope="module", params=KINDS)
def health(request: pytest.FixtureRequest, cookies_session: Cookies) -> Iterator[ModuleType]:
    """`health.py` as each kind renders it with the defaults, imported from its file."""
    kind = request.param
    (answer_set,) = (answers for answers in ALL if answers.id == f"{kind}-defaults")
    project = bake(cookies_session, answer_set)
    (path,) = project.glob("src/*/health.py")
    spec = importlib.util.spec_from_file_location(f"rendered_health_{kind.replace('-', '_')}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(autouse=True)
def environment(
    health: ModuleType, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """No ping URL, proxy or certificate store from the shell; every log record captured."""
    for name in (health.URL_ENV_VAR, "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    caplog.set_level(logging.DEBUG)


class Server:
    """A TCP server on 127.0.0.1 that answers every connection with the same script.

    Each connection gets a thread: it completes the TLS handshake if `tls` is given (after
    `handshake_delay` seconds), reads the request unless `read` is false, then plays the script:
    bytes are sent, a number waits that many seconds, RESET aborts the connection. Closing the
    server cuts every wait short and joins every thread.
    """

    def __init__(
        self, *script: Step, tls: ssl.SSLContext | None = None, handshake_delay: float = 0, read: bool = True
    ) -> None:
        self.script = script
        self.tls = tls
        self.handshake_delay = handshake_delay
        self.read = read
        self.requests: list[bytes] = []  # each request received
        self.connections = 0
        self.closing = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.01)
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept)
        self._acceptor.start()

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def url(self, scheme: str | None = None) -> str:
        scheme = scheme or ("https" if self.tls else "http")
        return f"{scheme}://127.0.0.1:{self.port}/{SECRET}"

    def close(self) -> None:
        self.closing.set()
        self._acceptor.join()
        self._listener.close()
        for thread in self._threads:
            thread.join()

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,))
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)  # a safety net: the client's own time limits end it sooner
        try:
            if self.tls:
                if self.closing.wait(self.handshake_delay):
                    return
                conn = self.tls.wrap_socket(conn, server_side=True)
            if self.read:
                self.requests.append(read_request(conn))
            for step in self.script:
                if isinstance(step, bytes):
                    conn.sendall(step)
                elif step == RESET:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                elif isinstance(step, float) and self.closing.wait(step):
                    return
        except OSError:
            pass  # the client gave up, or refused the certificate
        finally:
            conn.close()


def read_request(conn: socket.socket) -> bytes:
    """Read one request; return it (or whatever came before the client closed)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length and (chunk := conn.recv(65536)):
        body += chunk
    return head + b"\r\n\r\n" + body


def response(status: int, *headers: str, body: bytes = b"") -> bytes:
    head = [f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}", f"Content-Length: {len(body)}", *headers]
    return "".join(f"{line}\r\n" for line in head).encode() + b"\r\n" + body


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    """Start servers for the test; all are closed, and their threads joined, after it."""
    servers: list[Server] = []

    def start(*script: Step, **options: Any) -> Server:
        servers.append(Server(*script, **options))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def ping(
    health: ModuleType, caplog: pytest.LogCaptureFixture, record_property: Callable[[str, object], None]
) -> Callable[..., Any]:
    """ping() with tiny time limits, checking the bound and the logs on every call."""

    def ping(url: str, status: object = "success", **kwargs: Any) -> Any:
        options = {"run_id": RUN_ID, "timeout": TIMEOUT, "retries": RETRIES, "backoff": BACKOFF} | kwargs
        start = time.monotonic()
        result = health.ping(status, url, **options)
        elapsed = time.monotonic() - start
        record_property("elapsed", f"{elapsed:.3f}")

        assert elapsed < BOUND + MARGIN, f"ping took {elapsed:.2f} s; the documented bound is {BOUND:.2f} s"
        assert caplog.records
        for text in (caplog.text, repr(result)):
            for secret in (SECRET, RUN_ID, "/api/push"):
                assert secret not in text
        # The log says what happened, naming the service by its origin only.
        if result.sent:
            origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
            said = f": HTTP {result.status_code}" if result.ok else f" failed: {result.error}"
            level = logging.DEBUG if result.ok else logging.WARNING
            assert (health.__name__, level, f"Health ping to {origin}{said}") in caplog.record_tuples
        assert not logging.getLogger(health.__name__).handlers  # the application decides
        return result

    return ping


def failed(
    health: ModuleType, error: str, *, attempts: int = RETRIES + 1, status_code: int | None = None
) -> Any:
    return health.PingResult(sent=True, ok=False, status_code=status_code, attempts=attempts, error=error)


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- what a ping sends, and refuses to send ---------------------------------------------------
# The projects' own tests cover the common cases; these are the rarer ones.

KUMA = f"/api/push/{SECRET}?status=up&msg=OK&ping="  # as Uptime Kuma shows a push URL


@pytest.mark.parametrize(
    ("path", "status", "message", "request_line"),
    [
        pytest.param(f"/{SECRET}", 1, None, f"GET /{SECRET}/1?rid={RUN_ID}", id="exit-code"),
        pytest.param(f"/{SECRET}", 0, None, f"GET /{SECRET}/0?rid={RUN_ID}", id="exit-code-0"),
        pytest.param(f"/{SECRET}", 255, None, f"GET /{SECRET}/255?rid={RUN_ID}", id="exit-code-255"),
        pytest.param(f"/{SECRET}", 256, None, f"GET /{SECRET}/fail?rid={RUN_ID}", id="exit-code-256"),
        pytest.param(f"/{SECRET}/", "start", None, f"GET /{SECRET}/start?rid={RUN_ID}", id="trailing-slash"),
        pytest.param(f"/{SECRET}", 0xC0000005, None, f"GET /{SECRET}/fail?rid={RUN_ID}", id="windows-crash"),
        pytest.param(
            KUMA, "success", None, f"GET /api/push/{SECRET}?status=up&msg=success", id="kuma-success"
        ),
        pytest.param(KUMA, "fail", None, f"GET /api/push/{SECRET}?status=down&msg=fail", id="kuma-fail"),
        pytest.param(
            KUMA, 3, None, f"GET /api/push/{SECRET}?status=down&msg=exit+code+3", id="kuma-exit-code"
        ),
        pytest.param(KUMA, -9, None, f"GET /api/push/{SECRET}?status=down&msg=fail", id="kuma-signal"),
        pytest.param(
            KUMA, "success", "12 rows", f"GET /api/push/{SECRET}?status=up&msg=12+rows", id="kuma-message"
        ),
        pytest.param(
            KUMA,
            "fail",
            "x" * 600,
            f"GET /api/push/{SECRET}?status=down&msg={'x' * 500}",
            id="kuma-long-message",
        ),
    ],
)
def test_what_is_sent(
    ping: Callable[..., Any],
    serve: Callable[..., Server],
    path: str,
    status: object,
    message: str | None,
    request_line: str,
) -> None:
    server = serve(response(200))

    result = ping(f"http://127.0.0.1:{server.port}{path}", status, message=message)

    assert result.ok
    assert server.requests[0].startswith(f"{request_line} HTTP/1.1\r\n".encode())


def test_headers_name_the_module_and_the_message_survives_bad_text(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server]
) -> None:
    server = serve(response(200))

    ping(server.url(), "fail", message="bad byte: \udcff")  # as os.fsdecode() makes of a bad byte

    head, _, body = server.requests[0].partition(b"\r\n\r\n")
    headers = head.decode().split("\r\n")
    assert f"User-Agent: {health.__name__} (Python urllib)" in headers
    assert "Content-Type: text/plain; charset=utf-8" in headers
    assert body == b"bad byte: ?"


def test_a_long_message_keeps_its_last_100_kB(ping: Callable[..., Any], serve: Callable[..., Server]) -> None:
    server = serve(response(200))

    # Two-byte characters, so that the cut lands inside one, which is dropped.
    ping(server.url(), "fail", message="é" * 60_000 + "the end")

    assert server.requests[0].partition(b"\r\n\r\n")[2] == ("é" * 49_996 + "the end").encode()


def test_a_blank_variable_sends_nothing(
    health: ModuleType, ping: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, " \n")

    assert ping(None) == health.PingResult(sent=False, ok=True, skipped="no URL configured")


def test_kuma_start_sends_nothing(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server]
) -> None:
    server = serve(response(200))

    result = ping(f"http://127.0.0.1:{server.port}{KUMA}", "start")

    assert result == health.PingResult(sent=False, ok=True, skipped="Uptime Kuma has no start signal")
    assert server.connections == 0


@pytest.mark.parametrize(
    ("status", "url", "error"),
    [
        *[
            (status, f"http://127.0.0.1/{SECRET}", "invalid status")
            for status in ("", "done", 1.0, None, False, True)
        ],
        *[
            ("fail", url, "invalid URL")
            for url in (
                f"file:///etc/{SECRET}",
                f"ftp://127.0.0.1/{SECRET}",
                f"127.0.0.1/{SECRET}",
                f"http://127.0.0.1:99999/{SECRET}",
                f"http://127.0.0.1:notaport/{SECRET}",
                f"http://127.0.0.1/{SECRET}/ü",
                f"http://127.0.0.1/{SECRET} x",
                f"http://127.0.0.1/{SECRET}\tx",
                "http:///no-host",
                f"http://[::1/{SECRET}",
                f"http://{SECRET}@127.0.0.1/",
                f"http://user:{SECRET}@127.0.0.1/",
            )
        ],
    ],
)
def test_bad_input_sends_nothing(
    health: ModuleType,
    ping: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
    status: object,
    url: str,
    error: str,
) -> None:
    assert ping(url, status) == health.PingResult(sent=False, ok=False, error=error)
    assert [record.levelno for record in caplog.records] == [logging.WARNING]


def test_retries_back_off_doubling(
    health: ModuleType,
    ping: Callable[..., Any],
    serve: Callable[..., Server],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(health.time, "sleep", sleeps.append)  # time.sleep itself, for this test
    server = serve(response(503))

    result = ping(server.url(), retries=3, backoff=0.5)

    assert result == failed(health, "HTTP 503", attempts=4, status_code=503)
    assert sleeps == [0.5, 1.0, 2.0]
    assert len(server.requests) == 4


def test_negative_retries_mean_one_attempt(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server]
) -> None:
    server = serve(response(500))

    result = ping(server.url(), retries=-3)

    assert result == failed(health, "HTTP 500", attempts=1, status_code=500)
    assert len(server.requests) == 1


# --- down -----------------------------------------------------------------------------------


def test_down_connection_refused(health: ModuleType, ping: Callable[..., Any], closed_port: int) -> None:
    result = ping(f"http://127.0.0.1:{closed_port}/{SECRET}")

    assert result == failed(health, result.error)
    assert result.error.startswith("ConnectionRefusedError")


@pytest.mark.parametrize(
    ("script", "error"),
    [
        pytest.param((), "RemoteDisconnected", id="closes-without-answering"),
        pytest.param((RESET,), "ConnectionResetError", id="resets-the-connection"),
    ],
)
def test_down_connection_dropped(
    health: ModuleType,
    ping: Callable[..., Any],
    serve: Callable[..., Server],
    script: tuple[Step],
    error: str,
) -> None:
    server = serve(*script)

    result = ping(server.url())

    assert result == failed(health, result.error)
    assert result.error.startswith(error)
    assert len(server.requests) == RETRIES + 1


# --- slow -----------------------------------------------------------------------------------

# A reply that dribbles in: every piece comes well within the timeout, the whole takes 2 s.
DRIP = (b"HTTP/1.1 200 OK\r\n", *[0.05, b"X-Drip: 1\r\n"] * 40, b"Content-Length: 0\r\n\r\n")


@pytest.mark.usefixtures("trust")
@pytest.mark.parametrize(
    ("script", "tls", "scheme"),
    [
        pytest.param((10.0, response(200)), False, None, id="sleeps-before-answering"),
        pytest.param(DRIP, False, None, id="drips-the-headers"),
        pytest.param(DRIP, True, None, id="slow-handshake-then-drips"),
        pytest.param((10.0,), False, "https", id="never-finishes-the-tls-handshake"),
    ],
)
def test_slow_service_times_out_within_the_bound(
    health: ModuleType,
    ping: Callable[..., Any],
    serve: Callable[..., Server],
    trusted_ca: trustme.CA,
    script: tuple[Step],
    tls: bool,
    scheme: str | None,
) -> None:
    context = server_context(trusted_ca.issue_cert("127.0.0.1")) if tls else None
    server = serve(*script, tls=context, handshake_delay=TIMEOUT / 2)

    result = ping(server.url(scheme))

    assert result == failed(health, "TimeoutError")
    assert server.connections == RETRIES + 1


# --- redirects ------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["same-origin", "other-origin", "same-url", "ftp"])
@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirects_are_not_followed(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], code: int, where: str
) -> None:
    elsewhere = serve(response(200))
    location = {
        "same-origin": "/moved",
        "other-origin": elsewhere.url(),  # with the secret path: it must not get there
        "same-url": f"/{SECRET}?rid={RUN_ID}",  # a loop
        "ftp": f"ftp://127.0.0.1:{elsewhere.port}/{SECRET}",
    }[where]
    server = serve(response(code, f"Location: {location}"))

    result = ping(server.url())

    assert result == failed(health, f"HTTP {code}: redirects are not followed", attempts=1, status_code=code)
    assert len(server.requests) == 1
    assert elsewhere.connections == 0


@pytest.mark.parametrize("code", [307, 308])
def test_a_message_is_not_posted_to_where_a_redirect_points(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], code: int
) -> None:
    elsewhere = serve(response(200))
    server = serve(response(code, f"Location: {elsewhere.url()}/fail"))

    result = ping(server.url(), "fail", message="disk full")

    assert result == failed(health, f"HTTP {code}: redirects are not followed", attempts=1, status_code=code)
    assert server.requests[0].startswith(f"POST /{SECRET}/fail?rid={RUN_ID} ".encode())
    assert elsewhere.connections == 0


# --- 4xx and 5xx ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [400, 401, 403, 404, 405, 410, 413, 414, 429])
def test_4xx_is_final(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], code: int
) -> None:
    server = serve(response(code, body=b"nope"))

    result = ping(server.url())

    assert result == failed(health, f"HTTP {code}", attempts=1, status_code=code)
    assert len(server.requests) == 1


@pytest.mark.parametrize("code", [500, 502, 503, 504])
def test_5xx_is_retried_and_bounded(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], code: int
) -> None:
    server = serve(response(code, "Retry-After: 3600", body=b"down for maintenance"))

    result = ping(server.url())

    assert result == failed(health, f"HTTP {code}", status_code=code)
    assert len(server.requests) == RETRIES + 1


def test_5xx_with_an_endless_body(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server]
) -> None:
    server = serve(b"HTTP/1.1 500 Oops\r\nContent-Length: 1000000000\r\n\r\n", b"x" * 100_000, 10.0)

    result = ping(server.url())

    assert result == failed(health, "HTTP 500", status_code=500)


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        pytest.param(random.Random(7).randbytes(4096), "BadStatusLine", id="random-bytes"),
        pytest.param(b"SSH-2.0-OpenSSH_9.6\r\n", "BadStatusLine", id="not-http"),
        pytest.param(b"HTTP/1.1 2", "BadStatusLine", id="closes-mid-status-line"),
        pytest.param(b"HTTP/1.1 OK\r\n\r\n", "BadStatusLine", id="status-line-without-code"),
        pytest.param(b"HTTP/1.1 1000 Huh\r\n\r\n", "BadStatusLine", id="status-code-out-of-range"),
        pytest.param(b"HTTP/1.1 200 " + b"k" * 1_000_000, "LineTooLong", id="status-line-of-1-MB"),
        pytest.param(
            b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n", "LineTooLong", id="header-of-1-MB"
        ),
        pytest.param(
            b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 200 + b"\r\n", "HTTPException", id="200-headers"
        ),
    ],
)
def test_garbage_is_reported_and_retried(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], reply: bytes, error: str
) -> None:
    server = serve(reply)

    result = ping(server.url())

    assert result == failed(health, error)
    assert len(server.requests) == RETRIES + 1


@pytest.mark.parametrize(
    "script",
    [
        pytest.param((b"HTTP/1.1 200 OK\r\nContent-Ty",), id="cut-short-in-its-headers"),
        pytest.param((b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc",), id="cut-short-in-its-body"),
        pytest.param(
            (b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n", b"x" * 1_000_000, 10.0),
            id="endless-body",
        ),
        pytest.param((b"HTTP/1.0 200 OK\r\n\r\n",), id="http-1.0"),
    ],
)
def test_a_200_counts_however_the_reply_goes_on(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], script: tuple[Step]
) -> None:
    server = serve(*script)

    result = ping(server.url())

    assert result == health.PingResult(sent=True, ok=True, status_code=200, attempts=1)


def test_tls_spoken_to_a_plain_url(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], trusted_ca: trustme.CA
) -> None:
    server = serve(response(200), tls=server_context(trusted_ca.issue_cert("127.0.0.1")))

    result = ping(server.url("http"))

    assert result == failed(health, result.error)
    assert result.error in {
        "BadStatusLine",
        "RemoteDisconnected",
        "ConnectionResetError: Connection reset by peer",
    }


def test_plain_http_behind_an_https_url(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server]
) -> None:
    server = serve(response(400, "Connection: close"), read=False)

    result = ping(server.url("https"))

    assert result == failed(health, result.error)
    assert result.error.startswith("SSLError")


# --- TLS ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trusted_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trust(trusted_ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make urllib's default context trust `trusted_ca`, and only it, as a system store would."""
    store = tmp_path / "ca.pem"
    trusted_ca.cert_pem.write_to_path(str(store))
    monkeypatch.setenv("SSL_CERT_FILE", str(store))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "no-such-dir"))


def server_context(cert: trustme.LeafCert) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


def self_signed() -> trustme.LeafCert:
    """A certificate that signs itself: trustme's CA certificate, served as the server's."""
    ca = trustme.CA()
    return trustme.LeafCert(ca.private_key_pem.bytes(), ca.cert_pem.bytes(), [])


def expired(ca: trustme.CA) -> trustme.LeafCert:
    now = datetime.datetime.now(datetime.UTC)
    return ca.issue_cert(
        "127.0.0.1", not_before=now - datetime.timedelta(days=30), not_after=now - datetime.timedelta(days=1)
    )


@pytest.mark.usefixtures("trust")
@pytest.mark.parametrize(
    ("make_cert", "reason"),
    [
        pytest.param(lambda _: self_signed(), "self[- ]signed certificate", id="self-signed"),
        pytest.param(
            lambda _: trustme.CA().issue_cert("127.0.0.1"), "unable to get local issuer", id="unknown-ca"
        ),
        pytest.param(expired, "certificate has expired", id="expired"),
        pytest.param(lambda ca: ca.issue_cert("monitoring.example"), "IP address mismatch", id="wrong-host"),
    ],
)
def test_bad_certificate_is_refused(
    health: ModuleType,
    ping: Callable[..., Any],
    serve: Callable[..., Server],
    trusted_ca: trustme.CA,
    make_cert: Callable[[trustme.CA], trustme.LeafCert],
    reason: str,
) -> None:
    server = serve(response(200), tls=server_context(make_cert(trusted_ca)))

    result = ping(server.url())

    assert result == failed(health, result.error)
    assert result.error.startswith("SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED]")
    assert re.search(reason, result.error)
    assert server.requests == []  # the request, and its secret path, never left the client


@pytest.mark.usefixtures("trust")
def test_valid_certificate_is_accepted(
    health: ModuleType, ping: Callable[..., Any], serve: Callable[..., Server], trusted_ca: trustme.CA
) -> None:
    server = serve(response(200), tls=server_context(trusted_ca.issue_cert("127.0.0.1")))

    result = ping(server.url(), "fail", message="disk full")

    assert result == health.PingResult(sent=True, ok=True, status_code=200, attempts=1)
    assert server.requests[0].startswith(f"POST /{SECRET}/fail?rid={RUN_ID} ".encode())
