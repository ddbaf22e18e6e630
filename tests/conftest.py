"""The fixtures every test module may ask for; the helpers they import are in rendering.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hook_repos import HookRepoShelf
from pytest_cookies.plugin import Cookies
from rendering import KINDS, SOURCE, AnswerSet, Baked, Bakery, available_pythons, committed_collection

# What `--kind none` picks: the tests of no one kind.
NO_KIND = "none"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kind",
        action="append",
        choices=[*KINDS, NO_KIND],
        help="only the tests of this kind (repeatable); `none`: the tests of no one kind",
    )


def kind_of(item: pytest.Item) -> str:
    """The kind a test is about: its answer set's or its `kind` parameter's, else none."""
    params = item.callspec.params if isinstance(item, pytest.Function) and hasattr(item, "callspec") else {}
    if isinstance(params.get("answer_set"), AnswerSet):
        return params["answer_set"].kind
    return params["kind"] if params.get("kind") in KINDS else NO_KIND


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kinds = config.getoption("kind")
    if not kinds:
        return
    deselected = [item for item in items if kind_of(item) not in kinds]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if kind_of(item) in kinds]


@pytest.fixture(scope="session")
def bakery(cookies_session: Cookies, tmp_path_factory: pytest.TempPathFactory) -> Bakery:
    """Each answer set rendered once per worker with both engines (rendering.Bakery)."""
    collection = committed_collection(tmp_path_factory.mktemp("collection") / "templates")
    return Bakery(cookies_session, tmp_path_factory.mktemp("copied"), collection)


@pytest.fixture(scope="session")
def hook_repos(tmp_path_factory: pytest.TempPathFactory) -> HookRepoShelf:
    """Stand-ins for the pre-commit hook repositories (tests/hook_repos.py)."""
    return HookRepoShelf(tmp_path_factory.mktemp("hook-repos"))


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store per worker: each hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


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
