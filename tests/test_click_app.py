"""click-app specifics: the command works as soon as the project exists, under the name the
answers give it, and the --help its README shows cannot go stale unnoticed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rendering import AnswerSet, Bakery, fresh_clone, run, supported_here, tree, uv

# A command named apart from the distribution, so nothing passes by accident.
CUSTOM = AnswerSet("custom-command", "click-app", {"project_name": "Demo Tool", "command_name": "dt"})

pytestmark = [
    pytest.mark.xdist_group(CUSTOM.id),
    pytest.mark.parametrize("answer_set", [pytest.param(CUSTOM, id=CUSTOM.id)]),
]


@pytest.fixture(scope="module")
def rendered(bakery: Bakery) -> dict[str, Path]:
    baked = bakery.get(CUSTOM)
    return {"cookiecutter": baked.cookiecutter, "copier": baked.copier}


@pytest.fixture
def clone(rendered: dict[str, Path], tmp_path: Path) -> Path:
    return fresh_clone(rendered["cookiecutter"], tmp_path / "clone")


def uv_run(clone: Path, *command: str) -> tuple[int, str]:
    python = supported_here("3.11")[0]
    result = run([uv(), "run", "--python", python, *command], cwd=clone)
    return result.returncode, result.stdout + result.stderr


def test_engines_agree_on_the_command_name(answer_set: AnswerSet, rendered: dict[str, Path]) -> None:
    assert tree(rendered["cookiecutter"]) == tree(rendered["copier"])
    pyproject = tomllib.loads((rendered["cookiecutter"] / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["scripts"] == {"dt": "demo_tool.cli:main"}


def test_the_command_works_as_soon_as_the_project_exists(answer_set: AnswerSet, clone: Path) -> None:
    status, output = uv_run(clone, "dt", "--help")
    assert status == 0, output
    assert "Usage: dt [OPTIONS] COMMAND [ARGS]..." in output
    status, output = uv_run(clone, "dt", "--version")
    assert (status, output.splitlines()[-1]) == (0, "dt 0.1.0"), output


def test_the_readme_and_usage_page_say_how_to_run_the_command_before_it_is_installed(
    answer_set: AnswerSet, rendered: dict[str, Path]
) -> None:
    """`uv tool install` and `pip install` work only once the project is published."""
    for page in ("README.md", "docs/usage.md"):
        assert "uv run dt --help" in (rendered["cookiecutter"] / page).read_text("utf-8"), page


def test_a_stale_readme_fails_the_projects_tests_until_cog_rewrites_it(
    answer_set: AnswerSet, clone: Path
) -> None:
    cli = clone / "src" / "demo_tool" / "cli.py"
    cli.write_text(cli.read_text("utf-8").replace("Log errors only.", "Log errors alone."), "utf-8")

    status, output = uv_run(clone, "pytest", "-p", "no:cacheprovider", "tests/test_readme.py")
    assert status == 1, output
    assert "README.md is out of date: run `uv run cog -r README.md`" in output

    assert uv_run(clone, "cog", "-r", "README.md")[0] == 0
    assert "Log errors alone." in (clone / "README.md").read_text("utf-8")
    status, output = uv_run(clone, "pytest", "-p", "no:cacheprovider", "tests/test_readme.py")
    assert status == 0, output
