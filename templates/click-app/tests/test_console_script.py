"""The installed `{{ cookiecutter.command_name }}` script, run as users run it: in a process of its own."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_health import SECRET, Server

from {{ cookiecutter.module_name }} import cli, health

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


def test_a_scheduled_run_logs_to_stderr_and_is_monitored_with_no_code_of_its_own(
    server: Server, ping_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, ping_url)
    monkeypatch.setenv(f"{cli.ENV_PREFIX}LOG_LEVEL", "INFO")

    result = run("count", "--unit", "words", stdin="one two three\n")

    # Results go to stdout, log records from the variable's level up to stderr.
    assert (result.returncode, result.stdout) == (0, "3\t-\n")
    assert result.stderr == "INFO {{ cookiecutter.module_name }}.counting: -: 3 words\n"
    assert [seen.path for seen in server.seen] == [f"/{SECRET}/start", f"/{SECRET}/0"]


def test_python_m_runs_the_command_and_a_failed_health_check_exits_with_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(f"{cli.ENV_PREFIX}CONFIG", str(tmp_path / "missing.toml"))
    command = [sys.executable, "-m", "{{ cookiecutter.module_name }}", "health"]

    result = subprocess.run(command, capture_output=True, text=True, check=False)

    assert result.returncode == 1
    assert [line.split()[:2] for line in result.stdout.splitlines()] == [
        ["ok", "imports:"],
        ["failed", "config:"],
        ["ok", "monitoring:"],
    ]


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
