"""Every way users pass answers gives the same project: replay files, user config, data files.

The awkward answer set (quotes, backslashes, braces, non-ASCII) is rendered once by copier
with `--data` (the bakery); every other channel must give the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from answer_sets import ALL
from rendering import ROOT, AnswerSet, Bakery, cookiecutter_literal, replay_context, run, tree

AWKWARD = [
    pytest.param(answer_set, id=answer_set.id, marks=pytest.mark.xdist_group(answer_set.id))
    for answer_set in ALL
    if answer_set.name == "awkward-text"
]


def resolved_answers(copier_project: Path) -> dict[str, str]:
    """Every answer, derived ones included, as copier recorded them."""
    recorded = yaml.safe_load((copier_project / ".copier-answers.yml").read_text("utf-8"))
    return {name: value for name, value in recorded.items() if not name.startswith("_") and name != "kind"}


def only_project(directory: Path) -> Path:
    (project,) = (path for path in directory.iterdir() if path.is_dir())
    return project


def same_project(project: Path, expected: Path) -> None:
    without_answers_file = (".git", ".copier-answers.yml")
    assert tree(project, skip=without_answers_file) == tree(expected, skip=without_answers_file)


@pytest.mark.parametrize("answer_set", AWKWARD)
def test_a_cookiecutter_replay_file(bakery: Bakery, answer_set: AnswerSet, tmp_path: Path) -> None:
    expected = bakery.get(answer_set).copier
    replay = tmp_path / "replay.json"
    context = replay_context(answer_set.kind, resolved_answers(expected))
    replay.write_text(json.dumps({"cookiecutter": context}), "utf-8")
    out = tmp_path / "out"
    result = run(
        [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", answer_set.kind,
         "--replay-file", str(replay), "--output-dir", str(out)],
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    same_project(only_project(out), expected)


@pytest.mark.parametrize("answer_set", AWKWARD)
def test_a_user_config_with_default_context(bakery: Bakery, answer_set: AnswerSet, tmp_path: Path) -> None:
    expected = bakery.get(answer_set).copier
    # default_context values are defaults, which cookiecutter renders as Jinja like --no-input answers
    defaults = {name: cookiecutter_literal(value) for name, value in resolved_answers(expected).items()}
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"default_context": defaults}, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    result = run(
        [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", answer_set.kind,
         "--no-input", "--config-file", str(config), "--output-dir", str(out)],
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    same_project(only_project(out), expected)


@pytest.mark.parametrize("answer_set", AWKWARD)
def test_a_copier_data_file(bakery: Bakery, answer_set: AnswerSet, tmp_path: Path) -> None:
    expected = bakery.get(answer_set).copier
    data = tmp_path / "answers.yml"
    answers = {"kind": answer_set.kind, **resolved_answers(expected)}
    data.write_text(yaml.safe_dump(answers, allow_unicode=True), "utf-8")
    result = run(
        [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet",
         "--data-file", str(data), str(ROOT), str(tmp_path / "project")],
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    same_project(tmp_path / "project", expected)
