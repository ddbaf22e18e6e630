"""Tell a monitoring service how a job went: healthchecks.io or Uptime Kuma.

A scheduled job that dies quietly is only noticed by something that expects to hear
from it. Ping when each run ends and the service alerts you when the pings stop or
report failure::

    from {{ cookiecutter.module_name }} import health

    health.ping("start")
    try:
        run_the_job()
    except Exception:
        health.ping("fail")
        raise
    health.ping("success")

The URL comes from the ``url`` argument, else from the environment variable
``{{ cookiecutter.__healthcheck_variable }}``; either can also be just a check's ID (a
UUID, or ping-key/slug), which is joined to the monitoring service's :data:`BASE_URL`.
With neither, nothing is sent: code can ping unconditionally and each deployment
decides whether it is monitored. A ping never raises; it returns a
:class:`PingResult`. Logs show only the URL's ``scheme://host[:port]``, because its
path and query are the secret that lets anyone send pings (the healthchecks.io UUID,
ping key or slug; the Uptime Kuma push token).
"""

import contextlib
import http.client
import logging
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Literal

__all__ = ["BASE_URL", "URL_ENV_VAR", "PingResult", "Status", "ping"]

#: The environment variable :func:`ping` reads the URL from.
URL_ENV_VAR = "{{ cookiecutter.__healthcheck_variable }}"
#: The monitoring service's ping address, which a check's ID alone is joined to.
BASE_URL = "{{ cookiecutter._healthcheck_base_url }}"

#: What a ping reports; :func:`ping` also takes a process exit code.
Status = Literal["success", "start", "fail"]

logger = logging.getLogger(__name__)

_USER_AGENT = f"{__name__} (Python urllib)"
# hc-ping.com keeps the first 100 kB of a body. A job's last lines usually explain a
# failure, so a longer message loses its beginning rather than its end.
_MAX_BODY_BYTES = 100_000
# A healthchecks.io UUID or ping-key/slug, or an Uptime Kuma push token.
_CHECK_ID = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)?")
# Uptime Kuma takes the message in the query string; servers refuse overlong URLs.
_MAX_KUMA_MSG_CHARS = 500


@dataclass(frozen=True)
class PingResult:
    """What :func:`ping` did.

    ``sent`` is true once a request was attempted. ``ok`` is true when the service
    accepted the ping, and also when there was deliberately nothing to send
    (``skipped`` says why), so ``if not result.ok`` catches exactly the pings that
    went wrong. ``attempts`` counts the requests made, ``status_code`` is the last
    HTTP status received and ``error`` describes the last failure.
    """

    sent: bool
    ok: bool
    status_code: int | None = None
    attempts: int = 0
    error: str | None = None
    skipped: str | None = None


def ping(  # noqa: PLR0913  # the tuning knobs are keyword-only
    status: Status | int = "success",
    url: str | None = None,
    *,
    run_id: str | None = None,
    message: str | None = None,
    timeout: float = 5.0,
    retries: int = 2,
    backoff: float = 0.5,
) -> PingResult:
    """Report ``status`` to the health-check URL. Never raises.

    ``status`` is ``"success"``, ``"start"``, ``"fail"`` or a process exit code
    (0-255, where 0 is success; any other number, such as the negative code of a
    process killed by a signal, is sent as ``"fail"``). ``url`` defaults to the
    environment variable ``{{ cookiecutter.__healthcheck_variable }}``;
    an empty or unset URL sends nothing, and a check's ID alone (letters, digits,
    ``-`` and ``_``, with at most one ``/``) is sent to ``BASE_URL/<ID>``.

    healthchecks.io: requests ``<url>``, ``<url>/start``, ``<url>/fail`` or
    ``<url>/<code>``. ``run_id`` (a UUID) is sent as ``?rid=`` so the service can
    pair a start with its end; ``message`` is POSTed as the body, keeping its last
    100 kB.

    Uptime Kuma (the URL's path contains ``/api/push/``): success and exit code 0
    send ``status=up``, anything else ``status=down``, with ``message`` as ``msg``.
    Kuma has no start signal, so ``"start"`` sends nothing and returns a skipped
    result; ``run_id`` is not used.

    Connection errors, timeouts and 5xx responses are retried up to ``retries``
    times, sleeping ``backoff`` seconds, then twice that, and so on; 4xx responses
    are final. Redirects are not followed, because one could carry the URL's secret
    to another host: a 3xx response is a final failure, and the URL to configure is
    the one it points to. Each attempt gives up ``timeout`` seconds after it starts
    connecting, however slowly the service connects, shakes hands or replies. So
    ``ping`` returns within about
    ``(retries + 1) * timeout + backoff * (2**retries - 1)`` seconds: 16.5 s with
    the defaults. Only a slow DNS lookup, or a host with several addresses that
    each time out, can stretch that.
    """
    raw_url = (url if url is not None else os.environ.get(URL_ENV_VAR, "")).strip()
    if not raw_url:
        logger.debug("Health ping skipped: no URL given and %s is not set", URL_ENV_VAR)
        return PingResult(sent=False, ok=True, skipped="no URL configured")
    if _CHECK_ID.fullmatch(raw_url):
        raw_url = f"{BASE_URL}/{raw_url}"
    if not _is_valid_status(status):
        logger.warning("Health ping not sent: invalid status %r", status)
        return PingResult(sent=False, ok=False, error="invalid status")
    if isinstance(status, int) and not 0 <= status <= 255:
        # The job failed all the same: dropping the ping would hide that.
        status = "fail"
    split = _split(raw_url)
    if split is None:
        logger.warning("Health ping not sent: the URL is not a valid http(s) URL")
        return PingResult(sent=False, ok=False, error="invalid URL")
    parts, origin = split
    request = _build_request(parts, status, run_id, message)
    if request is None:
        reason = "Uptime Kuma has no start signal"
        logger.debug("Health ping to %s skipped: %s", origin, reason)
        return PingResult(sent=False, ok=True, skipped=reason)
    return _send(request, origin, timeout, max(retries, 0), max(backoff, 0))


def _is_valid_status(status: object) -> bool:
    # Type checkers catch bad values, but scripts pass along whatever they have.
    # Python counts a bool as an int, yet ping(True) is surely a slip.
    if isinstance(status, str):
        return status in ("success", "start", "fail")
    return type(status) is int


def _split(url: str) -> tuple[urllib.parse.SplitResult, str] | None:
    """Return the URL's parts and its origin (the only part safe to log), or None."""
    # http.client refuses spaces, control and non-ASCII characters with an error
    # that quotes the URL; refusing them here keeps the secret out of the message.
    if not all("!" <= char <= "~" for char in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 address
        return None
    # urllib would also open file: and ftp: URLs, and can't send user:password@.
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
    ):
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    origin = f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")
    return parts, origin


def _build_request(
    parts: urllib.parse.SplitResult,
    status: Status | int,
    run_id: str | None,
    message: str | None,
) -> urllib.request.Request | None:
    """Build the request for Uptime Kuma or healthchecks.io; None if there is none."""
    # Keep the configured URL's query parameters, such as healthchecks.io's ?create=1.
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    path = parts.path
    body = None
    if "/api/push/" in path:
        if status == "start":
            return None
        up = status in ("success", 0)
        if message is None:
            message = f"exit code {status}" if isinstance(status, int) else status
        # Kuma offers a ready-made "?status=up&msg=OK&ping=" URL; replace its values.
        query = [(k, v) for k, v in query if k not in ("status", "msg", "ping")]
        query.append(("status", "up" if up else "down"))
        query.append(("msg", message[-_MAX_KUMA_MSG_CHARS:]))
    else:
        path = path.rstrip("/") + ("" if status == "success" else f"/{status}")
        if run_id:
            query.append(("rid", run_id))
        if message is not None:
            tail = message.encode(errors="replace")[-_MAX_BODY_BYTES:]
            # The cut can split a character; decoding with "ignore" drops the piece.
            body = tail.decode(errors="ignore").encode()
    request = urllib.request.Request(
        parts._replace(path=path, query=urllib.parse.urlencode(query)).geturl(),
        data=body,  # urllib POSTs when there is a body, GETs otherwise
        headers={"User-Agent": _USER_AGENT},
    )
    if body is not None:
        request.add_header("Content-Type", "text/plain; charset=utf-8")
    return request


def _send(
    request: urllib.request.Request,
    origin: str,
    timeout: float,
    retries: int,
    backoff: float,
) -> PingResult:
    attempts = 0
    while True:
        attempts += 1
        status_code, error, retry = _attempt(request, timeout)
        if error is None:
            logger.debug("Health ping to %s: HTTP %s", origin, status_code)
            return PingResult(
                sent=True, ok=True, status_code=status_code, attempts=attempts
            )
        if not retry or attempts > retries:
            logger.warning("Health ping to %s failed: %s", origin, error)
            return PingResult(
                sent=True,
                ok=False,
                status_code=status_code,
                attempts=attempts,
                error=error,
            )
        logger.info("Health ping to %s failed (%s); retrying", origin, error)
        time.sleep(backoff * 2 ** (attempts - 1))


def _attempt(
    request: urllib.request.Request, timeout: float
) -> tuple[int | None, str | None, bool]:
    """Send once; return the HTTP status, the error if any, and whether to retry."""
    try:
        with _opener().open(request, timeout=timeout) as response:
            return response.status, None, False
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the response, and so the socket, open
        if 300 <= exc.code < 400:
            return exc.code, f"HTTP {exc.code}: redirects are not followed", False
        return exc.code, f"HTTP {exc.code}", exc.code >= 500
    except (OSError, http.client.HTTPException) as exc:  # refused, timed out, garbled
        return None, _describe(exc), True
    except Exception as exc:  # noqa: BLE001  # a ping must never break the job
        return None, type(exc).__name__, False


def _describe(exc: Exception) -> str:
    """Name a failure without ``str(exc)``, which can quote the URL."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, Exception):
        exc = exc.reason
    if isinstance(exc, OSError) and exc.strerror:
        return f"{type(exc).__name__}: {exc.strerror}"
    return type(exc).__name__


def _opener() -> urllib.request.OpenerDirector:
    """urlopen()'s opener without redirects, on connections that keep the timeout."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),  # the *_proxy environment variables
        _Handler(),
        urllib.request.HTTPDefaultErrorHandler(),  # raises HTTPError, 3xx included
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _Connection(http.client.HTTPConnection):
    """A connection that gives up ``timeout`` seconds after it starts connecting.

    http.client applies ``timeout`` to each blocking step, so a service that is slow
    at every step, or sends its reply a byte at a time, could hold a ping for ever.
    Here each step gets only the time left, and a timer shuts the socket down when
    it runs out, which ends any wait for sending or for the reply.
    """

    _deadline = 0.0
    _timer: threading.Timer | None = None
    _timed_out = False

    def connect(self) -> None:
        assert self.timeout is not None  # urllib passes ping()'s timeout
        self._deadline = time.monotonic() + self.timeout
        self._timer = threading.Timer(self.timeout, self._time_up)
        self._timer.daemon = True
        self._timer.start()
        super().connect()
        # For HTTPS this runs before the TLS handshake (see _HTTPSConnection), which
        # takes its time limit from the socket.
        self.sock.settimeout(self._time_left())

    def getresponse(self) -> http.client.HTTPResponse:
        try:
            self.sock.settimeout(self._time_left())
            response = super().getresponse()
        except (OSError, http.client.HTTPException) as error:
            if self._stop_timer():  # the error comes from the socket shut down
                raise TimeoutError from error
            raise
        if self._stop_timer():  # the socket shut down cut the headers short
            response.close()
            raise TimeoutError
        return response

    def close(self) -> None:
        self._stop_timer()  # first: the timer must not touch a closed socket
        super().close()

    def _time_left(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def _stop_timer(self) -> bool:
        """Stop the timer; return whether the time ran out."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        return self._timed_out

    def _time_up(self) -> None:
        self._timed_out = True
        sock = self.sock
        if sock is not None:
            # socket.socket's shutdown, as SSLSocket's would also unwrap the socket
            # under the reading thread. During the TLS handshake the socket object is
            # already spent (OSError), and the handshake's own time limit applies.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _HTTPSConnection(http.client.HTTPSConnection, _Connection):
    """The same over TLS: HTTPSConnection.connect() calls _Connection.connect()."""


class _Handler(urllib.request.AbstractHTTPHandler):
    """urllib's HTTP and HTTPS handlers, on connections that keep the timeout."""

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_Connection, req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req)

    http_request = https_request = urllib.request.AbstractHTTPHandler.do_request_
