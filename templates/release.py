"""Release the collection: CHANGELOG.md's [Unreleased] section becomes a version, tagged.

    python -m templates.release minor            # or patch, major, X.Y.Z (uvx nox -s release -- minor)
    python -m templates.release --notes vX.Y.Z   # that release's changelog section (the release workflow)

A release dates the [Unreleased] section (`## [X.Y.Z] - YYYY-MM-DD`, under a new empty
[Unreleased]), sets `version` in pyproject.toml, commits both and tags the commit `vX.Y.Z`;
the maintainer pushes with `git push --follow-tags`. copier follows the tags, and "Use this
template" records pyproject.toml's version, so the two must name the same release. Run from
the collection's folder; the standard library only, so the release workflow runs it as is.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNRELEASED = re.compile(r"^## \[Unreleased\][^\n]*\n", re.MULTILINE | re.IGNORECASE)
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\]", re.MULTILINE)
HEADING = re.compile(r"^## ", re.MULTILINE)
VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")
PARTS = ("major", "minor", "patch")
PYPROJECT_VERSION = re.compile(r'^(version = )"[^"]*"', re.MULTILINE)


class Refusal(Exception):
    """Why nothing was released, in one line."""


def parse(version: str) -> tuple[int, int, int]:
    match = VERSION.fullmatch(version)
    if match is None:
        msg = f"{version} is not a release: give major, minor, patch or a version such as 1.2.0. Nothing was released."
        raise Refusal(msg)
    major, minor, patch = map(int, match.groups())
    return major, minor, patch


def text(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


def unreleased(changelog: str) -> str:
    """What the [Unreleased] section says, without its heading."""
    heading = UNRELEASED.search(changelog)
    if heading is None:
        msg = (
            "CHANGELOG.md has no `## [Unreleased]` section: add it above the releases. Nothing was released."
        )
        raise Refusal(msg)
    following = HEADING.search(changelog, heading.end())
    return changelog[heading.end() : following.start() if following else len(changelog)].strip()


def notes(changelog: str, version: str) -> str:
    """The release notes of `version` (vX.Y.Z or X.Y.Z): its changelog section, without its heading."""
    wanted = text(parse(version))
    for heading in RELEASE.finditer(changelog):
        if heading.group(1) == wanted:
            start = changelog.index("\n", heading.end()) + 1
            following = HEADING.search(changelog, start)
            return changelog[start : following.start() if following else len(changelog)].strip() + "\n"
    msg = (
        f"CHANGELOG.md has no section for {wanted}: release with `uvx nox -s release`. Nothing was released."
    )
    raise Refusal(msg)


def next_version(asked: str, released: set[tuple[int, int, int]], first: str) -> str:
    """The version `asked` names: a part to bump from the newest release, or a version.

    The first release takes `first` (pyproject.toml's version), whatever the part: it is what
    Use this template has recorded in the projects it set up before any release.
    """
    newest = max(released, default=None)
    if asked in PARTS:
        if newest is None:
            return text(parse(first))
        major, minor, patch = newest
        bumped = {
            "major": (major + 1, 0, 0),
            "minor": (major, minor + 1, 0),
            "patch": (major, minor, patch + 1),
        }
        return text(bumped[asked])
    version = parse(asked)
    if newest is not None and version <= newest:
        msg = f"{text(version)} is not newer than the newest release, {text(newest)}. Nothing was released."
        raise Refusal(msg)
    return text(version)


def dated(changelog: str, version: str, day: datetime.date) -> str:
    """The changelog with [Unreleased] released as `version`, and a new empty [Unreleased] above."""
    heading = UNRELEASED.search(changelog)
    assert heading is not None  # unreleased() checked
    released = f"## [Unreleased]\n\n## [{version}] - {day.isoformat()}\n"
    return changelog[: heading.start()] + released + changelog[heading.end() :]


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        msg = f"git {args[0]} failed ({detail}). Nothing was released."
        raise Refusal(msg)
    return result.stdout


def release(root: Path, asked: str, day: datetime.date) -> str:
    """Release the collection in `root` (a clean git work tree); say what was done."""
    if git(root, "status", "--porcelain"):
        msg = (
            "The work tree has uncommitted changes: commit them (or stash them) first. Nothing was released."
        )
        raise Refusal(msg)
    changelog_path, pyproject_path = root / "CHANGELOG.md", root / "pyproject.toml"
    changelog, pyproject = changelog_path.read_text("utf-8"), pyproject_path.read_text("utf-8")
    if not unreleased(changelog):
        msg = (
            "CHANGELOG.md's [Unreleased] section is empty: say there what the release changes in a "
            "project, commit, and release again. Nothing was released."
        )
        raise Refusal(msg)
    tags = {parse(tag) for tag in git(root, "tag", "--list", "v*").split() if VERSION.fullmatch(tag)}
    released = tags | {parse(version) for version in RELEASE.findall(changelog)}
    version = next_version(asked, released, tomllib.loads(pyproject)["project"]["version"])

    changelog_path.write_text(dated(changelog, version, day), "utf-8", newline="\n")
    pyproject_path.write_text(
        PYPROJECT_VERSION.sub(rf'\g<1>"{version}"', pyproject, count=1), "utf-8", newline="\n"
    )
    try:
        git(root, "commit", "--quiet", "-m", f"Release {version}", "--", "CHANGELOG.md", "pyproject.toml")
    except Refusal:  # no name or e-mail for commits, say: leave the files as they were
        changelog_path.write_text(changelog, "utf-8", newline="\n")
        pyproject_path.write_text(pyproject, "utf-8", newline="\n")
        raise
    git(root, "tag", "--annotate", f"v{version}", "-m", f"Release {version}")
    return (
        f"Released {version}: committed CHANGELOG.md and pyproject.toml, tagged v{version}. "
        "Push both with `git push --follow-tags`; the release workflow then writes the GitHub release."
    )


def main(argv: list[str]) -> int:
    try:
        if len(argv) == 2 and argv[0] == "--notes":
            sys.stdout.write(notes((ROOT / "CHANGELOG.md").read_text("utf-8"), argv[1]))
            return 0
        if len(argv) != 1:
            msg = "Say which release: `uvx nox -s release -- minor` (or patch, major, or a version such as 1.2.0)."
            raise Refusal(msg)
        print(release(ROOT, argv[0], datetime.datetime.now(datetime.UTC).date()))
    except Refusal as refusal:
        print(refusal, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
