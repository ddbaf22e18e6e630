"""README.md shows the command's current --help: cog writes it there, this test checks it."""

import subprocess
import sys
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def test_readme_shows_the_current_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", str(README)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )

    assert result.returncode == 0, (
        "README.md is out of date: run `uv run cog -r README.md` and commit it.\n"
        + result.stdout
        + result.stderr
    )
