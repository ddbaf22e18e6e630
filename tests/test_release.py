"""Releasing the collection: `uvx nox -s release -- minor`, as docs/maintainers.md says, then
the release workflow's notes; and what that means for projects rendered before and after.

The module's history is a temporary copy of the collection, made a git repository with no tag:
a project is rendered there (copier records the commit), then the collection is released twice
the documented way, each time after a change a project will notice.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rendering import ROOT, copy_of_collection, git, run

from templates import release

DAY = datetime.date(2026, 12, 7)
IDENTITY = {
    "GIT_AUTHOR_NAME": "Maintainer",
    "GIT_AUTHOR_EMAIL": "maintainer@example.com",
    "GIT_COMMITTER_NAME": "Maintainer",
    "GIT_COMMITTER_EMAIL": "maintainer@example.com",
}
CHANGELOG = """\
# Changelog

Intro.

## [Unreleased]

{unreleased}
## [0.2.0] - 2026-11-26

Second.

## [0.1.0] - 2026-10-01

First.
"""
PYPROJECT = (
    '[project]\nname = "templates"\n# the newest release\nversion = "0.2.0"\n\n[tool.x]\nversion = "9"\n'
)


# --- The parts ----------------------------------------------------------------------------------


def test_notes_are_the_versions_changelog_section() -> None:
    changelog = CHANGELOG.format(unreleased="")
    assert release.notes(changelog, "v0.2.0") == "Second.\n"
    assert release.notes(changelog, "0.1.0") == "First.\n"
    with pytest.raises(release.Refusal, match=r"^CHANGELOG.md has no section for 0.3.0: "):
        release.notes(changelog, "v0.3.0")


@pytest.mark.parametrize(
    ("asked", "expected"), [("patch", "0.2.1"), ("minor", "0.3.0"), ("major", "1.0.0"), ("0.2.5", "0.2.5")]
)
def test_the_next_version_is_after_the_newest_release(asked: str, expected: str) -> None:
    assert release.next_version(asked, {(0, 1, 0), (0, 2, 0)}, first="0.2.0") == expected


@pytest.mark.parametrize("asked", ["patch", "minor", "major"])
def test_the_first_release_takes_the_version_pyproject_names(asked: str) -> None:
    assert release.next_version(asked, set(), first="0.1.0") == "0.1.0"


@pytest.mark.parametrize("asked", ["0.2.0", "0.1.9", "v0.2.0", "1.0", "minro", "X.Y.Z"])
def test_a_version_that_is_not_newer_is_refused(asked: str) -> None:
    with pytest.raises(release.Refusal, match=r"Nothing was released\.$"):
        release.next_version(asked, {(0, 1, 0), (0, 2, 0)}, first="0.2.0")


def test_the_unreleased_section_becomes_the_version_under_a_new_empty_one() -> None:
    dated = release.dated(CHANGELOG.format(unreleased="Third.\n"), "0.3.0", DAY)
    assert "## [Unreleased]\n\n## [0.3.0] - 2026-12-07\n\nThird.\n\n## [0.2.0]" in dated
    assert release.unreleased(dated) == ""
    assert release.notes(dated, "v0.3.0") == "Third.\n"


# --- A release in a small repository ------------------------------------------------------------


def small_repository(path: Path, unreleased: str) -> Path:
    path.mkdir()
    (path / "CHANGELOG.md").write_text(CHANGELOG.format(unreleased=unreleased), "utf-8")
    (path / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    git(path, "init", "--quiet")
    git(path, "add", "--all")
    git(path, "-c", "user.name=M", "-c", "user.email=m@example.com", "commit", "--quiet", "-m", "Work")
    return path


def release_in(repo: Path, asked: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m templates.release ASKED`, as the nox session runs it, in the repository."""
    code = "import sys; from pathlib import Path; from templates import release; "
    code += "release.ROOT = Path.cwd(); sys.exit(release.main(sys.argv[1:]))"
    return run([sys.executable, "-c", code, asked], cwd=repo, PYTHONPATH=str(ROOT), **env)


def test_a_release_commits_the_changelog_and_version_and_tags_them(tmp_path: Path) -> None:
    repo = small_repository(tmp_path / "repo", unreleased="Third.\n")

    result = release_in(repo, "minor", **IDENTITY)

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Released 0.3.0: committed CHANGELOG.md and pyproject.toml, tagged v0.3.0. Push both with "
        "`git push --follow-tags`; the release workflow then writes the GitHub release.\n"
    )
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    changelog = (repo / "CHANGELOG.md").read_text("utf-8")
    assert f"## [Unreleased]\n\n## [0.3.0] - {today}\n\nThird.\n" in changelog
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))
    assert (pyproject["project"]["version"], pyproject["tool"]["x"]["version"]) == ("0.3.0", "9")
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "log", "-1", "--format=%s", "--name-only").split() == [
        "Release", "0.3.0", "CHANGELOG.md", "pyproject.toml",
    ]  # fmt: skip
    # annotated, so that `git push --follow-tags` pushes it, on the release commit
    assert git(repo, "cat-file", "-t", "v0.3.0").strip() == "tag"
    assert git(repo, "rev-parse", "v0.3.0^{commit}") == git(repo, "rev-parse", "HEAD")


@pytest.mark.parametrize(
    ("unreleased", "asked", "prepare", "message"),
    [
        ("", "minor", None, "CHANGELOG.md's [Unreleased] section is empty: "),
        ("Third.\n", "minor", "dirty", "The work tree has uncommitted changes: "),
        ("Third.\n", "0.2.0", None, "0.2.0 is not newer than the newest release, 0.2.0. "),
        ("Third.\n", "0.3.0", "tag v0.3.0", "0.3.0 is not newer than the newest release, 0.3.0. "),
        ("Third.\n", "next", None, "next is not a release: "),
        ("Third.\n", "minor", "no identity", "git commit failed ("),
    ],
    ids=["empty-unreleased", "dirty", "not-newer", "tagged-already", "not-a-version", "no-identity"],
)
def test_a_release_is_refused_in_one_line_and_changes_nothing(
    tmp_path: Path, unreleased: str, asked: str, prepare: str | None, message: str
) -> None:
    repo = small_repository(tmp_path / "repo", unreleased=unreleased)
    identity = dict(IDENTITY)
    if prepare == "dirty":
        (repo / "notes.txt").write_text("A draft.\n", "utf-8")
    elif prepare == "tag v0.3.0":
        git(repo, "tag", "v0.3.0")
    elif prepare == "no identity":
        identity = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "EMAIL": ""}
        git(repo, "config", "user.useConfigOnly", "true")
    before = git(repo, "log", "--all", "--format=%H %D")
    files = {path.name: path.read_bytes() for path in repo.iterdir() if path.is_file()}

    result = release_in(repo, asked, **identity)

    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.rstrip().endswith("Nothing was released.")
    assert git(repo, "log", "--all", "--format=%H %D") == before
    assert {path.name: path.read_bytes() for path in repo.iterdir() if path.is_file()} == files


def test_the_collections_version_is_its_newest_release() -> None:
    """Use this template records pyproject.toml's version: a release copier can find."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    released = release.RELEASE.findall(changelog)
    if released:
        assert version == released[0]
    else:  # before the first release, the version the first release takes
        assert release.VERSION.fullmatch(version)
    assert release.UNRELEASED.search(changelog), "CHANGELOG.md keeps an [Unreleased] section"


# --- The collection, released the documented way ------------------------------------------------

DOCUMENTED = re.compile(r"^\$ uvx nox -s release -- (\S+)$", re.MULTILINE)


def documented_release() -> str:
    """The part docs/maintainers.md passes to the release session."""
    page = (ROOT / "docs" / "maintainers.md").read_text("utf-8")
    (asked,) = DOCUMENTED.findall(page.split("\n## Releasing\n", 1)[1])
    return asked


@dataclass
class History:
    collection: Path
    before_any_release: Path  # rendered from the untagged collection, then a team's edit
    rendered_commit: str  # what copier records for it
    first: str  # the tags of the two releases
    at_first_release: Path  # rendered at the first release
    second: str


def maintainers_change(collection: Path, line: str) -> None:
    """A change projects will notice, and its line under [Unreleased], in one commit."""
    gitignore = collection / "templates" / "project" / ".gitignore"
    gitignore.write_text(gitignore.read_text("utf-8") + f"# {line}\n", "utf-8")
    assembled = run([sys.executable, "-m", "templates.assemble"], cwd=collection)
    assert assembled.returncode == 0, assembled.stderr
    changelog = collection / "CHANGELOG.md"
    text = changelog.read_text("utf-8")
    changelog.write_text(text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n{line}\n", 1), "utf-8")
    commit_all(collection, f"Change: {line}")


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "-c", "user.name=Team", "-c", "user.email=team@example.com", "commit", "--quiet", "-m", message)


def release_the_documented_way(collection: Path) -> str:
    before = set(git(collection, "tag", "--list").split())
    # `uvx nox` is the nox the test environment has
    result = run(
        [sys.executable, "-m", "nox", "-s", "release", "--", documented_release()], cwd=collection, **IDENTITY
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (tag,) = set(git(collection, "tag", "--list").split()) - before
    assert f"Released {tag.removeprefix('v')}: " in result.stdout + result.stderr
    assert git(collection, "status", "--porcelain") == ""
    return tag


def copier(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "copier", *args], cwd=cwd)


def render(collection: Path, destination: Path, *ref: str) -> subprocess.CompletedProcess[str]:
    result = copier(
        "copy", "--trust", "--defaults", *ref, "--data=kind=python-lib", str(collection), str(destination),
        cwd=destination.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def recorded_commit(project: Path) -> str:
    return str(yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))["_commit"])


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    workdir = tmp_path_factory.mktemp("release")
    collection = copy_of_collection(workdir / "templates")
    git(workdir, "init", "--quiet", "--initial-branch=main", str(collection))
    commit_all(collection, "The collection, before any release")

    early = workdir / "early-lib"
    rendered = render(collection, early)
    assert "No git tags found in template; using HEAD as ref" in rendered.stderr
    commit = git(collection, "describe", "--tags", "--always").strip()  # as copier names it
    readme = early / "README.md"
    readme.write_text(readme.read_text("utf-8") + "A line the team added.\n", "utf-8")
    commit_all(early, "Team edits")

    maintainers_change(collection, "A change in the first release.")
    first = release_the_documented_way(collection)
    at_first = workdir / "first-lib"
    render(collection, at_first, f"--vcs-ref={first}")
    maintainers_change(collection, "A change in the second release.")
    second = release_the_documented_way(collection)
    return History(collection, early, commit, first, at_first, second)


@pytest.mark.xdist_group("release")
def test_a_project_made_before_the_first_release_follows_its_commit_and_updates(history: History) -> None:
    project = history.before_any_release
    assert recorded_commit(project) == history.rendered_commit
    # the weekly template-update issue, before the update
    issue = run([sys.executable, ".github/scripts/template_update.py"], cwd=project)
    assert issue.returncode == 0, issue.stderr
    newest = history.second.removeprefix("v")
    assert (
        f"newer release: **{newest}** (this project follows commit {history.rendered_commit})" in issue.stdout
    )
    assert f"## [{history.first.removeprefix('v')}] - " in issue.stdout
    assert "A change in the second release." in issue.stdout

    # as on the day of the first release
    result = copier("update", "--trust", "--defaults", "--quiet", f"--vcs-ref={history.first}", cwd=project)

    assert result.returncode == 0, result.stderr
    assert recorded_commit(project) == history.first
    assert (project / ".gitignore").read_text("utf-8").endswith("# A change in the first release.\n")
    assert (project / "README.md").read_text("utf-8").endswith("A line the team added.\n")


@pytest.mark.xdist_group("release")
def test_a_project_updates_to_a_release_made_the_documented_way(history: History) -> None:
    project = history.at_first_release
    assert recorded_commit(project) == history.first

    result = copier("update", "--trust", "--defaults", "--quiet", cwd=project)

    assert result.returncode == 0, result.stderr
    assert recorded_commit(project) == history.second
    assert (project / ".gitignore").read_text("utf-8").endswith("# A change in the second release.\n")
    released = git(history.collection, "show", f"{history.second}:pyproject.toml")
    assert tomllib.loads(released)["project"]["version"] == history.second.removeprefix("v")


@pytest.mark.xdist_group("release")
def test_the_release_workflow_takes_the_notes_from_the_changelog(history: History, tmp_path: Path) -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    (job,) = workflow["jobs"].values()
    (notes_step,) = (step for step in job["steps"] if step.get("id") == "notes")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", "--branch", history.second, str(history.collection), str(checkout))

    result = run(
        ["bash", "-eo", "pipefail", "-c", notes_step["run"]], cwd=checkout,
        GITHUB_REF_NAME=history.second, RUNNER_TEMP=str(tmp_path),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "notes.md").read_text("utf-8") == "A change in the second release.\n"


def test_the_release_workflow_runs_on_release_tags_with_the_least_rights() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8")
    pinned = set(re.findall(r"^\s*- uses: (\S+ # v\S+)$", ci, re.MULTILINE))
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8")
    assert set(re.findall(r"^\s*- uses: (.+)$", text, re.MULTILINE)) <= pinned
    for step in job["steps"]:
        if "uses" in step:
            assert step["with"]["persist-credentials"] is False
        assert "${{" not in step.get("run", "")  # values reach scripts through env: only
