"""What only the datasette-plugin kind promises: a plugin Datasette loads once its wheel is
installed, tested against the oldest Datasette it claims to support as well as the newest."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from answer_sets import ALL, FULL_CHECK
from rendering import SOURCE, AnswerSet, Bakery, fresh_clone, run, supported_here, tool, uv

KIND = "datasette-plugin"

PLUGIN_FULL_CHECK = [
    pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.id))
    for s in ALL
    if s.kind == KIND and s.id in FULL_CHECK
]


def min_python(answer_set: AnswerSet) -> str:
    return answer_set.answers.get("min_python", SOURCE["python_versions"][0])


def datasette_floor(project: Path) -> str:
    """The oldest Datasette the project supports: its `datasette>=X` dependency, stated once."""
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    (floor,) = [
        match[1]
        for requirement in metadata["dependencies"]
        if (match := re.fullmatch(r"datasette>=([\d.]+)", requirement))
    ]
    return floor


@pytest.mark.slow
@pytest.mark.parametrize("answer_set", PLUGIN_FULL_CHECK)
def test_tests_pass_with_the_oldest_datasette_the_plugin_supports(
    bakery: Bakery, answer_set: AnswerSet, tmp_path: Path
) -> None:
    project = bakery.get(answer_set).cookiecutter
    oldest_python = min_python(answer_set)
    if oldest_python not in supported_here(oldest_python):
        pytest.skip(f"no Python {oldest_python} on this machine")
    clone = fresh_clone(project, tmp_path / "clone")

    result = run(
        [tool("nox"), "--download-python", "never", "-s", "tests-oldest-deps"],
        cwd=clone,
        UV_PYTHON_DOWNLOADS="never",
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr[-6000:]
    assert re.search(rf"platform .* -- Python {re.escape(oldest_python)}\.\d+,", output)
    # the session's own environment, as nox left it: what the tests really ran against
    environment = clone / ".nox" / "tests-oldest-deps"
    shown = run([uv(), "pip", "show", "--python", str(environment), "datasette"], cwd=clone)
    assert shown.returncode == 0, shown.stderr
    assert f"\nVersion: {datasette_floor(project)}\n" in shown.stdout


@pytest.mark.parametrize("answer_set", PLUGIN_FULL_CHECK)
def test_datasette_lists_the_plugin_its_wheel_installs(
    bakery: Bakery, answer_set: AnswerSet, tmp_path: Path
) -> None:
    """As users get it: the wheel alone, in an environment of its own, no project in sight."""
    runnable = supported_here(min_python(answer_set))
    if not runnable:
        pytest.skip(f"no Python >= {min_python(answer_set)} on this machine")
    project = bakery.get(answer_set).cookiecutter
    clone = fresh_clone(project, tmp_path / "clone")
    built = run([uv(), "build", "--wheel", "--out-dir", str(tmp_path / "dist")], cwd=clone)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    isolated = [uv(), "run", "--isolated", "--no-project", "--python", runnable[0]]

    # outside the clone: only the wheel can bring the plugin
    result = run([*isolated, "--with", str(wheel), "datasette", "plugins"], cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    slug = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]["name"]
    [plugin] = [plugin for plugin in json.loads(result.stdout) if plugin["name"] == slug]
    assert plugin["version"] == wheel.name.split("-")[1]  # name-version-tags.whl
    assert sorted(plugin["hooks"]) == ["prepare_connection", "startup"]
