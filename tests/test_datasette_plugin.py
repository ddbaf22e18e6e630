"""What only the datasette-plugin kind promises: a plugin Datasette loads once its wheel is
installed. (Its oldest Datasette: test_reviewers.py checks every kind's bounds.)"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from answer_sets import ALL, FULL_CHECK
from rendering import SOURCE, AnswerSet, Bakery, fresh_clone, run, supported_here, uv

KIND = "datasette-plugin"

PLUGIN_FULL_CHECK = [
    pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.id))
    for s in ALL
    if s.kind == KIND and s.id in FULL_CHECK
]


def min_python(answer_set: AnswerSet) -> str:
    return answer_set.answers.get("min_python", SOURCE["python_versions"][0])


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
