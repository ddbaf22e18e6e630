"""Tell a monitoring service how a job went: healthchecks.io or Uptime Kuma."""

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
    """What :func:`ping` did: ``ok`` is false exactly when something went wrong."""

    sent: bool
    ok: bool
    status_code: int | None = None
    attempts: int = 0
    error: str | None = None
    skipped: str | None = None  # why nothing was sent, on purpose


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
    """Report ``status`` to ``url``, by default the variable :data:`URL_ENV_VAR`'s.

    Never raises, and logs only the URL's ``scheme://host[:port]``: the rest is secret.
    An exit code outside 0-255 is sent as ``"fail"``. Connection errors, timeouts and
    5xx replies are retried ``retries`` times after ``backoff`` seconds, then twice that
    and so on; redirects are not followed. An attempt is given up after ``timeout`` s.
    """
    url = (os.environ.get(URL_ENV_VAR, "") if url is None else url).strip()
    if not url:
        logger.debug("Health ping skipped: no URL given and %s is not set", URL_ENV_VAR)
        return PingResult(sent=False, ok=True, skipped="no URL configured")
    parts = _parse(f"{BASE_URL}/{url}" if _CHECK_ID.fullmatch(url) else url)
    # Scripts pass on what they have; Python counts a bool as an int, but not here.
    valid_status = status in ("success", "start", "fail") or type(status) is int
    if not valid_status or parts is None:
        reason = "invalid URL" if valid_status else "invalid status"
        logger.warning("Health ping not sent: %s", reason)
        return PingResult(sent=False, ok=False, error=reason)
    origin = f"{parts.scheme}://{parts.netloc}"
    if "/api/push/" in parts.path and status == "start":
        skipped = "Uptime Kuma has no start signal"
        logger.debug("Health ping to %s skipped: %s", origin, skipped)
        return PingResult(sent=False, ok=True, skipped=skipped)
    if isinstance(status, int) and not 0 <= status <= 255:
        status = "fail"  # the job failed all the same: dropping the ping would hide it
    request = _request(parts, status, run_id, message)
    for attempt in range(1, max(retries, 0) + 2):
        code, error = _send(request, timeout)
        if (code or 500) < 500 or attempt > retries:  # any reply below 500 is final
            break
        logger.info("Health ping to %s failed (%s); retrying", origin, error)
        time.sleep(max(backoff, 0) * 2 ** (attempt - 1))
    if error:
        logger.warning("Health ping to %s failed: %s", origin, error)
    else:
        logger.debug("Health ping to %s: HTTP %s", origin, code)
    ok = error is None
    return PingResult(sent=True, ok=ok, status_code=code, attempts=attempt, error=error)


def _parse(url: str) -> urllib.parse.SplitResult | None:
    # urllib would also open file: and ftp: URLs, and cannot send user:password@. Other
    # characters raise an error that quotes the URL, and so the secret: refused first.
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError unless the port is a number
    except ValueError:  # a malformed port or IPv6 address
        return None
    ok = parts.scheme in ("http", "https") and parts.hostname and parts.username is None
    return parts if ok and all("!" <= c <= "~" for c in url) else None


def _request(
    parts: urllib.parse.SplitResult,
    status: str | int,
    run_id: str | None,
    message: str | None,
) -> urllib.request.Request:
    path, query, data = parts.path, urllib.parse.parse_qsl(parts.query), None
    headers = {"User-Agent": f"{__name__} (Python urllib)"}
    if "/api/push/" in path:  # Uptime Kuma; its URL's sample ?status=up&msg=OK goes
        if message is None:
            message = f"exit code {status}" if isinstance(status, int) else status
        up = status in ("success", 0)
        query = [("status", "up" if up else "down"), ("msg", message[-500:])]
    else:  # healthchecks.io; its URL's own query, such as ?create=1, stays
        path = path.rstrip("/") + ("" if status == "success" else f"/{status}")
        query += [("rid", run_id)] if run_id else []
        if message is not None:
            # hc-ping.com keeps 100 kB. A job's last lines usually explain a failure,
            # so the message loses its beginning; "ignore" drops a character cut in two.
            tail = message.encode(errors="replace")[-100_000:]
            data = tail.decode(errors="ignore").encode()
            headers["Content-Type"] = "text/plain; charset=utf-8"
    url = parts._replace(path=path, query=urllib.parse.urlencode(query)).geturl()
    return urllib.request.Request(url, data, headers)  # with data, a POST


def _send(request: urllib.request.Request, timeout: float) -> _Outcome:
    # urllib's timeout bounds each step, not the whole: a service replying a byte at a
    # time could hold the ping for ever. So a thread sends, left behind when time's up.
    out: list[_Outcome] = [(None, "TimeoutError")]
    worker = threading.Thread(target=lambda: out.append(_open(request, timeout)))
    worker.daemon = True  # so that one left behind does not hold up the program's exit
    worker.start()
    worker.join(timeout)
    return out[-1]


def _open(request: urllib.request.Request, timeout: float) -> _Outcome:
    opener = urllib.request.build_opener(_NoRedirects)  # urlopen()'s, with its proxies
    try:
        with opener.open(request, timeout=timeout) as reply:
            return reply.status, None
    except urllib.error.HTTPError as exc:  # a 4xx or 5xx, or a redirect not followed
        exc.close()  # it holds the reply, and so the socket, open
        redirect = ": redirects are not followed" if 300 <= exc.code < 400 else ""
        return exc.code, f"HTTP {exc.code}{redirect}"
    except Exception as exc:  # noqa: BLE001  # refused, timed out, garbled: never raise
        if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, Exception):
            exc = exc.reason
        name = type(exc).__name__  # and not str(exc), which can quote the URL
        detail = exc.strerror if isinstance(exc, OSError) else None
        return None, f"{name}: {detail}" if detail else name


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None  # so urllib raises HTTPError, as for a 4xx: a redirect is final
