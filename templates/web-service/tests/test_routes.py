"""The health routes: /healthz (the process answers) and /readyz (every check passes)."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.module_name }} import __version__


def test_healthz_answers_with_the_version(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_readyz_answers_ready_when_every_check_passes(
    app: FastAPI, client: TestClient
) -> None:
    app.state.checks["database"] = lambda: True

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "version": __version__}


def test_readyz_names_the_first_check_that_fails(
    app: FastAPI, client: TestClient
) -> None:
    app.state.checks.update(
        cache=lambda: True, database=lambda: False, queue=lambda: False
    )

    response = client.get("/readyz")

    assert response.status_code == 503
    body = {"status": "unready", "failing": "database", "version": __version__}
    assert response.json() == body


def test_a_check_that_raises_fails_and_is_logged(
    app: FastAPI, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    def database() -> bool:
        raise ConnectionRefusedError

    app.state.checks["database"] = database

    response = client.get("/readyz")

    assert (response.status_code, response.json()["failing"]) == (503, "database")
    [record] = [record for record in caplog.records if record.exc_info]
    assert record.getMessage() == "Readiness check database raised"
