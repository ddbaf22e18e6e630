"""What every run does around its command: logging, monitoring, configuration.

:mod:`{{ cookiecutter.module_name }}.cli` imports this module only once a command is about to run.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import tomllib
import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from {{ cookiecutter.module_name }}.cli import COMMAND

if TYPE_CHECKING:
    from {{ cookiecutter.module_name }}.health import PingResult


@dataclass
class App:
    """What the command group learnt before the command runs (click's ``ctx.obj``)."""

    config_path: Path
    config_error: ConfigError | None = None
    healthcheck_url: str = ""
    start_ping: PingResult | None = None


def level_from(verbose: int, quiet: bool, log_level: str) -> int:
    """The level to log at: -v or -vv, else -q, else --log-level or its variable."""
    if verbose:
        return logging.INFO if verbose == 1 else logging.DEBUG
    if quiet:
        return logging.ERROR
    return logging.getLevelNamesMapping()[log_level.upper()]


@contextlib.contextmanager
def logging_to_stderr(level: int) -> Iterator[None]:
    """Show log records of `level` and above on standard error while the run lasts.

    The handler is the root logger's, so the libraries' records show too.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    saved_level = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(saved_level)


@contextlib.contextmanager
def monitored(url: str) -> Iterator[PingResult | None]:
    """Ping `url` as the command starts, then with its exit status as it ends.

    Both pings carry one run id, so healthchecks.io measures how long the run took.
    A ping never raises: monitoring never changes the command's outcome.
    """
    if not url:
        yield None
        return
    from {{ cookiecutter.module_name }} import health  # noqa: PLC0415  # HTTP code: only with a URL

    run_id = str(uuid.uuid4())
    started = health.ping("start", url, run_id=run_id)
    try:
        yield started
    except BaseException as error:
        health.ping(exit_code(error), url, run_id=run_id)
        raise
    health.ping(0, url, run_id=run_id)


def exit_code(error: BaseException) -> int:
    """The exit status the process gets when `error` ends the command."""
    if isinstance(error, click.exceptions.Exit | click.ClickException):
        return error.exit_code
    if isinstance(error, SystemExit):
        if error.code is None:
            return 0
        # sys.exit("why") prints why and exits with status 1
        return error.code if isinstance(error.code, int) else 1
    return 1  # click.Abort (Ctrl+C) and uncaught exceptions


class ConfigError(click.ClickException):
    """The configuration file cannot be used: click prints why and exits with status 1."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"cannot use the configuration file {path}: {problem}")


def config_path(given: str | None) -> Path:
    """The configuration file: the one given, else config.toml in the user's config folder."""
    if given:
        return Path(given)
    return Path(click.get_app_dir(COMMAND)) / "config.toml"


def read_config(
    path: Path, *, required: bool, commands: Collection[str]
) -> dict[str, Any]:
    """The option defaults in the TOML file at `path`, as click's ``default_map``.

    A table per command holds its options' defaults: ``[count]`` ``unit = "words"``.
    A missing file means no defaults, unless it is `required` (it was named).
    """
    try:
        with path.open("rb") as file:
            tables = tomllib.load(file)
    except FileNotFoundError:
        if required:
            raise ConfigError(path, "no such file") from None
        return {}
    except OSError as error:  # a folder, no permission, ...
        raise ConfigError(path, error.strerror or type(error).__name__) from error
    except ValueError as error:  # not TOML, or not UTF-8
        raise ConfigError(path, str(error)) from error
    strays = [
        key
        for key, value in tables.items()
        if key not in commands or not isinstance(value, dict)
    ]
    if strays:
        found = ", ".join(strays)
        raise ConfigError(
            path, f"expected only tables named after commands, found {found}"
        )
    return tables
