"""Fixtures for every test of the command."""

from pathlib import Path

import click
import pytest

from {{ cookiecutter.module_name }} import cli


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
