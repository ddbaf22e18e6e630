"""The application: :func:`create_app` makes it from the settings, with all its routes."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from {{ cookiecutter.module_name }} import __version__, logs, readiness
from {{ cookiecutter.module_name }}.heartbeat import Heartbeat
from {{ cookiecutter.module_name }}.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    """The application, its readiness checks in ``app.state.checks``.

    While it runs (its lifespan), the heartbeat pings the monitoring service.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        heartbeat = Heartbeat(
            settings.healthcheck_url,
            settings.heartbeat_seconds,
            lambda: readiness.failing(app.state.checks),
        )
        heartbeat.start()
        try:
            yield  # open your connections before this line, close them after it
        except BaseException as error:
            heartbeat.stop(error=f"{type(error).__name__}: {error}")
            raise
        heartbeat.stop()

    app = FastAPI(title="{{ cookiecutter.command_name }}", version=__version__, lifespan=lifespan)
    app.state.checks = readiness.checks(settings)
    app.middleware("http")(logs.log_request)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """Liveness: the process answers. A failed probe restarts it."""
        return {"status": "ok", "version": __version__}

    @app.get("/readyz", responses={503: {"description": "A check fails"}})
    def readyz() -> JSONResponse:
        """Readiness: every check passes. A failed probe takes it out of the load balancer."""
        failing = readiness.failing(app.state.checks)
        if failing is None:
            return JSONResponse({"status": "ready", "version": __version__})
        body = {"status": "unready", "failing": failing, "version": __version__}
        return JSONResponse(body, status_code=503)

    return app
