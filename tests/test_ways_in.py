"""The menu gives the same project as `--directory`: the ways in agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rendering import KINDS, ROOT, SOURCE, AnswerSet, clean_environment, render, tree


@pytest.mark.parametrize("kind", KINDS)
def test_the_menu_renders_what_directory_renders(tmp_path: Path, kind: str) -> None:
    choice = KINDS.index(kind) + 1
    accept_every_default = "\n" * len(SOURCE["questions"])
    menu = subprocess.run(
        [sys.executable, "-m", "cookiecutter", str(ROOT), "--output-dir", str(tmp_path / "menu")],
        input=f"{choice}\n{accept_every_default}",
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert menu.returncode == 0, menu.stdout + menu.stderr
    (from_menu,) = (tmp_path / "menu").iterdir()
    from_directory = render("cookiecutter", AnswerSet("defaults", kind), tmp_path / "directory")
    assert tree(from_menu) == tree(from_directory)
