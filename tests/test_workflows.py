"""The generated CI runs every nox session a project has, on the systems it is meant for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from answer_sets import ALL
from rendering import ROOT, SOURCE, AnswerSet, Bakery, fresh_clone, run

DEFAULTS = [answer_set for answer_set in ALL if answer_set.name == "defaults"]


def step_script(workflow: Path, job: str, step_id: str) -> str:
    steps = yaml.safe_load(workflow.read_text("utf-8"))["jobs"][job]["steps"]
    (script,) = (step["run"] for step in steps if step.get("id") == step_id)
    return str(script)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq, which GitHub's runners have, is not installed")
@pytest.mark.parametrize(
    "answer_set", [pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.id)) for s in DEFAULTS]
)
def test_ci_matrix_is_every_session_and_tests_on_three_systems(
    bakery: Bakery, answer_set: AnswerSet, tmp_path: Path
) -> None:
    # a clone: nox leaves a __pycache__ behind, and the baked project is shared with other tests
    project = fresh_clone(bakery.get(answer_set).cookiecutter, tmp_path / "clone")
    output = tmp_path / "github_output"
    script = step_script(project / ".github" / "workflows" / "ci.yml", "sessions", "list")
    result = run(["bash", "-eo", "pipefail", "-c", script], cwd=project, GITHUB_OUTPUT=str(output))
    assert result.returncode == 0, result.stderr

    (line,) = output.read_text("utf-8").splitlines()
    jobs = {(job["session"], job["os"]) for job in json.loads(line.removeprefix("include="))}
    assert {("lint", "ubuntu-latest"), ("docs", "ubuntu-latest"), ("build", "ubuntu-latest")} <= jobs
    every_os = {"ubuntu-latest", "macos-latest", "windows-latest"}
    for version in SOURCE["python_versions"]:
        testing = {os for session, os in jobs if session.startswith(f"tests-{version}")}
        assert testing == every_os, version


def test_ci_is_fast_by_configuration() -> None:
    """uv's cache (packages and the Pythons nox has uv download), superseded runs cancelled,
    a time limit on every job, and no job that installs more than nox."""
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    assert ci["concurrency"]["cancel-in-progress"] is True
    for name, job in ci["jobs"].items():
        assert job["timeout-minutes"] <= 30, name
        setups = [step for step in job["steps"] if step.get("uses", "").startswith("astral-sh/setup-uv@")]
        assert [step["with"]["enable-cache"] for step in setups] == [True], name
        runs = [step["run"] for step in job["steps"] if "run" in step]
        assert all(run.lstrip().startswith(("uvx nox", "include=$(uvx nox")) for run in runs), name
    (setup,) = (
        step for step in ci["jobs"]["nox"]["steps"] if step.get("uses", "").startswith("astral-sh/setup-uv@")
    )
    assert setup["with"]["cache-python"] is True
