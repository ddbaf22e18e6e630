"""The generated project passes its own nox and the ecosystem's reviewers, untouched.

These are the slow checks (a full nox run builds several environments), so they run on the
answer sets that stress the templates most: the defaults and the awkward text.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FULL_CHECK_SETS, Baked, supported_here
from rendering import SOURCE, fresh_clone, run

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("answer_set", FULL_CHECK_SETS)]


def tool(name: str) -> str:
    """A reviewer installed beside this test run's Python."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is in the collection's test dependency group"
    return found


def test_nox_passes_every_session(baked: Baked, tmp_path: Path) -> None:
    min_python = baked.answer_set.answers.get("min_python", SOURCE["python_versions"][0])
    versions = supported_here(min_python)
    if not versions:
        pytest.skip(f"no Python >= {min_python} on this machine")
    clone = fresh_clone(baked.cookiecutter, tmp_path / "clone")
    # The oldest Python's run is test_generated_tests_pass, and tests-oldest-deps runs on it
    # too; for a pytest plugin, test_pytest_plugin.py runs that session and checks its pytest.
    oldest_deps = [] if baked.answer_set.kind == "pytest-plugin" else ["tests-oldest-deps"]
    sessions = ["lint", "docs", "build", *oldest_deps, *(f"tests-{version}" for version in versions[1:])]
    result = run(
        [tool("nox"), "--download-python", "never", "-s", *sessions],
        cwd=clone,
        UV_PYTHON_DOWNLOADS="never",
    )
    assert result.returncode == 0, result.stdout + result.stderr[-6000:]
    assert sorted((clone / "dist").iterdir()) != []


def test_sp_repo_review_finds_nothing_to_fix(baked: Baked) -> None:
    result = run(
        [tool("sp-repo-review"), "--show", "errskip", "--format", "rich", "."], cwd=baked.cookiecutter
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows(baked: Baked) -> None:
    result = run([tool("zizmor"), "--offline", "--no-progress", ".github"], cwd=baked.cookiecutter)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
