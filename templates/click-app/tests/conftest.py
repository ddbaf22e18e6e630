"""Fixtures for the command's tests; the monitoring server's are test_health.py's."""

from pathlib import Path

import click
import pytest
from test_health import SECRET, Server, clean_env, monitoring_service, server

from {{ cookiecutter.module_name }} import cli

__all__ = ["clean_env", "monitoring_service", "server"]


@pytest.fixture(autouse=True)
def command_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Unset the command's variables, and give it an empty user config folder."""
    for name in ("LOG_LEVEL", "CONFIG"):
        monkeypatch.delenv(f"{cli.ENV_PREFIX}{name}", raising=False)
    # Where click.get_app_dir() looks, on every operating system.
    for name in ("HOME", "USERPROFILE", "XDG_CONFIG_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(name, str(tmp_path / "home"))


@pytest.fixture
def config_file() -> Path:
    """The configuration file the command reads when none is named (not there yet)."""
    return Path(click.get_app_dir(cli.COMMAND)) / "config.toml"


@pytest.fixture
def ping_url(server: Server) -> str:
    """A healthchecks.io-style ping URL on the test server."""
    return f"{server.url}/{SECRET}"
