"""A log line per request, with its request id, as text or JSON lines."""

import json
import logging
import re

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.module_name }} import logs


def request_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == logs.__name__]


def test_a_request_id_given_is_logged_and_returned(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.get("/missing", headers={"X-Request-ID": "abc-123"})

    assert response.headers["X-Request-ID"] == "abc-123"
    [line] = request_lines(caplog)
    assert line.levelno == logging.INFO
    assert re.fullmatch(r"GET /missing 404 \d+\.\d ms id=abc-123", line.getMessage())


@pytest.mark.parametrize("given", [None, "", "two\nlines", "x" * 129])
def test_a_request_id_is_made_where_none_can_be_used(
    client: TestClient, caplog: pytest.LogCaptureFixture, given: str | None
) -> None:
    headers = {} if given is None else {"X-Request-ID": given}

    made = client.get("/missing", headers=headers).headers["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert vars(request_lines(caplog)[0])["request_id"] == made


def test_health_routes_log_at_debug_only(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    client.get("/healthz")
    client.get("/readyz")
    assert request_lines(caplog) == []

    caplog.set_level(logging.DEBUG, logs.__name__)
    client.get("/healthz")
    assert [line.getMessage().split()[:3] for line in request_lines(caplog)] == [
        ["GET", "/healthz", "200"]
    ]


def test_json_lines_hold_the_request_fields(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    client.get("/missing", headers={"X-Request-ID": "abc-123"})

    line = json.loads(logs.JsonFormatter().format(request_lines(caplog)[0]))

    assert line.keys() == {
        *("time", "level", "logger", "message"),
        *("method", "path", "status", "duration_ms", "request_id"),
    }
    assert (line["level"], line["logger"]) == ("INFO", logs.__name__)
    assert (line["method"], line["path"], line["status"]) == ("GET", "/missing", 404)
    assert line["request_id"] == "abc-123"


@pytest.mark.usefixtures("root_logger")  # configure() changes it
@pytest.mark.parametrize("log_format", ["text", "json"])
def test_configure_sends_every_logger_to_standard_error(
    capsys: pytest.CaptureFixture[str], log_format: str
) -> None:
    logs.configure("WARNING", log_format)

    logging.getLogger("uvicorn.error").warning("as uvicorn logs")
    logging.getLogger("uvicorn.error").info("below the level")

    [line] = capsys.readouterr().err.splitlines()
    if log_format == "json":
        assert json.loads(line)["message"] == "as uvicorn logs"
    else:
        assert line.endswith(" WARNING uvicorn.error: as uvicorn logs")
