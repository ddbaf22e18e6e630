"""The `{{ cookiecutter.command_name }}` command: read the settings, then serve the application with uvicorn.

``python -m {{ cookiecutter.module_name }}`` runs it too.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
import socket
import sys

import uvicorn

from {{ cookiecutter.module_name }} import __version__, health, logs
from {{ cookiecutter.module_name }}.app import create_app
from {{ cookiecutter.module_name }}.settings import Settings, SettingsError, variable

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> None:
    """Serve until SIGTERM or Ctrl+C; exit with status 2 for a setting that cannot be used."""
    parser = argparse.ArgumentParser(
        "{{ cookiecutter.command_name }}",
        description="Serve the application until SIGTERM or Ctrl+C.",
        epilog="Settings, from environment variables: "
        + ", ".join(variable(field.name) for field in dataclasses.fields(Settings)),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    parser.parse_args(argv)
    try:
        settings = Settings.from_environ(os.environ)
    except SettingsError as error:
        sys.stderr.write(f"Error: {error}\n")
        sys.exit(2)  # as for a command line that cannot be used
    logs.configure(settings.log_level, settings.log_format)
    try:  # bound here, so that a port in use is reported before anything starts
        listening = socket.create_server((settings.host, settings.port))
    except OSError as error:
        reason = f"cannot listen on {settings.host}:{settings.port}: {error.strerror}"
        logger.critical("%s", reason)
        health.ping("fail", settings.healthcheck_url, message=reason, retries=0)
        sys.exit(1)
    config = uvicorn.Config(
        create_app(settings),
        log_config=None,  # uvicorn logs through the handler logs.configure() set
        access_log=False,  # the application logs each request itself
        timeout_graceful_shutdown=5,  # a runtime kills the process 10 s after SIGTERM
    )
    server = uvicorn.Server(config)
    # uvicorn stops gracefully on SIGTERM, then sends it again to this handler: a
    # platform stops a service so, and that is no failure.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with listening:
            server.run(sockets=[listening])
    except KeyboardInterrupt:  # Ctrl+C, sent again as SIGTERM is
        sys.exit(130)
    if not server.started:  # the application's start-up failed: uvicorn logged why
        sys.exit(1)


if __name__ == "__main__":
    main()
