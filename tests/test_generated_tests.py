"""A generated project's own tests pass as its README runs them, on Linux, macOS and Windows.

The full-check sets only: every other set's tests run on its minimum Python in its CI job's
tests session (test_reviewers.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rendering import FULL_CHECK_SETS, SOURCE, Baked, fresh_clone, python_at_least, run, uv

pytestmark = [pytest.mark.slow, pytest.mark.portable]

# pytest --setup-plan on each module given, one after the other in one Python: it finds every
# test's fixtures without running the test, and fails on one it cannot find.
EACH_MODULE_ALONE = (
    "import sys, pytest; sys.exit(max("
    "pytest.main(['--setup-plan', '-q', '-p', 'no:cacheprovider', module]) for module in sys.argv[1:]))"
)


@pytest.mark.parametrize("answer_set", FULL_CHECK_SETS)
def test_generated_tests_pass(baked: Baked, tmp_path: Path) -> None:
    """The project's own suite as its README runs it (`uv run pytest`), in a fresh clone and a
    fresh environment, on its oldest Python here; and each of its test modules alone finds its
    fixtures (conftest.py's, monitoring.py's), not only beside the others. The full-check sets
    only: every other set's suite runs on its minimum in its CI job (test_reviewers.py)."""
    min_python = baked.answer_set.answers.get("min_python", SOURCE["python_versions"][0])
    python = python_at_least(min_python)
    if python is None:
        pytest.skip(f"no Python >= {min_python} on this machine")
    clone = fresh_clone(baked.cookiecutter, tmp_path / "clone")
    result = run([uv(), "run", "--python", python, "pytest", "-p", "no:cacheprovider"], cwd=clone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout)

    modules = sorted(path.relative_to(clone).as_posix() for path in (clone / "tests").glob("test_*.py"))
    alone = run([uv(), "run", "--python", python, "python", "-c", EACH_MODULE_ALONE, *modules], cwd=clone)
    assert alone.returncode == 0, alone.stdout + alone.stderr
