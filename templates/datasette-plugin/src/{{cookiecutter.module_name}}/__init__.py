"""A Datasette plugin: installing the package is all it takes for Datasette to load it.

Datasette finds this module through the ``datasette`` entry point in pyproject.toml and
calls the functions marked ``@hookimpl``, each named after the hook it implements:

- ``prepare_connection`` adds the ``greet()`` SQL function to every database connection,
  the template's example to replace with your own;
- ``startup`` pings a monitoring service once Datasette has started, if a URL is set.

The package is the plugin, as in Datasette's own plugin template: ``static/`` and
``templates/`` folders beside this file would be served with it. docs/reference.md lists
what the plugin adds and how to configure it.
"""

# Annotations stay unevaluated, so they may name what only type checkers import.
from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from datasette import __version__ as datasette_version
from datasette import hookimpl

from {{ cookiecutter.module_name }} import health

if TYPE_CHECKING:  # not at run time: datasette.app imports the plugins, this one too
    from datasette.app import Datasette

__version__ = "0.1.0"
__all__ = ["__version__", "greet"]

logger = logging.getLogger(__name__)

# The plugin's configuration is filed under this name in Datasette's metadata or config.
PLUGIN_NAME = "{{ cookiecutter.project_slug }}"


def greet(name: str | None) -> str | None:
    """The ``greet()`` SQL function: ``select greet('World')`` gives ``'Hello, World!'``.

    NULL gives NULL, as with SQLite's own functions.
    """
    return None if name is None else f"Hello, {name.strip()}!"


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str) -> None:
    """Add the plugin's SQL functions to each connection Datasette opens."""
    # Deterministic: one argument always gives one result, so an index may use it.
    conn.create_function("greet", 1, greet, deterministic=True)
    logger.debug("greet() added to a connection to %s", database)


@hookimpl
def startup(datasette: Datasette) -> Callable[[], Awaitable[None]]:
    """Tell the monitoring service that Datasette has started; Datasette awaits this."""

    async def ping_started() -> None:
        config = datasette.plugin_config(PLUGIN_NAME) or {}
        message = (
            f"Datasette {datasette_version} started with {PLUGIN_NAME} {__version__}"
        )
        # A URL of None makes ping() read the environment variable. In a thread, a slow
        # monitoring service leaves the event loop free; ping() never raises.
        await asyncio.to_thread(
            health.ping, "success", config.get("healthcheck_url"), message=message
        )

    return ping_started
