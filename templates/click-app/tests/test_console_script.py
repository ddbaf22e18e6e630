"""The installed `{{ cookiecutter.command_name }}` script, run as users run it: in a process of its own."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_health import SECRET, Server

from {{ cookiecutter.module_name }} import __version__, cli, health

# The package is installed, so its script is beside the Python running the tests.
SCRIPT = shutil.which(cli.COMMAND, path=str(Path(sys.executable).parent))


def run(*command: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    assert SCRIPT, f"{cli.COMMAND} is not installed beside {sys.executable}"
    return subprocess.run(
        [SCRIPT, *command],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ,
        timeout=60,
        check=False,
    )


def test_version() -> None:
    result = run("--version")

    assert (result.returncode, result.stdout) == (0, f"{cli.COMMAND} {__version__}\n")


def test_python_m_runs_the_command_too() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "{{ cookiecutter.module_name }}",
            "--version",
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (result.returncode, result.stdout) == (0, f"{cli.COMMAND} {__version__}\n")


def test_results_go_to_stdout_and_log_records_to_stderr() -> None:
    result = run("-vv", "count", "--unit", "words", stdin="one two three\n")

    assert (result.returncode, result.stdout) == (0, "3\t-\n")
    assert [line.split()[0] for line in result.stderr.splitlines()] == ["DEBUG", "INFO"]


def test_the_log_level_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(f"{cli.ENV_PREFIX}LOG_LEVEL", "INFO")

    result = run("count", stdin="")

    assert (result.returncode, result.stdout) == (0, "0\t-\n")
    assert [line.split()[0] for line in result.stderr.splitlines()] == [
        "WARNING",
        "INFO",
    ]


def test_health_exits_with_status_1_when_a_check_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(f"{cli.ENV_PREFIX}CONFIG", str(tmp_path / "missing.toml"))

    result = run("health")

    assert result.returncode == 1
    assert [line.split()[:2] for line in result.stdout.splitlines()] == [
        ["ok", "imports:"],
        ["failed", "config:"],
        ["ok", "monitoring:"],
    ]


def test_a_scheduled_run_is_monitored_with_no_code_of_its_own(
    server: Server, ping_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, ping_url)

    result = run("count", stdin="one\n")

    assert (result.returncode, result.stdout, result.stderr) == (0, "1\t-\n", "")
    assert [seen.path for seen in server.seen] == [f"/{SECRET}/start", f"/{SECRET}/0"]


# Runs click's own --help first, then the command's: what the second one adds
# is what `{{ cookiecutter.command_name }} --help` costs beyond click itself.
HELP_IMPORTS = """
import json, sys
import click

click.Group("bare").main(["--help"], standalone_mode=False)
before = set(sys.modules)
from {{ cookiecutter.module_name }}.cli import main
main(["--help"], standalone_mode=False)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_help_loads_nothing_but_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True, check=True
    )

    loaded = json.loads(result.stdout.splitlines()[-1])
    assert loaded == [
        "{{ cookiecutter.module_name }}",
        "{{ cookiecutter.module_name }}.cli",
    ]
