"""Run the adopted project's tests as a user does, and the failing ones again as they were.

`uv run pytest` in the project runs the team's tests and the template's. When some of the
team's fail, the same tests run again in the last commit, as it was before the adoption (from
`git archive`, in a temporary folder, the project installed by uv with pytest and the test
requirements it keeps anywhere: extras, dependency groups, tox deps, requirements files), so
that the report can say which failed before too and which adopting broke.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hooks.adopting.test_requirements import unpinned

FAILURE = re.compile(r"^(?:FAILED|ERROR) (\S+)(?: - (.*))?$")
SUMMARY = re.compile(r"^=+ (.+?) =+$")


@dataclass
class Outcome:
    ran: bool  # pytest ran and reported
    summary: str  # pytest's last line, or why it did not run
    failures: dict[str, str] = field(default_factory=dict)  # test id: pytest's reason


def _environment() -> dict[str, str]:
    # the tests make their own environment, not the one this script runs in; and pytest cuts
    # its summary lines to the terminal's width, which a pipe has not
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return {**env, "COLUMNS": "1000"}


# a project's own addopts may ask for colour (`--color=yes`), which pytest then writes into a pipe too
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _outcome(result: subprocess.CompletedProcess[str]) -> Outcome:
    lines = COLOUR.sub("", result.stdout).splitlines()
    failures = {m.group(1): m.group(2) or "" for line in lines if (m := FAILURE.match(line))}
    summaries = [m.group(1) for line in lines if (m := SUMMARY.match(line))]
    if result.returncode in (0, 1, 5) and summaries:
        return Outcome(ran=True, summary=summaries[-1], failures=failures)
    return Outcome(ran=False, summary=_the_error(result))


# The lines that say what went wrong: uv's `error:` and its `No solution found ...` (after a
# multiplication sign), pytest's
# `ERROR path - Exception: ...`, `ERROR: not found: path` and `E   Exception: ...`. uv ends with `hint:` lines, and a
# collection error with pytest's counts: neither says what failed.
ERROR_LINE = re.compile(r"^\s*(?:error:|\u00d7|ERROR[\s:]|E\s{2,})")


# What a build backend raised, in the traceback uv quotes under `Failed to build` or
# `Failed to resolve`: `LookupError: setuptools-scm was unable to detect version ...`
RAISED = re.compile(r"^(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception)(?:: .*)?$")


def _the_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (result.stderr + "\n" + result.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if ERROR_LINE.match(line)]
    first = (errors or lines or ["no output"])[0]
    raised = [line for line in lines if RAISED.match(line)]
    if first.startswith("error:") and raised:  # uv's words, then what the build said
        first = f"{first.rstrip('.')}: {raised[-1]}"
    return " ".join((first[1:] if re.match(r"E\s", first) else first).split())


def _run(command: list[str], folder: Path | str, **env: str) -> Outcome:
    result = subprocess.run(
        command,
        cwd=folder,
        env={**_environment(), **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return _outcome(result)


def run_tests(project: Path, *args: str) -> Outcome:
    return _run(["uv", "run", "pytest", *args], project)


def run_before(project: Path, test_ids: list[str], requirements: list[str]) -> Outcome:
    """Run `test_ids` (as named before the adoption) in the last commit, with the project's test
    requirements; if those no longer install as pinned, with the same requirements unpinned."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=project, capture_output=True, check=True
    )
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as lists:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        outcome = _run_before(folder, test_ids, requirements, Path(lists) / "pinned.txt")
        loose = unpinned(requirements)
        if not outcome.ran and loose != requirements:
            retried = _run_before(folder, test_ids, loose, Path(lists) / "unpinned.txt")
            outcome = retried if retried.ran else outcome
    return outcome


def _run_before(folder: str, test_ids: list[str], requirements: list[str], listed: Path) -> Outcome:
    listed.write_text("".join(f"{requirement}\n" for requirement in requirements), "utf-8")
    command = [
        "uv", "run", "--isolated", "--no-project", "--with", "pytest", "--with-editable", ".",
        "--with-requirements", str(listed), "python", "-m", "pytest", "-ra", "-p", "no:cacheprovider",
        *test_ids,
    ]  # fmt: skip
    # `git archive` leaves .git out: a version from git tags (setuptools-scm, hatch-vcs) needs one given
    return _run(
        command, folder, SETUPTOOLS_SCM_PRETEND_VERSION=os.environ.get("SETUPTOOLS_SCM_PRETEND_VERSION", "0")
    )


@dataclass(frozen=True)
class TeamFailure:
    """One of the team's tests that fails after the adoption."""

    test: str
    reason: str  # pytest's, now
    failed_before: bool
    before: str  # what happened before the adoption, in words


@dataclass
class Verdict:
    outcome: Outcome
    team_failures: list[TeamFailure] = field(default_factory=list)
    templates_failing: list[str] = field(default_factory=list)

    @property
    def broken(self) -> list[TeamFailure]:
        """The team's tests that fail now and did not fail before: adopting broke them."""
        return [failure for failure in self.team_failures if not failure.failed_before]

    @property
    def green(self) -> bool:
        return self.outcome.ran and not self.broken and not self.templates_failing


def _file(test: str) -> str:
    return test.split("::")[0]


def verdict(
    project: Path,
    templates_tests: set[str],
    old_path: Callable[[str], str],
    test_requirements: list[str],
) -> Verdict:
    """The tests' outcome, each failing team test compared with its run before the adoption."""
    outcome = run_tests(project)
    found = Verdict(outcome)
    team = [test for test in outcome.failures if _file(test) not in templates_tests]
    found.templates_failing = [test for test in outcome.failures if test not in team]
    if not team:
        return found
    old_ids = {test: old_path(_file(test)) + test[len(_file(test)) :] for test in team}
    before = run_before(project, list(old_ids.values()), test_requirements)
    for test, old_id in old_ids.items():
        if not before.ran:
            then, failed = f"it could not be run before adopting: {before.summary}", False
        elif old_id in before.failures:
            then, failed = f"it failed before adopting too: {before.failures[old_id] or 'the same way'}", True
        else:
            then, failed = "it passed before adopting", False
        found.team_failures.append(TeamFailure(test, outcome.failures[test], failed, then))
    return found
