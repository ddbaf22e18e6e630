"""A kind is one unit: docs/maintainers.md's four steps add one, and the suite checks it.

The steps, as the page gives them: a table in templates/questions.toml, a folder of files,
a docs page, a changelog line; then `nox -s assemble` and `nox -s docs -- cog`. The throwaway
kind here copies the library's files under a new name, so what it proves is the plumbing: the
menus, both engines, the answer checks and the docs follow the table with no other edit.
"""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
from rendering import KINDS, cookiecutter_command, copy_of_collection, git, run, tree, uv

KIND = "demo-widget"
# What the maintainer edits in the table the command copied from python-lib's.
EDITS = {
    "title": "Demo widget",
    "description": "A throwaway kind, made by tests/test_adding_a_kind.py",
    "for": "proving that a kind is one unit",
    "gives": "the library's files under another name",
    "defaults": {"project_name": "Widget Demo"},
    "name_prefix": "widget",
    # what tells its projects apart from python-lib's
    "dependencies": ["packaging>=24"],
    "why": "24: the oldest release the throwaway kind was tried with.",
    "typed_imports": ["packaging"],
}


def add_the_kind(collection: Path) -> None:
    """docs/maintainers.md's steps, on a copy of the collection: the command, then the edits."""
    added = run([sys.executable, "-m", "templates.add_kind", KIND, "--like", "python-lib"], cwd=collection)
    assert added.returncode == 0, added.stderr
    questions = collection / "templates" / "questions.toml"
    document = tomlkit.parse(questions.read_text("utf-8"))
    document["kinds"][KIND].update(EDITS)  # type: ignore[union-attr]
    questions.write_text(tomlkit.dumps(document), "utf-8")
    _with_a_third_party_type(collection / "templates" / KIND / "src" / "{{cookiecutter.module_name}}")
    changelog = collection / "CHANGELOG.md"
    text = changelog.read_text("utf-8")
    changelog.write_text(text.replace("\n\n", f"\n\nThe `{KIND}` template.\n\n", 1), "utf-8")


def _with_a_third_party_type(package: Path) -> None:
    """A public function that returns a dependency's type, as a service's create_app() returns
    its framework's application: the docs' nitpicky build must leave that type as text."""
    init = package / "__init__.py"
    text = init.read_text("utf-8")
    text = text.replace("\nfrom {{", "\nfrom packaging.version import Version\n\nfrom {{", 1)
    text = text.replace('"greet"]', '"greet", "version_of"]', 1)
    text += '\n\ndef version_of(text: str) -> Version:\n    """The version `text` names."""\n    return Version(text)\n'
    init.write_text(text, "utf-8")


def assemble(collection: Path) -> tuple[int, str]:
    result = run([sys.executable, "-m", "templates.assemble"], cwd=collection)
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
            lambda c: _edit(c / "templates" / "questions.toml", 'dependencies = ["packaging>=24"]\n', ""),
            f"templates/questions.toml [kinds.{KIND}]: its projects cannot be told from python-lib's: "
            "give it an entry point, a script or a dependency (docs/maintainers.md, Adding a kind)",
            id="told apart by nothing",
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
def test_the_suite_checks_a_new_kind_as_any_other(collection: Path, tmp_path: Path) -> None:
    """The collection's own render, answer and update checks and the new kind's own tests, run
    in the copy, for the new kind only (its docs page was regenerated by cog above)."""
    add_the_kind(collection)
    assert assemble(collection) == (0, "")
    cog = run(
        [sys.executable, "docs/cog_helpers.py"], cwd=collection, PYTHONPATH=os.pathsep.join([".", "tests"])
    )
    assert cog.returncode == 0, cog.stdout + cog.stderr

    # the update checks take the collection's files from git, as a maintainer's clone has them
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        [
            "-c",
            "user.name=A Maintainer",
            "-c",
            "user.email=maintainer@example.com",
            "commit",
            "-q",
            "-m",
            "Add the kind",
        ],
    ):
        git(collection, *command)

    checks = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0"]
    modules = ["tests/test_render.py", "tests/test_generated_tests.py", "tests/test_bad_answers.py"]
    result = run(
        [*checks, *modules, "tests/test_update.py", "-k", KIND],
        cwd=collection,
    )

    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
    # its docs build, nitpicky, with a dependency's type in the public API
    rendered = run(cookiecutter_command(KIND, {}, tmp_path, template=collection), cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    project = tmp_path / "widget-demo"
    docs = run(
        [
            uv(),
            "run",
            "--with-requirements",
            "docs/requirements.txt",
            "sphinx-build",
            "-W",
            "-n",
            "docs",
            "docs/_build",
        ],
        cwd=project,
    )
    assert docs.returncode == 0, docs.stdout[-3000:] + docs.stderr[-3000:]
    assert "version_of" in (project / "docs" / "_build" / "api.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "like", "message"),
    [
        (
            "Web Service",
            "python-lib",
            "'Web Service' is not a kind's name: lowercase words joined by -, such as web-service",
        ),
        (
            KIND,
            "flask-app",
            f"there is no kind 'flask-app' to start from: {', '.join(KINDS)}",
        ),
        (
            "click-app",
            "python-lib",
            "click-app exists already: [kinds.click-app], templates/click-app, docs/click-app.md",
        ),
    ],
    ids=["bad name", "unknown kind", "taken"],
)
def test_the_skeleton_command_refuses_in_one_line_and_writes_nothing(
    collection: Path, name: str, like: str, message: str
) -> None:
    before = tree(collection, skip=(".git", "__pycache__"))

    command = [sys.executable, "-m", "templates.add_kind", name, "--like", like]
    added = run(command, cwd=collection, PYTHONDONTWRITEBYTECODE="1")

    assert (added.returncode, added.stdout, added.stderr) == (
        1,
        "",
        f"Cannot add {name}: {message}. Nothing was written.\n",
    )
    assert tree(collection, skip=(".git", "__pycache__")) == before
