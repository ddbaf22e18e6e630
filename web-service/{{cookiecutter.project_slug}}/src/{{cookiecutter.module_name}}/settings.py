"""The service's settings, read from environment variables once, as it starts.

In development, ``uv run --env-file .env {{ cookiecutter.command_name }}`` sets them from the project's
``.env`` file; in production the platform sets them (the Dockerfile sets the image's own).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

ENV_PREFIX = "{{ cookiecutter.module_name | upper }}_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")


class SettingsError(ValueError):
    """A variable's value cannot be used; the message names the variable and why."""


@dataclass(frozen=True)
class Settings:
    """What the service needs to know before it starts; the defaults suit development."""

    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    log_format: str = "text"  # "json" for log collectors: one JSON object per line
    healthcheck_url: str = ""  # no URL: no heartbeat
    heartbeat_seconds: float = 60.0

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """The settings `environ` gives; an unset or empty variable keeps its default.

        Raises :class:`SettingsError` for the first value that cannot be used.
        """
        values: dict[str, Any] = {}
        for field in fields(cls):
            name = variable(field.name)
            text = environ.get(name, "").strip()
            if not text:
                continue
            parse, why = _RULES[field.name]
            try:
                values[field.name] = parse(text)
            except ValueError:
                message = f"Invalid value for {name}: {text!r} {why}"
                raise SettingsError(message) from None
        return cls(**values)


def variable(field: str) -> str:
    """The environment variable that sets the `field` of :class:`Settings`."""
    if field == "healthcheck_url":  # the name every kind of project reads the URL from
        return "{{ cookiecutter.__healthcheck_variable }}"
    return ENV_PREFIX + field.upper()


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:  # the highest port TCP has
        raise ValueError(text)
    return port


def _seconds(text: str) -> float:
    seconds = float(text)
    if not seconds >= 1:  # refuses nan too
        raise ValueError(text)
    return seconds


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        for choice in choices:
            if text.lower() == choice.lower():
                return choice
        raise ValueError(text)

    return parse


def _quoted(choices: tuple[str, ...]) -> str:
    return ", ".join(repr(choice) for choice in choices)


# Each setting's parser, which raises ValueError for a value it refuses, and why
_RULES: dict[str, tuple[Callable[[str], Any], str]] = {
    "host": (str, ""),
    "port": (_port, "is not a port number from 1 to 65535."),
    "log_level": (_one_of(LOG_LEVELS), f"is not one of {_quoted(LOG_LEVELS)}."),
    "log_format": (_one_of(LOG_FORMATS), f"is not one of {_quoted(LOG_FORMATS)}."),
    "healthcheck_url": (str, ""),
    "heartbeat_seconds": (_seconds, "is not a number of seconds, 1 or more."),
}
