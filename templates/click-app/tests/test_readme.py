"""README.md shows the command's current --help: cog writes it there, this test checks it."""

import runpy
import sys
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


def test_readme_shows_the_current_help(monkeypatch: pytest.MonkeyPatch) -> None:
    # `python -m cogapp`, in this process; pytest shows how README.md differs if it does
    monkeypatch.setattr(sys, "argv", ["cog", "--check", "--diff", str(README)])

    with pytest.raises(SystemExit) as cog:
        runpy.run_module("cogapp", run_name="__main__")

    assert cog.value.code == 0, (
        "README.md is out of date: run `uv run cog -r README.md`"
    )
