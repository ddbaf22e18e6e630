"""The generated project passes its own CI and the ecosystem's reviewers, untouched.

These are the slow checks (each CI job builds an environment). CI runs for every answer set,
so for every offered minimum Python, each job once where its answer can differ: the tests on
every Python for the defaults, on its minimum for the others; the reviewers read the sets that
stress the templates most: the defaults and the awkward text.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from rendering import (
    EVERY_ANSWER_SET,
    FULL_CHECK_SETS,
    SOURCE,
    Baked,
    ci_sessions,
    fresh_clone,
    run,
    runner_python,
    supported_here,
    tool,
    uv,
)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("answer_set", EVERY_ANSWER_SET)
def test_every_ci_job_passes_as_the_runner_runs_it(baked: Baked, tmp_path: Path) -> None:
    """Each Linux job of the generated CI: its session list from the workflow's own step, and
    `uvx nox -s SESSION` started by a Python the project does not accept, with CI set, as on
    GitHub's runner (whose own Python is not the project's minimum)."""
    min_python = baked.answer_set.answers.get("min_python", SOURCE["python_versions"][0])
    if not supported_here(min_python):
        pytest.skip(f"no Python >= {min_python} on this machine; GitHub's runners install it")
    runner = runner_python(min_python)
    if runner is None:  # as for a missing minimum: the terminal summary names the versions
        pytest.skip(f"no Python but {min_python} on this machine to start nox with, as a runner's own")
    clone = fresh_clone(baked.cookiecutter, tmp_path / "clone")
    sessions = ci_sessions(clone, tmp_path / "github_output")
    # Sessions on a Python this machine lacks are left out (the terminal summary names it);
    # with CI set, nox would fail them, as it should on a runner.
    runnable = [
        session
        for session in sessions
        if not (match := re.fullmatch(r"tests-(3\.\d+)", session)) or match[1] in supported_here(min_python)
    ]
    # Above its minimum, a project's tests run on each Python as the defaults' do; and its
    # oldest dependencies, which no text answer changes, as the defaults' and each minimum's do.
    if baked.answer_set.name != "defaults":
        versions = SOURCE["python_versions"]
        newer = {f"tests-{version}" for version in versions[versions.index(min_python) + 1 :]}
        if baked.answer_set.name == "awkward-text":
            newer.add("tests-oldest-deps")
        runnable = [session for session in runnable if session not in newer]
    assert {"lint", "docs", "build"} <= set(runnable)
    for session in runnable:
        result = run(
            [uv(), "tool", "run", "--python", runner, "nox", "--download-python", "never", "-s", session],
            cwd=clone,
            CI="true",
            UV_PYTHON_DOWNLOADS="never",
        )
        assert result.returncode == 0, f"{session} on a runner with Python {runner}:\n" + (
            result.stdout[-3000:] + result.stderr[-6000:]
        )
    assert sorted((clone / "dist").iterdir()) != []
    if "tests-oldest-deps" in runnable:
        assert oldest_installed(clone) == oldest_allowed(clone)


def oldest_allowed(project: Path) -> dict[str, Version]:
    """Each runtime dependency's oldest release, as its `>=` bound in pyproject.toml says."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    bounds = [Requirement(text) for text in pyproject["project"].get("dependencies", [])]
    return {
        canonicalize_name(requirement.name): Version(specifier.version)
        for requirement in bounds
        for specifier in requirement.specifier
        if specifier.operator == ">="
    }


def oldest_installed(project: Path) -> dict[str, Version | None]:
    """The releases of those dependencies the tests-oldest-deps session really tested against."""
    environment = project / ".nox" / "tests-oldest-deps"
    listed = run([uv(), "pip", "list", "--format", "json", "--python", str(environment)], cwd=project)
    assert listed.returncode == 0, listed.stderr
    installed = {
        canonicalize_name(entry["name"]): Version(entry["version"]) for entry in json.loads(listed.stdout)
    }
    # None for one not installed at all: the comparison's diff then names it
    return {name: installed.get(name) for name in oldest_allowed(project)}


@pytest.mark.parametrize("answer_set", FULL_CHECK_SETS)
def test_sp_repo_review_finds_nothing_to_fix(baked: Baked) -> None:
    result = run(
        [tool("sp-repo-review"), "--show", "errskip", "--format", "rich", "."], cwd=baked.cookiecutter
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("answer_set", FULL_CHECK_SETS)
def test_zizmor_finds_nothing_in_the_workflows(baked: Baked) -> None:
    result = run([tool("zizmor"), "--offline", "--no-progress", ".github"], cwd=baked.cookiecutter)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
