"""Bring back each defect the suite is known to catch, and check that the suite still fails on it.

`uvx nox -s mutations` runs this (`-- ID ...` for some of tests/mutations.toml). For each
mutation: a copy of the collection as the work tree has it (a git clone, so that the tests that
ask git about the collection work, with the uncommitted changes on top), its edits,
`python -m templates.assemble` when one is under templates/, then pytest on the mutation's
selection in the copy. The suite must fail, and for this defect: exit status 1 (tests failed),
with the mutation's `expect` text in pytest's output. Anything else is a finding: 0 means the
defect went unnoticed (or every test skipped here), 1 without the text that the tests failed
for another reason, and 2-5 that the selection itself is broken (a usage error, nothing
collected).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from rendering import ROOT, copy_of_collection, git

MUTATIONS = ROOT / "tests" / "mutations.toml"
CAUGHT = 1  # pytest's exit status when tests failed


def session_environment() -> dict[str, str]:
    """The nox session's environment, as `nox -s tests` gives pytest, less this script's PYTHONPATH."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


@dataclass(frozen=True)
class Edit:
    file: str
    old: str
    new: str


@dataclass(frozen=True)
class Mutation:
    id: str
    defect: str
    found: str
    file: str
    old: str
    new: str
    tests: list[str]
    expect: str
    also: list[dict[str, str]] = field(default_factory=list)  # where a defect takes two edits

    def edits(self) -> list[Edit]:
        return [Edit(self.file, self.old, self.new), *(Edit(**edit) for edit in self.also)]

    def apply(self, collection: Path) -> None:
        for edit in self.edits():
            path = collection / edit.file
            text = path.read_text("utf-8")
            if text.count(edit.old) != 1:
                raise ValueError(f"{edit.file}: `old` is there {text.count(edit.old)} times, not once")
            path.write_text(text.replace(edit.old, edit.new), "utf-8")

    def test_files(self) -> list[str]:
        """The test files the selection names (a node id's file part), without options or -k's words."""
        files, skip_next = [], False
        for argument in self.tests:
            if skip_next:
                skip_next = False
            elif argument in {"-k", "-m"}:
                skip_next = True
            elif not argument.startswith("-"):
                files.append(argument.split("::")[0])
        return files


def load() -> list[Mutation]:
    return [Mutation(**table) for table in tomllib.loads(MUTATIONS.read_text("utf-8"))["mutation"]]


def collection_with(mutation: Mutation, destination: Path) -> Path:
    """A clone of the collection with the work tree's changes, then the mutation, assembled."""
    git(ROOT, "clone", "--quiet", "--shared", str(ROOT), str(destination))
    for deleted in filter(None, git(ROOT, "ls-files", "-z", "--deleted").split("\0")):
        (destination / deleted).unlink(missing_ok=True)
    copy_of_collection(destination)
    mutation.apply(destination)
    # templates/ is assembled into the kinds' folders, and hooks/ inlined into their hooks
    if any(edit.file.startswith(("templates/", "hooks/")) for edit in mutation.edits()):
        assembled = subprocess.run(
            [sys.executable, "-m", "templates.assemble"],
            cwd=destination,
            env=session_environment(),
            check=False,
            capture_output=True,
            text=True,
        )
        if assembled.returncode != 0:
            raise ValueError(f"assemble failed: {assembled.stdout}{assembled.stderr}")
    return destination


@dataclass(frozen=True)
class Outcome:
    mutation: Mutation
    verdict: str  # caught, survived, not run here, failed otherwise, broken
    detail: str
    seconds: float

    @property
    def caught(self) -> bool:
        return self.verdict == "caught"


def ran_and_skipped(report: Path) -> tuple[int, int]:
    """How many tests the JUnit report says ran, and how many of those skipped."""
    if not report.exists():
        return 0, 0
    cases = list(ET.parse(report).iter("testcase"))
    return len(cases), sum(1 for case in cases if case.find("skipped") is not None)


def check(mutation: Mutation, workers: str, logs: Path) -> Outcome:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"mutation-{mutation.id}-") as scratch:
        try:
            collection = collection_with(mutation, Path(scratch) / "collection")
        except (ValueError, subprocess.CalledProcessError) as error:
            return Outcome(mutation, "broken", str(error).splitlines()[0], time.monotonic() - started)
        report = Path(scratch) / "report.xml"
        command = [
            sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", workers,
            f"--junitxml={report}", *mutation.tests,
        ]  # fmt: skip
        result = subprocess.run(
            command,
            cwd=collection,
            env=session_environment(),
            check=False,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        (logs / f"{mutation.id}.log").write_text(result.stdout, "utf-8")
        ran, skipped = ran_and_skipped(report)
    seconds = time.monotonic() - started
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    if result.returncode == CAUGHT and mutation.expect in result.stdout:
        return Outcome(mutation, "caught", summary, seconds)
    if result.returncode == CAUGHT:
        return Outcome(mutation, "failed otherwise", f"no {mutation.expect!r} in: {summary}", seconds)
    if result.returncode == 0 and ran and skipped == ran:
        return Outcome(mutation, "not run here", summary, seconds)
    if result.returncode == 0:
        return Outcome(mutation, "survived", summary, seconds)
    return Outcome(mutation, "broken", f"pytest exit status {result.returncode}: {summary}", seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="mutations to check (default: all of tests/mutations.toml)")
    parser.add_argument("--workers", default="1", help="pytest-xdist workers per selection (default 1)")
    parser.add_argument("--logs", type=Path, default=ROOT / ".nox" / "mutations-logs")
    options = parser.parse_args(argv)
    mutations = load()
    unknown = sorted(set(options.ids) - {mutation.id for mutation in mutations})
    if unknown:
        print(f"No such mutation: {', '.join(unknown)} (see {MUTATIONS.name})", file=sys.stderr)
        return 2
    chosen = [mutation for mutation in mutations if not options.ids or mutation.id in options.ids]
    shutil.rmtree(options.logs, ignore_errors=True)
    options.logs.mkdir(parents=True)
    outcomes = []
    for number, mutation in enumerate(chosen, start=1):
        outcome = check(mutation, options.workers, options.logs)
        outcomes.append(outcome)
        print(
            f"[{number}/{len(chosen)}] {mutation.id}: {outcome.verdict} ({outcome.seconds:.0f} s) {outcome.detail}",
            file=sys.stderr,
            flush=True,
        )
    print(table(outcomes), file=sys.stderr)
    missed = [outcome.mutation.id for outcome in outcomes if not outcome.caught]
    if missed:
        print(f"Not caught: {', '.join(missed)}; pytest's output is in {options.logs}", file=sys.stderr)
        return 1
    print(f"Every one of the {len(outcomes)} defects made the suite fail.", file=sys.stderr)
    return 0


def table(outcomes: list[Outcome]) -> str:
    lines = ["| mutation | verdict | seconds | selection |", "| --- | --- | ---: | --- |"]
    lines += [
        f"| {o.mutation.id} | {o.verdict} | {o.seconds:.0f} | {' '.join(o.mutation.tests)} |"
        for o in outcomes
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
