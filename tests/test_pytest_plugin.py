"""What only the pytest-plugin kind promises: a plugin pytest loads once installed, and that
works under pytest-xdist. (Its oldest pytest: test_reviewers.py checks every kind's bounds.)"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from answer_sets import ALL, FULL_CHECK
from rendering import SOURCE, AnswerSet, Bakery, fresh_clone, run, supported_here, tool, uv

KIND = "pytest-plugin"


def _params(answer_sets: list[AnswerSet]) -> list[object]:
    return [pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.id)) for s in answer_sets]


PLUGIN_SETS = _params([s for s in ALL if s.kind == KIND])
PLUGIN_FULL_CHECK = _params([s for s in ALL if s.kind == KIND and s.id in FULL_CHECK])
EVERY_KIND_DEFAULTS = _params([s for s in ALL if s.name == "defaults"])


def pyproject(project: Path) -> dict[str, Any]:
    return tomllib.loads((project / "pyproject.toml").read_text("utf-8"))


@pytest.mark.parametrize("answer_set", PLUGIN_SETS)
def test_pytest_finds_the_plugin_through_its_entry_point(bakery: Bakery, answer_set: AnswerSet) -> None:
    """Declared here; the generated tests prove that pytest loads it once installed."""
    project = bakery.get(answer_set).cookiecutter
    metadata = pyproject(project)["project"]
    module = next(path.name for path in (project / "src").iterdir())
    assert metadata["entry-points"] == {"pytest11": {module: f"{module}.plugin"}}
    assert "Framework :: Pytest" in metadata["classifiers"]
    assert (project / "src" / module / "plugin.py").is_file()
    assert module.startswith("pytest_")
    assert metadata["name"].startswith("pytest-")


@pytest.mark.parametrize("answer_set", EVERY_KIND_DEFAULTS)
def test_every_kind_tests_its_oldest_dependencies_once_on_linux(
    bakery: Bakery, answer_set: AnswerSet
) -> None:
    project = bakery.get(answer_set).cookiecutter
    # no bytecode: the baked project is shared with tests that compare its files
    result = run([tool("nox"), "--list", "--json"], cwd=project, PYTHONDONTWRITEBYTECODE="1")
    assert result.returncode == 0, result.stderr
    sessions = {entry["session"]: entry["tags"] for entry in json.loads(result.stdout)}
    assert sessions["tests-oldest-deps"] == []  # untagged: one CI job, on Linux
    if answer_set.kind != KIND:
        assert "pytest11" not in (project / "pyproject.toml").read_text("utf-8")


@pytest.mark.parametrize("answer_set", PLUGIN_FULL_CHECK)
def test_generated_tests_pass_under_xdist(bakery: Bakery, answer_set: AnswerSet, tmp_path: Path) -> None:
    """test_render runs the project's suite plainly; users' suites often run as `pytest -n`,
    where each worker configures pytest again. The project's tests only simulate a worker:
    here real ones must draw from the seed the controller's header shows."""
    min_python = answer_set.answers.get("min_python", SOURCE["python_versions"][0])
    runnable = supported_here(min_python)
    if not runnable:
        pytest.skip(f"no Python >= {min_python} on this machine")
    clone = fresh_clone(bakery.get(answer_set).cookiecutter, tmp_path / "clone")
    fixture = next(path.name for path in (clone / "src").iterdir()).removeprefix("pytest_") + "_random"
    draws = tmp_path / "draws"
    draws.mkdir()
    # one more test module, whose tests each write their first draw to a file of their own
    (clone / "tests" / "test_xdist_draws.py").write_text(
        "import pathlib\n\nimport pytest\n\n\n"
        '@pytest.mark.parametrize("n", range(4))\n'
        f"def test_draw(n, {fixture}):\n"
        f"    pathlib.Path({str(draws)!r}, str(n)).write_text(str({fixture}.random()))\n",
        "utf-8",
    )
    # --with: the project's tests do not need pytest-xdist, users' suites add it
    uv_run = [uv(), "run", "--python", runnable[0], "--with", "pytest-xdist"]
    command = [*uv_run, "pytest", "-p", "no:cacheprovider"]

    result = run([*command, "-n", "2"], cwd=clone)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "created: 2/2 workers" in result.stdout
    assert re.search(r"\b\d+ passed\b", result.stdout)
    assert "skipped" not in result.stdout.splitlines()[-1]
    under_xdist = {path.name: path.read_text("utf-8") for path in draws.iterdir()}
    assert len(under_xdist) == 4
    # the seed the header shows repeats the workers' draws without xdist
    option, seed = re.findall(r"repeat this run with (--[\w-]+)=(\d+)", result.stdout)[0]
    repeat = run([*command, f"{option}={seed}", "tests/test_xdist_draws.py"], cwd=clone)
    assert repeat.returncode == 0, repeat.stdout + repeat.stderr
    assert {path.name: path.read_text("utf-8") for path in draws.iterdir()} == under_xdist
