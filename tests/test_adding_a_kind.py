"""A kind is one unit: docs/maintainers.md's four steps add one, and the suite checks it.

The steps, as the page gives them: a table in templates/questions.toml, a folder of files,
a docs page, a changelog line; then `nox -s assemble` and `nox -s docs -- cog`. The throwaway
kind here copies the library's files under a new name, so what it proves is the plumbing: the
menus, both engines, the answer checks and the docs follow the table with no other edit.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from rendering import copy_of_collection, run

KIND = "demo-widget"
TABLE = f"""
[kinds.{KIND}]
title = "Demo widget"
description = "A throwaway kind, made by tests/test_adding_a_kind.py"
for = "proving that a kind is one unit"
gives = "the library's files under another name"
defaults = {{ project_name = "Widget Demo" }}
name_prefix = "widget"
[kinds.{KIND}.files]
"src/{{module}}/greetings.py" = "example code: replace it with yours"

"""


def add_the_kind(collection: Path) -> None:
    """docs/maintainers.md's four steps, on a copy of the collection."""
    questions = collection / "templates" / "questions.toml"
    text = questions.read_text("utf-8")
    questions.write_text(
        text.replace("[questions.project_name]", TABLE + "[questions.project_name]", 1), "utf-8"
    )
    shutil.copytree(collection / "templates" / "python-lib", collection / "templates" / KIND)
    page = (collection / "docs" / "python-lib.md").read_text("utf-8")
    (collection / "docs" / f"{KIND}.md").write_text(page.replace("python-lib", KIND), "utf-8")
    changelog = collection / "CHANGELOG.md"
    text = changelog.read_text("utf-8")
    changelog.write_text(text.replace("\n\n", f"\n\nThe `{KIND}` template.\n\n", 1), "utf-8")


def assemble(collection: Path) -> tuple[int, str]:
    result = run([sys.executable, "templates/assemble.py"], cwd=collection)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    return copy_of_collection(tmp_path / "collection")


def test_the_four_steps_are_all_it_takes(collection: Path) -> None:
    add_the_kind(collection)
    assert assemble(collection) == (0, "")
    # the menus, copier's choices and the setup workflow's menu follow the table
    assert KIND in tomllib.loads((collection / "templates" / "questions.toml").read_text("utf-8"))["kinds"]
    assert "Demo widget: A throwaway kind" in (collection / "copier.yml").read_text("utf-8")
    assert f", {KIND}]" in (collection / ".github" / "workflows" / "setup.yml").read_text("utf-8")
    assert f"/{KIND}/** linguist-generated" in (collection / ".gitattributes").read_text("utf-8")
    assert (collection / KIND / "cookiecutter.json").is_file()


@pytest.mark.parametrize(
    ("undo", "message"),
    [
        pytest.param(
            lambda c: _edit(
                c / "templates" / "questions.toml", 'gives = "the library\'s files under another name"\n', ""
            ),
            f"templates/questions.toml [kinds.{KIND}]: no gives (the fields are listed above [kinds.python-lib])",
            id="no gives",
        ),
        pytest.param(
            lambda c: _edit(
                c / "templates" / "questions.toml", 'name_prefix = "widget"', 'name_prefx = "widget"'
            ),
            f"templates/questions.toml [kinds.{KIND}]: unknown name_prefx (the fields are listed above [kinds.python-lib])",
            id="a typo",
        ),
        pytest.param(
            lambda c: (c / "docs" / f"{KIND}.md").unlink(),
            f"{KIND}: no docs/{KIND}.md (docs/maintainers.md, Adding a kind)",
            id="no page",
        ),
        pytest.param(
            lambda c: shutil.rmtree(c / "templates" / KIND / "tests"),
            f"{KIND}: no templates/{KIND}/tests (docs/maintainers.md, Adding a kind)",
            id="no tests",
        ),
    ],
)
def test_a_missing_piece_is_named_in_one_line(
    collection: Path, undo: Callable[[Path], object], message: str
) -> None:
    add_the_kind(collection)
    undo(collection)

    assert assemble(collection) == (1, message + "\n")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.slow
def test_the_suite_checks_a_new_kind_as_any_other(collection: Path) -> None:
    """The collection's own render and docs checks, run in the copy, for the new kind only."""
    add_the_kind(collection)
    assert assemble(collection) == (0, "")
    cog = run([sys.executable, "docs/cog_helpers.py"], cwd=collection)
    assert cog.returncode == 0, cog.stdout + cog.stderr

    checks = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-m", "not slow"]
    result = run(
        [*checks, "tests/test_render.py", "tests/test_docs.py", "tests/test_bad_answers.py", "-k", KIND],
        cwd=collection,
    )

    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
