"""A generated project's pre-commit hooks, run by `git commit` after `pre-commit install`.

pre-commit builds each hook repository an environment of its own, without the project in it,
and hands each hook only the commit's files (design.md §8): that is what these tests run. The
hook repositories live on GitHub, out of reach here, so tests/hook_repos.py stands in for each
with a local repository that installs the same PyPI release, and pre-commit, the real one, still
builds every environment itself. A `repo: local` rewrite would isolate as well, but the tests
would then merge the manifests' facts into the config themselves; stand-ins leave that to
pre-commit and change nothing in the config but where each repository is.

Environments take a minute or two to build: these tests and tests/test_first_week.py run on
one worker (one xdist group), whose pre-commit home builds each once.
Every hook runs on one kind; mypy's dependencies differ by kind, so its checks run on each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from answer_sets import ALL
from hook_repos import BUILT_IN_REPOS, HOOK_REPOS, HookRepoShelf, hook_names, install_hooks
from rendering import Baked, fresh_clone, git, run

# Building the hooks' environments takes minutes; checking the stand-ins does not.
slow = pytest.mark.slow
# One worker runs every test that needs the hooks' environments, so they are built once.
PRE_COMMIT_GROUP = pytest.mark.xdist_group("pre-commit")
DEFAULTS = {
    answer_set.id: pytest.param(answer_set, id=answer_set.id, marks=PRE_COMMIT_GROUP)
    for answer_set in ALL
    if answer_set.name == "defaults"
}
MYPY_REPO = "https://github.com/pre-commit/mirrors-mypy"

# How pre-commit reports a hook: `NAME....Passed`, `NAME...(no files to check)Skipped`.
HOOK_RESULT = re.compile(r"^(?P<name>.+?)\.{3,}(?:\(no files to check\))?(?P<status>Passed|Failed|Skipped)$")


@dataclass(frozen=True)
class Commit:
    returncode: int
    output: str

    def hooks(self) -> dict[str, str]:
        """Each hook pre-commit reported, by name, with Passed, Failed or Skipped."""
        found = (HOOK_RESULT.match(line) for line in self.output.splitlines())
        return {match["name"]: match["status"] for match in found if match}

    def failed(self) -> set[str]:
        return {name for name, status in self.hooks().items() if status == "Failed"}


@dataclass(frozen=True)
class Clone:
    """A clone of a rendered project whose `git commit` runs the (stand-in) hooks."""

    path: Path
    config: dict[str, Any]  # the project's own, or the part of it a test runs
    pre_commit_home: Path

    @property
    def module(self) -> str:
        (package,) = (self.path / "src").iterdir()
        return package.name

    def commit(self, files: dict[str, str], message: str) -> Commit:
        for name, text in files.items():
            (self.path / name).write_text(text, "utf-8")
        git(self.path, "add", *files)
        author = ["-c", "user.name=Team", "-c", "user.email=team@example.com"]
        result = run(
            ["git", *author, "commit", "--quiet", "-m", message],
            cwd=self.path,
            PRE_COMMIT_HOME=str(self.pre_commit_home),
        )
        return Commit(result.returncode, result.stdout + result.stderr)

    def head(self) -> str:
        return git(self.path, "log", "-1", "--format=%H %s").strip()


def clone_with_hooks(
    baked: Baked, tmp_path: Path, hook_repos: HookRepoShelf, home: Path, only: set[str] | None = None
) -> Clone:
    config = yaml.safe_load((baked.cookiecutter / ".pre-commit-config.yaml").read_text("utf-8"))
    if only is not None:
        config["repos"] = [entry for entry in config["repos"] if entry["repo"] in only]
    clone = fresh_clone(baked.cookiecutter, tmp_path / "clone")
    install_hooks(clone, config, hook_repos, outside=tmp_path)
    return Clone(clone, config, home)


def new_test(module: str) -> str:
    return (
        f"from {module} import __version__\n\n\n"
        'def test_the_version_has_a_dot() -> None:\n    assert "." in __version__\n'
    )


def answer_module(returns: str, value: str) -> str:
    return f"def answer() -> {returns}:\n    return {value}\n"


def answer_test(module: str) -> str:
    return (
        f"from {module}.answers import answer\n\n\n"
        "def test_the_answer_follows_41() -> None:\n    assert answer() - 1 == 41\n"
    )


# --- every hook, on one kind ------------------------------------------------------------------

every_hook = pytest.mark.parametrize("answer_set", list(DEFAULTS.values())[:1])


@pytest.fixture
def every_hook_clone(baked: Baked, tmp_path: Path, hook_repos: HookRepoShelf, pre_commit_home: Path) -> Clone:
    return clone_with_hooks(baked, tmp_path, hook_repos, pre_commit_home)


@slow
@every_hook
def test_a_commit_of_a_new_test_alone_passes_every_hook(every_hook_clone: Clone) -> None:
    clone = every_hook_clone
    commit = clone.commit({"tests/test_more.py": new_test(clone.module)}, "Test the version")
    assert commit.returncode == 0, commit.output
    # every hook of the config was run (or had no file to check), none left out
    assert list(commit.hooks()) == hook_names(clone.config), commit.output
    assert commit.hooks()["mypy"] == "Passed"
    assert clone.head().endswith(" Test the version")


@slow
@every_hook
def test_a_commit_of_docs_alone_passes_every_hook(every_hook_clone: Clone) -> None:
    clone = every_hook_clone
    page = clone.path / "docs" / "usage.md"
    text = page.read_text("utf-8") + "\nThe hooks check this page on every commit that changes it.\n"
    commit = clone.commit({"docs/usage.md": text}, "Say the hooks check the docs")
    assert commit.returncode == 0, commit.output
    hooks = commit.hooks()
    assert hooks["codespell"] == hooks["ruff format"] == hooks["trim trailing whitespace"] == "Passed"
    assert hooks["mypy"] == "Skipped"
    assert clone.head().endswith(" Say the hooks check the docs")


@slow
@every_hook
def test_a_type_error_in_src_is_refused_by_mypy(every_hook_clone: Clone) -> None:
    clone = every_hook_clone
    before = clone.head()
    broken = f"src/{clone.module}/answers.py"
    commit = clone.commit({broken: answer_module("int", '"forty-two"')}, "Break the types")
    assert commit.returncode != 0, commit.output
    assert commit.failed() == {"mypy"}, commit.output
    error = f'{broken}:2: error: Incompatible return value type (got "str", expected "int")  [return-value]'
    assert error in commit.output
    assert clone.head() == before


# --- mypy, on every kind ----------------------------------------------------------------------

mypy_on_every_kind = pytest.mark.parametrize("answer_set", list(DEFAULTS.values()))


@pytest.fixture
def mypy_clone(baked: Baked, tmp_path: Path, hook_repos: HookRepoShelf, pre_commit_home: Path) -> Clone:
    return clone_with_hooks(baked, tmp_path, hook_repos, pre_commit_home, only={MYPY_REPO})


@slow
@mypy_on_every_kind
def test_mypy_hook_accepts_a_commit_of_a_new_test_alone(mypy_clone: Clone) -> None:
    commit = mypy_clone.commit({"tests/test_more.py": new_test(mypy_clone.module)}, "Test the version")
    assert commit.returncode == 0, commit.output
    assert commit.hooks() == {"mypy": "Passed"}


@slow
@mypy_on_every_kind
def test_mypy_hook_refuses_a_change_in_src_that_breaks_the_tests(mypy_clone: Clone) -> None:
    clone = mypy_clone
    source = f"src/{clone.module}/answers.py"
    first = clone.commit(
        {source: answer_module("int", "42"), "tests/test_answers.py": answer_test(clone.module)}, "Answer"
    )
    assert first.returncode == 0, first.output
    # The commit holds only src/: mypy must still check the tests that use it.
    second = clone.commit({source: answer_module("str", '"42"')}, "Answer in words")
    assert second.returncode != 0, second.output
    assert (
        'tests/test_answers.py:5: error: Unsupported operand types for - ("str" and "int")' in second.output
    )


# --- the stand-ins ----------------------------------------------------------------------------


@mypy_on_every_kind
def test_every_hook_of_the_config_has_a_stand_in(baked: Baked) -> None:
    """Fast: a hook added to the config without its facts in tests/hook_repos.py fails here."""
    config = yaml.safe_load((baked.cookiecutter / ".pre-commit-config.yaml").read_text("utf-8"))
    for entry in config["repos"]:
        if entry["repo"] not in BUILT_IN_REPOS:
            assert entry["repo"] in HOOK_REPOS
            known = {hook["id"] for hook in HOOK_REPOS[entry["repo"]].hooks}
            assert {hook["id"] for hook in entry["hooks"]} <= known, entry["repo"]
