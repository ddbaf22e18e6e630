"""The command as users start it: the installed script, and `python -m`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.module_name }} import cli


@pytest.mark.parametrize("python_m", [False, True], ids=["script", "python -m"])
def test_help_loads_only_the_command_line(python_m: bool) -> None:
    # The package is installed, so its script is beside the Python running the tests.
    script = shutil.which(cli.COMMAND, path=str(Path(sys.executable).parent))
    assert script, f"{cli.COMMAND} is not installed beside {sys.executable}"
    command = [sys.executable, "-m", cli.__package__] if python_m else [script]

    result = subprocess.run(
        [*command, "--help"],
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"},  # each import, on stderr
        capture_output=True,
        text=True,
        check=True,
    )

    prog = f"python -m {cli.__package__}" if python_m else cli.COMMAND
    assert result.stdout.startswith(f"Usage: {prog} [OPTIONS] COMMAND")
    imported = [line.rpartition("|")[2].strip() for line in result.stderr.splitlines()]
    ours = sorted(name for name in imported if name.split(".")[0] == cli.__package__)
    # Each command imports its own code when it runs, so that --help starts fast.
    assert ours == [cli.__package__, cli.__name__]
