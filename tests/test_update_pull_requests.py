"""The weekly template-update workflow brings a newer template release as one pull request.

Its jobs run here as on GitHub's runners, each in a fresh shallow clone of the project's
repository (a local bare one stands in for GitHub's), with tests/fake_pulls.py on loopback in
place of GitHub's API. The template has two releases the project lacks, v0.2.0 and v0.3.0; the
team edited the line v0.2.0 changes, so the first update has a conflict, until the team takes
its edit back and the next week's run refreshes the pull request.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from fake_pulls import FakeGitHub, fake_github
from rendering import ROOT, clean_environment, copy_of_collection, git

REPOSITORY = "acme/demo"
APP_TOKEN, ACTIONS_TOKEN = "ghs_app", "ghs_actions"
KIND = "python-lib"
PROJECT = Path(KIND, "{{cookiecutter.project_slug}}")
FIRST_LINE, TEMPLATE_LINE, TEAM_LINE = "# Contributing\n", "# Contributing guide\n", "# How we work\n"
RELEASES = {
    "0.2.0": "## [0.2.0] - 2026-11-26\n\nCONTRIBUTING.md has a new title.",
    "0.3.0": "## [0.3.0] - 2026-12-03\n\n.gitignore ignores editors' backups.",
}


def script() -> ModuleType:
    """The generated projects' template_update.py, imported from the collection."""
    path = ROOT / "templates" / "project" / ".github" / "scripts" / "template_update.py"
    spec = importlib.util.spec_from_file_location("template_update", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "-c", "user.name=Team", "-c", "user.email=team@example.com", "commit", "--quiet", "-m", message)


def release(repo: Path, version: str) -> None:
    changelog = repo / "CHANGELOG.md"
    text = changelog.read_text("utf-8")
    first = text.index("\n## ")
    changelog.write_text(f"{text[:first]}\n{RELEASES[version]}\n{text[first:]}", "utf-8")
    commit_all(repo, f"Release {version}")
    git(repo, "tag", f"v{version}")


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection released as v0.1.0, then v0.2.0 and v0.3.0 (made in the assembled kind:
    copier renders from there)."""
    repo = copy_of_collection(tmp_path_factory.mktemp("templates") / "templates")
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True, env=clean_environment())
    commit_all(repo, "v0.1.0")
    git(repo, "tag", "v0.1.0")
    contributing = repo / PROJECT / "CONTRIBUTING.md"
    text = contributing.read_text("utf-8")
    assert text.startswith(FIRST_LINE)
    contributing.write_text(TEMPLATE_LINE + text.removeprefix(FIRST_LINE), "utf-8")
    release(repo, "0.2.0")
    gitignore = repo / PROJECT / ".gitignore"
    gitignore.write_text(gitignore.read_text("utf-8") + "*~\n", "utf-8")
    release(repo, "0.3.0")
    return repo


@dataclass
class Week:
    """What GitHub holds after one run of the workflow."""

    main: str  # the default branch's commit the run started from
    branch: str  # the update branch's commit
    pulls: list[dict[str, Any]]
    requests: list[tuple[str, str]]
    artifact: Path  # what the update job handed to the publishing job


@dataclass
class Weeks:
    template_repo: Path
    origin: Path
    conflicted: Week  # the first run, while the team's edit conflicts with v0.2.0
    refreshed: Week  # the next, once the team took its edit back


@contextlib.contextmanager
def runner(origin: Path, workdir: Path, **env: str) -> Iterator[Path]:
    """A job's checkout on GitHub's runner: shallow, with only the environment given."""
    subprocess.run(
        ["git", "clone", "--quiet", "--depth=1", f"file://{origin}", str(workdir)],
        check=True, env=clean_environment(),
    )  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(workdir)
        for name in [name for name in os.environ if name.startswith(("GITHUB_", "GIT_"))]:
            patch.delenv(name)
        for name, value in env.items():
            patch.setenv(name, value)
        yield workdir


def run_the_workflow(origin: Path, fake: FakeGitHub, workdir: Path) -> Week:
    """The update job (no token), then the pull-request job (the app's token)."""
    artifact = workdir / "artifact"
    with runner(origin, workdir / "update"):
        script().main(["update", str(artifact)])
    github = {"GITHUB_API_URL": fake.url, "GITHUB_GRAPHQL_URL": f"{fake.url}/graphql"}
    with runner(
        origin, workdir / "pull-request", **github, GITHUB_REPOSITORY=REPOSITORY, GITHUB_TOKEN=APP_TOKEN,
        TEMPLATE_UPDATE_REMOTE=str(origin),
    ):  # fmt: skip
        script().main(["pull-request", str(artifact)])
    return Week(
        main=git(origin, "rev-parse", "main").strip(),
        branch=git(origin, "rev-parse", "template-update").strip(),
        pulls=copy.deepcopy(fake.pulls),
        requests=list(fake.requests),
        artifact=artifact,
    )


def project_at_v010(template_repo: Path, workdir: Path) -> Path:
    """A project made at v0.1.0, with the team's edit of the line v0.2.0 changes, on "GitHub"."""
    copied = subprocess.run(
        [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", "--vcs-ref=v0.1.0",
         f"--data=kind={KIND}", str(template_repo), str(workdir / "demo")],
        capture_output=True, text=True, check=False, env=clean_environment(),
    )  # fmt: skip
    assert copied.returncode == 0, copied.stderr
    project = workdir / "demo"
    contributing = project / "CONTRIBUTING.md"
    contributing.write_text(TEAM_LINE + contributing.read_text("utf-8").removeprefix(FIRST_LINE), "utf-8")
    commit_all(project, "Our own title")
    origin = workdir / "origin.git"
    git(workdir, "clone", "--quiet", "--bare", str(project), str(origin))
    return origin


@pytest.fixture(scope="module")
def project(template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_at_v010(template_repo, tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def weeks(project: Path, template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Weeks:
    workdir = tmp_path_factory.mktemp("weeks")
    origin = workdir / "origin.git"
    git(workdir, "clone", "--quiet", "--bare", str(project), str(origin))
    with fake_github(REPOSITORY, APP_TOKEN) as fake:
        conflicted = run_the_workflow(origin, fake, workdir / "first")
        team = workdir / "team"
        git(workdir, "clone", "--quiet", str(origin), str(team))
        git(team, "-c", "user.name=Team", "-c", "user.email=team@example.com", "revert", "--no-edit", "HEAD")
        git(team, "push", "--quiet", "origin", "main")
        refreshed = run_the_workflow(origin, fake, workdir / "second")
    return Weeks(template_repo, origin, conflicted, refreshed)


@pytest.mark.slow
def test_a_newer_release_arrives_as_a_pull_request_with_the_update_committed(weeks: Weeks) -> None:
    (pull,) = weeks.conflicted.pulls
    assert (pull["title"], pull["head"], pull["base"]) == (
        "Update the project template to 0.3.0", "template-update", "main",
    )  # fmt: skip
    origin = weeks.origin
    assert git(origin, "rev-parse", f"{weeks.conflicted.branch}~1").strip() == weeks.conflicted.main
    answers = git(origin, "show", f"{weeks.conflicted.branch}:.copier-answers.yml")
    assert yaml.safe_load(answers)["_commit"] == "v0.3.0"
    assert git(origin, "show", f"{weeks.conflicted.branch}:.gitignore").endswith("*~\n")
    # and the issue's text, for a repository without the app
    issue = (weeks.conflicted.artifact / "issue.md").read_text("utf-8")
    assert issue.startswith("The project template has a newer release: **0.3.0**")


@pytest.mark.slow
def test_the_pull_request_quotes_every_release_it_brings(weeks: Weeks) -> None:
    body = weeks.conflicted.pulls[0]["body"]
    assert "**0.3.0** (this project follows 0.1.0)" in body
    for notes in RELEASES.values():
        assert notes in body
    assert "## [0.1.0]" not in body


@pytest.mark.slow
def test_a_conflict_makes_a_draft_that_lists_the_files(weeks: Weeks) -> None:
    (pull,) = weeks.conflicted.pulls
    assert pull["draft"] is True
    assert "## Conflicts" in pull["body"]
    assert "- `CONTRIBUTING.md`\n" in pull["body"]
    committed = git(weeks.origin, "show", f"{weeks.conflicted.branch}:CONTRIBUTING.md")
    assert committed.startswith(f"<<<<<<< before updating\n{TEAM_LINE}=======\n{TEMPLATE_LINE}")


@pytest.mark.slow
def test_a_refresh_replaces_the_branch_and_edits_the_same_pull_request(weeks: Weeks) -> None:
    first, second = weeks.conflicted, weeks.refreshed
    (pull,) = second.pulls
    assert pull["number"] == first.pulls[0]["number"]
    assert [request for request in second.requests if request[0] == "POST" and "pulls" in request[1]] == [
        ("POST", f"/repos/{REPOSITORY}/pulls")
    ]  # opened once, the first week
    assert ("PATCH", f"/repos/{REPOSITORY}/pulls/{pull['number']}") in second.requests
    # the branch starts from the new default branch; the first week's commit is gone from it
    assert git(weeks.origin, "rev-parse", f"{second.branch}~1").strip() == second.main != first.main
    ancestor = subprocess.run(
        ["git", "merge-base", "--is-ancestor", first.branch, second.branch], cwd=weeks.origin, check=False
    )
    assert ancestor.returncode == 1
    # no conflict left: ready for review, and the body says so
    assert pull["draft"] is False
    assert "## Conflicts" not in pull["body"]
    committed = git(weeks.origin, "show", f"{second.branch}:CONTRIBUTING.md")
    assert committed.startswith(TEMPLATE_LINE)


def test_without_an_app_an_issue_says_how_to_apply_it_and_how_to_get_pull_requests(
    project: Path, tmp_path: Path
) -> None:
    """The issue job: the body from a step with no token, then the issue with the job's token
    (twice, as in two weeks: the second refreshes the issue the first opened)."""
    body = tmp_path / "body.md"
    with runner(project, tmp_path / "check"), contextlib.redirect_stdout(io.StringIO()) as out:
        script().main([])
    body.write_text(out.getvalue(), "utf-8")
    with fake_github(REPOSITORY, ACTIONS_TOKEN) as fake:
        env = {"GITHUB_API_URL": fake.url, "GITHUB_REPOSITORY": REPOSITORY, "GITHUB_TOKEN": ACTIONS_TOKEN}
        for week in ("first", "second"):
            with runner(project, tmp_path / week, **env):
                script().main(["issue", str(body)])
        (issue,) = fake.issues
        assert fake.pulls == []
        assert [method for method, path in fake.requests if "/issues" in path] == [
            "GET",
            "POST",
            "GET",
            "PATCH",
        ]
    assert issue["title"] == "Project template update available"
    assert issue["body"] == body.read_text("utf-8")
    assert "uvx copier update --trust --defaults" in issue["body"]
    assert (
        'once\nthe organisation gives this workflow a GitHub App: see "Updates arrive as pull requests"'
        in (issue["body"])
    )
    for notes in RELEASES.values():
        assert notes in issue["body"]


def test_the_conflicts_are_the_changed_files_with_markers_and_the_rej_files(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True, env=clean_environment())
    (tmp_path / "notes.md").write_text("<<<<<<< a marker the team wrote before the update\n", "utf-8")
    commit_all(tmp_path, "The team's notes")
    (tmp_path / "README.md").write_text(
        "<<<<<<< before updating\nours\n=======\ntheirs\n>>>>>>> after updating\n"
    )
    (tmp_path / "pyproject.toml.rej").write_text("@@ -1 +1 @@\n-a\n+b\n", "utf-8")
    (tmp_path / "clean.md").write_text("no conflict\n", "utf-8")
    (tmp_path / "notes.md").unlink()
    git(tmp_path, "add", "--all")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert sorted(script().conflicted_files()) == ["README.md", "pyproject.toml.rej"]


def test_the_issue_links_the_section_on_pull_requests() -> None:
    link = script().docs_link("gh:acme/templates")
    assert link == (
        "[docs/updating.md](https://github.com/acme/templates/blob/HEAD/docs/updating.md"
        "#updates-arrive-as-pull-requests)"
    )
    assert "\n## Updates arrive as pull requests\n" in (ROOT / "docs" / "updating.md").read_text("utf-8")


def test_copier_runs_in_a_job_that_holds_no_token_and_only_the_publishing_steps_get_one() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "template-update.yml").read_text("utf-8"))
    assert workflow["permissions"] == {}
    update, publish = workflow["jobs"]["update"], workflow["jobs"]["publish"]
    assert update["permissions"] == {"contents": "read"}
    assert "token" not in yaml.safe_dump(update).lower()
    assert "secrets." not in yaml.safe_dump(update)
    assert any("template_update.py update" in step.get("run", "") for step in update["steps"])
    for job in (update, publish):
        checkouts = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert [step["with"]["persist-credentials"] for step in checkouts] == [False]

    assert publish["permissions"] == {"contents": "read", "issues": "write"}
    holding_a_token = {
        step["env"]["GITHUB_TOKEN"]: step["run"]
        for step in publish["steps"]
        if "GITHUB_TOKEN" in step.get("env", {})
    }
    script = "uv run --script .github/scripts/template_update.py"
    assert holding_a_token == {
        "${{ steps.app.outputs.token }}": f'{script} pull-request "$RUNNER_TEMP/update"',
        "${{ github.token }}": f'{script} issue "$RUNNER_TEMP/update/issue.md"',
    }
    assert "token" not in yaml.safe_dump(
        [step for step in publish["steps"] if "run" in step and "env" not in step]
    )
    (app,) = [step for step in publish["steps"] if step.get("id") == "app"]
    asked = {name: value for name, value in app["with"].items() if name.startswith("permission-")}
    assert asked == {
        "permission-contents": "write",
        "permission-pull-requests": "write",
        "permission-workflows": "write",
    }
