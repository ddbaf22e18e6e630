"""Tell a monitoring service how a job went: healthchecks.io or Uptime Kuma.

A ping never raises, and its logs show only ``scheme://host[:port]`` of the secret URL.
"""

import logging
import os
import re
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

# A healthchecks.io UUID or ping-key/slug, or an Uptime Kuma push token.
_CHECK_ID = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)?")
_Outcome = tuple[int | None, str | None]  # an attempt's HTTP status, and error if any


@dataclass(frozen=True)
class PingResult:
    """What :func:`ping` did: ``ok`` is false exactly when a ping went wrong.

    ``sent`` says a request was attempted; ``skipped`` says why none was, on purpose.
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

    ``status`` is ``"success"``, ``"start"``, ``"fail"`` or a process exit code (0 is
    success; a number outside 0-255 is sent as ``"fail"``). ``url`` defaults to the
    variable :data:`URL_ENV_VAR`; without one, nothing is sent. Connection errors,
    timeouts and 5xx responses are retried ``retries`` times, after ``backoff`` seconds,
    then twice that, and so on; 4xx and 3xx are final (a redirect could carry the URL's
    secret elsewhere). Each attempt is given up after ``timeout`` seconds, so a ping
    takes at most ``(retries + 1) * timeout + backoff * (2**retries - 1)`` seconds.
    """
    url = (url if url is not None else os.environ.get(URL_ENV_VAR, "")).strip()
    if not url:
        logger.debug("Health ping skipped: no URL given and %s is not set", URL_ENV_VAR)
        return PingResult(sent=False, ok=True, skipped="no URL configured")
    url = f"{BASE_URL}/{url}" if _CHECK_ID.fullmatch(url) else url  # an ID alone
    # Scripts pass on what they have; Python counts a bool as an int, but not here.
    if status not in ("success", "start", "fail") and type(status) is not int:
        logger.warning("Health ping not sent: invalid status %r", status)
        return PingResult(sent=False, ok=False, error="invalid status")
    if isinstance(status, int) and not 0 <= status <= 255:
        status = "fail"  # the job failed all the same: dropping the ping would hide it
    parts = _valid_parts(url)
    if parts is None:
        logger.warning("Health ping not sent: the URL is not a valid http(s) URL")
        return PingResult(sent=False, ok=False, error="invalid URL")
    origin = f"{parts.scheme}://{parts.netloc}"  # a valid URL has no user@ in it
    if "/api/push/" in parts.path and status == "start":
        reason = "Uptime Kuma has no start signal"
        logger.debug("Health ping to %s skipped: %s", origin, reason)
        return PingResult(sent=False, ok=True, skipped=reason)
    request = _request(parts, status, run_id, message)
    for attempt in range(1, max(retries, 0) + 2):
        code, error = _attempt(request, timeout)
        final = code is not None and code < 500  # a 2xx, a 3xx or a 4xx
        if error is None or final or attempt > retries:
            break
        logger.info("Health ping to %s failed (%s); retrying", origin, error)
        time.sleep(max(backoff, 0) * 2 ** (attempt - 1))
    if error is None:
        logger.debug("Health ping to %s: HTTP %s", origin, code)
    else:
        logger.warning("Health ping to %s failed: %s", origin, error)
    ok = error is None
    return PingResult(sent=True, ok=ok, status_code=code, attempts=attempt, error=error)


def _valid_parts(url: str) -> urllib.parse.SplitResult | None:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError unless the port is a number
    except ValueError:  # a malformed port or IPv6 address
        return None
    # urllib would also open file: and ftp: URLs, and cannot send user:password@. Other
    # characters raise an error that quotes the URL, and so the secret: refused first.
    is_http = parts.scheme in ("http", "https") and parts.hostname
    ok = is_http and "@" not in parts.netloc and all("!" <= c <= "~" for c in url)
    return parts if ok else None


def _request(
    parts: urllib.parse.SplitResult,
    status: Status | int,
    run_id: str | None,
    message: str | None,
) -> urllib.request.Request:
    # Keep the URL's own query parameters, such as healthchecks.io's ?create=1.
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    path, body = parts.path, None
    headers = {"User-Agent": f"{__name__} (Python urllib)"}
    if "/api/push/" in path:  # Uptime Kuma
        if message is None:
            message = f"exit code {status}" if isinstance(status, int) else status
        # Kuma offers a ready-made "?status=up&msg=OK&ping=" URL: replace its values.
        query = [(k, v) for k, v in query if k not in ("status", "msg", "ping")]
        query.append(("status", "up" if status in ("success", 0) else "down"))
        query.append(("msg", message[-500:]))  # servers refuse overlong URLs
    else:  # healthchecks.io
        path = path.rstrip("/") + ("" if status == "success" else f"/{status}")
        if run_id:
            query.append(("rid", run_id))
        if message is not None:
            # hc-ping.com keeps 100 kB. A job's last lines usually explain a failure, so
            # the message loses its beginning; "ignore" drops a character cut in two.
            tail = message.encode(errors="replace")[-100_000:]
            body = tail.decode(errors="ignore").encode()
            headers["Content-Type"] = "text/plain; charset=utf-8"
    url = parts._replace(path=path, query=urllib.parse.urlencode(query)).geturl()
    return urllib.request.Request(url, data=body, headers=headers)  # POST if a body


def _attempt(request: urllib.request.Request, timeout: float) -> _Outcome:
    # urllib's timeout bounds each step, not the whole: a service replying a byte at a
    # time could hold the ping for ever. So a thread sends, left behind when time's up.
    outcomes: list[_Outcome] = [(None, "TimeoutError")]
    worker = threading.Thread(
        target=lambda: outcomes.append(_open(request, timeout)), daemon=True
    )
    worker.start()
    worker.join(timeout)
    return outcomes[-1]


def _open(request: urllib.request.Request, timeout: float) -> _Outcome:
    try:
        # urlopen()'s opener (proxies from the *_proxy variables), minus redirects.
        opener = urllib.request.build_opener(_NoRedirects)
        with opener.open(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the response, and so the socket, open
        redirect = ": redirects are not followed" if 300 <= exc.code < 400 else ""
        return exc.code, f"HTTP {exc.code}{redirect}"
    except Exception as exc:  # noqa: BLE001  # refused, timed out, garbled: never raise
        if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, Exception):
            exc = exc.reason
        # Named without str(exc), which can quote the URL.
        if isinstance(exc, OSError) and exc.strerror:
            return None, f"{type(exc).__name__}: {exc.strerror}"
        return None, type(exc).__name__


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None  # so urllib raises HTTPError, as for a 4xx
