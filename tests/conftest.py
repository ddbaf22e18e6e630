"""Bake each (kind, answer set) once per test session, with both engines, and share it.

Tests that use the same answer set carry the same xdist group, so one worker renders it and
runs every check on that output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from answer_sets import ALL, FULL_CHECK
from hook_repos import HookRepoShelf
from rendering import SOURCE, AnswerSet, available_pythons, render


@dataclass(frozen=True)
class Baked:
    answer_set: AnswerSet
    cookiecutter: Path
    copier: Path


class Bakery:
    def __init__(self, workdir: Path) -> None:
        self._workdir = workdir
        self._baked: dict[str, Baked] = {}

    def get(self, answer_set: AnswerSet) -> Baked:
        if answer_set.id not in self._baked:
            where = self._workdir / answer_set.id
            self._baked[answer_set.id] = Baked(
                answer_set,
                cookiecutter=render("cookiecutter", answer_set, where / "cookiecutter"),
                copier=render("copier", answer_set, where / "copier"),
            )
        return self._baked[answer_set.id]


@pytest.fixture(scope="session")
def bakery(tmp_path_factory: pytest.TempPathFactory) -> Bakery:
    return Bakery(tmp_path_factory.mktemp("baked"))


@pytest.fixture(scope="session")
def hook_repos(tmp_path_factory: pytest.TempPathFactory) -> HookRepoShelf:
    """Stand-ins for the pre-commit hook repositories (tests/hook_repos.py)."""
    return HookRepoShelf(tmp_path_factory.mktemp("hook-repos"))


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store per worker: each hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _param(answer_set: AnswerSet) -> object:
    return pytest.param(answer_set, id=answer_set.id, marks=pytest.mark.xdist_group(answer_set.id))


EVERY_ANSWER_SET = [_param(answer_set) for answer_set in ALL]
FULL_CHECK_SETS = [_param(answer_set) for answer_set in ALL if answer_set.id in FULL_CHECK]


@pytest.fixture
def baked(bakery: Bakery, answer_set: AnswerSet) -> Baked:
    return bakery.get(answer_set)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    missing = [version for version in SOURCE["python_versions"] if version not in available_pythons()]
    if missing:
        terminalreporter.write_line(
            f"Not found here, so generated projects were not tested on them: Python {', '.join(missing)} "
            "(their CI on GitHub installs every version)."
        )
