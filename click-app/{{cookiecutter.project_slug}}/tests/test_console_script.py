"""The command as users start it: the installed script, and `python -m`."""

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.module_name }} import __version__, cli


def test_the_installed_script_loads_only_the_command_line_for_help() -> None:
    # The package is installed, so its script is beside the Python running the tests.
    script = shutil.which(cli.COMMAND, path=str(Path(sys.executable).parent))
    assert script, f"{cli.COMMAND} is not installed beside {sys.executable}"

    result = subprocess.run(
        [script, "--help"],
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"},  # each import, on stderr
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.startswith(f"Usage: {cli.COMMAND} [OPTIONS] COMMAND")
    imported = [line.rpartition("|")[2].strip() for line in result.stderr.splitlines()]
    ours = sorted(name for name in imported if name.split(".")[0] == cli.__package__)
    # Each command imports its own code when it runs, so that --help starts fast.
    assert ours == [cli.__package__, cli.__name__]


def test_python_m_runs_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As in a new process: the health command's tests may have imported it already.
    monkeypatch.delitem(sys.modules, "{{ cookiecutter.module_name }}.__main__", raising=False)
    monkeypatch.setattr(sys, "argv", ["{{ cookiecutter.module_name }}", "--version"])

    with pytest.raises(SystemExit) as exited:
        runpy.run_module("{{ cookiecutter.module_name }}", run_name="__main__")
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"{cli.COMMAND} {__version__}\n"
