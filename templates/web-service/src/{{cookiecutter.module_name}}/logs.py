"""Logging: a line per request, as readable text or, for log collectors, as JSON lines.

uvicorn's own loggers have no handler of their own (the command passes it ``log_config=None``),
so their records reach the root logger's handler too, in the same format.
"""

from __future__ import annotations

import json
import logging
import logging.config
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from fastapi import Request, Response

#: Health routes answer a probe every few seconds: their lines are DEBUG, not INFO.
QUIET_PATHS = frozenset({"/healthz", "/readyz"})
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# A request id from outside is logged as it is: accept only what cannot forge a line.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# What the request line adds to its record, and so to its JSON object
_REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "request_id")

logger = logging.getLogger(__name__)


def configure(level: int | str, log_format: str) -> None:
    """Send every logger's records of `level` and above to standard error, as `log_format`."""
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,  # the modules' loggers exist already
            "formatters": {
                "text": {"format": TEXT_FORMAT},
                "json": {"()": JsonFormatter},
            },
            "handlers": {
                "stderr": {"class": "logging.StreamHandler", "formatter": log_format}
            },
            "root": {"level": level, "handlers": ["stderr"]},
        }
    )


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message, and the request's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = vars(record)
        line.update({name: fields[name] for name in _REQUEST_FIELDS if name in fields})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


async def log_request(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Log a line for the request once it is answered, and return its request id.

    The id is the caller's ``X-Request-ID`` (a proxy's, say), else a new one, so that one
    request can be followed from service to service.
    """
    given = request.headers.get("X-Request-ID", "")
    request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    started = time.perf_counter()
    status = 500  # unless the application answers
    try:
        response = await call_next(request)
        status = response.status_code
        response.headers["X-Request-ID"] = request_id
        return response
    finally:
        path = request.url.path
        fields = {
            "method": request.method,
            "path": path,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "request_id": request_id,
        }
        level = logging.DEBUG if path in QUIET_PATHS else logging.INFO
        message = "%(method)s %(path)s %(status)s %(duration_ms)s ms id=%(request_id)s"
        logger.log(level, message, fields, extra=fields)
