"""`templates fleet`: the organisation's repositories that follow the collection, read from a
fake of GitHub (tests/fake_github.py) holding 500 repositories in every state the view tells
apart, in a few API calls; and `--update`, which runs the template-update workflow of the ones
behind."""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fake_github import (
    RELEASES,
    STATES,
    TOKEN,
    UPDATE_ISSUE_TITLE,
    FakeGitHub,
    FakeRepository,
    Reply,
    organisation,
    serve,
)
from rendering import ROOT, clean_environment, uv

from collection import fleet
from collection.github import Client, graphql_url

SIZE = 500
# The releases behind for each state that follows the collection (RELEASES is v0.1.0 to v0.3.0).
FOLLOWS = {
    "current": ("v0.3.0", 0),
    "behind one": ("v0.2.0", 1),
    "before the first release": ("commit 1a2b3c4", 3),
    "archived": ("v0.2.0", 1),
}
NOT_LISTED = {"no answers file", "another template", "the collection"}


@pytest.fixture(scope="module")
def github() -> Iterator[tuple[FakeGitHub, str]]:
    fake = FakeGitHub({"ORG": organisation(SIZE)})
    with serve(fake) as url:
        yield fake, url


@pytest.fixture
def fake(github: tuple[FakeGitHub, str]) -> Iterator[FakeGitHub]:
    github[0].reset()
    yield github[0]
    github[0].tokens = {TOKEN: {"read", "dispatch"}}


class Clock:
    """Time that passes only when the client sleeps."""

    def __init__(self) -> None:
        self.now, self.sleeps = 1_000_000.0, []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def client(github: tuple[FakeGitHub, str], token: str = TOKEN, clock: Clock | None = None) -> Client:
    clock = clock or Clock()
    return Client(token, github[1], sleep=clock.sleep, clock=lambda: clock.now)


def arguments(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    fleet.add_arguments(parser)
    return parser.parse_args(argv)


def expected_row(repo: FakeRepository) -> fleet.Row:
    """What the view must say of a repository, from the state the fake gave it."""
    row = fleet.Row(repo.name, archived=repo.archived, default_branch=repo.default_branch)
    if repo.error:
        row.error = repo.error
        return row
    answers = fleet.answers_of(repo.answers or "")
    row.kind, row.last_update = answers["kind"], repo.answers_date[:10]
    if repo.state in ("fork", "local path"):
        row.source, row.follows = answers["_src_path"], answers["_commit"]
    else:
        row.follows, row.behind = FOLLOWS.get(repo.state, ("v0.1.0", 2))
    if repo.pull:
        row.update = ("draft " if repo.pull["draft"] else "") + f"pull request #{repo.pull['number']}"
        row.update_url = f"https://github.com/ORG/{repo.name}/pull/{repo.pull['number']}"
        row.ci = {"SUCCESS": "green", "FAILURE": "red", "PENDING": "pending"}[repo.pull["ci"]]
    if repo.state == "issue":
        row.update, row.update_url = "issue #7", f"https://github.com/ORG/{repo.name}/issues/7"
    return row


def test_the_rows_are_the_organisations_state(fake: FakeGitHub, github: tuple[FakeGitHub, str]) -> None:
    seen = fleet.read_fleet(client(github), "ORG", "ORG/templates")

    repos = fake.organisations["ORG"]
    assert seen.releases == RELEASES  # the collection's release tags, not its other tags
    assert seen.repositories == SIZE
    assert seen.rows == [expected_row(repo) for repo in repos if repo.state not in NOT_LISTED]
    # every state is there, the failing repository among them
    assert {repo.state for repo in repos} == {*STATES, "error", "the collection"}


def test_a_few_calls_read_hundreds_of_repositories(fake: FakeGitHub, github: tuple[FakeGitHub, str]) -> None:
    fleet.read_fleet(client(github), "ORG", "ORG/templates")

    operations = [operation for _method, operation in fake.calls]
    # one query per 100 repositories, one for the releases, one search for the update issues
    assert sorted(operations) == sorted(["CollectionReleases", "UpdateIssues", *["FleetRepositories"] * 5])
    assert len(fake.calls) <= 2 * SIZE / 100


def test_rate_limits_are_waited_out_as_the_headers_say(
    fake: FakeGitHub, github: tuple[FakeGitHub, str]
) -> None:
    clock = Clock()
    fake.replies += [
        # a secondary limit: retry-after
        Reply(403, {"retry-after": "30"}, {"message": "You have exceeded a secondary rate limit."}),
        # the primary limit, spent until its reset
        Reply(
            403,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(clock.now) + 30 + 120)},
            {"message": "API rate limit exceeded"},
        ),
        # GraphQL's own way of saying so
        Reply(
            200,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(clock.now) + 150 + 60)},
            {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]},
        ),
    ]
    seen = fleet.read_fleet(client(github, clock=clock), "ORG", "ORG/templates")

    # each wait lasts until the reset, and a second more
    assert clock.sleeps == [30.0, 121.0, 60.0]
    assert len(fake.calls) == 7 + 3
    assert len(seen.rows) == len([repo for repo in fake.organisations["ORG"] if repo.state not in NOT_LISTED])


def test_a_rate_limit_longer_than_the_cap_stops_with_one_line(
    fake: FakeGitHub, github: tuple[FakeGitHub, str], capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    fake.replies.append(Reply(429, {"retry-after": "3600"}, {"message": "slow down"}))
    status = fleet.run(arguments("ORG"), client(github, clock=clock))

    assert status == 1
    assert clock.sleeps == []
    assert capsys.readouterr().err == (
        "GitHub's rate limit holds for 3600 more seconds, longer than this command waits (900 s): run it again later.\n"
    )


@pytest.mark.parametrize(
    ("token", "may", "argv", "message"),
    [
        pytest.param(
            "",
            None,
            ("ORG",),
            "Set GITHUB_TOKEN (or GH_TOKEN) to a token with read access to the organisation's repositories"
            " (a classic token's `repo` scope, or a fine-grained token's Metadata and Contents read).",
            id="no-token",
        ),
        pytest.param(
            "expired",
            None,
            ("ORG",),
            "GitHub refused the token (401): GITHUB_TOKEN needs read access to the organisation's repositories"
            " (a classic token's `repo` scope, or a fine-grained token's Metadata and Contents read).",
            id="refused",
        ),
        pytest.param(
            "narrow",
            {"dispatch"},
            ("ORG",),
            "Resource not accessible by personal access token: GITHUB_TOKEN needs read access to the"
            " organisation's repositories (a classic token's `repo` scope, or a fine-grained token's Metadata"
            " and Contents read).",
            id="no-read",
        ),
        pytest.param(
            "read-only",
            {"read"},
            ("ORG", "--update"),
            "Resource not accessible by personal access token: GITHUB_TOKEN needs to run the repositories'"
            " workflows (a classic token's `repo` and `workflow` scopes, or a fine-grained token's Actions write).",
            id="read-only-dispatch",
        ),
    ],
)
def test_a_token_short_of_a_scope_is_one_line_naming_it(
    fake: FakeGitHub,
    github: tuple[FakeGitHub, str],
    capsys: pytest.CaptureFixture[str],
    token: str,
    may: set[str] | None,
    argv: tuple[str, ...],
    message: str,
) -> None:
    if may is not None:
        fake.tokens[token] = may
    status = fleet.run(arguments(*argv), client(github, token=token))

    captured = capsys.readouterr()
    assert (status, captured.out, captured.err) == (1, "", message + "\n")
    assert fake.dispatches == []


def test_update_runs_the_workflow_of_every_repository_behind(
    fake: FakeGitHub, github: tuple[FakeGitHub, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = fleet.run(arguments("ORG", "--update"), client(github))

    behind = [
        (repo.name, "template-update.yml", repo.default_branch)
        for repo in fake.organisations["ORG"]
        if repo.state not in (*NOT_LISTED, "current", "fork", "local path", "archived", "error")
    ]
    assert status == 0, capsys.readouterr()
    assert sorted(fake.dispatches) == sorted(behind)
    assert len(fake.calls) == 7 + len(behind)  # the read, then one call per repository
    assert capsys.readouterr().out.splitlines()[0] == f"{behind[0][0]}: started template-update.yml"


def test_update_of_named_repositories_runs_theirs_alone(
    fake: FakeGitHub, github: tuple[FakeGitHub, str], capsys: pytest.CaptureFixture[str]
) -> None:
    repos = {repo.state: repo for repo in reversed(fake.organisations["ORG"])}
    named = [repos["current"].name, repos["fork"].name, repos["archived"].name, "not-a-repo"]
    status = fleet.run(arguments("ORG", "--update", *named), client(github))

    assert status == 1  # two were refused
    assert [name for name, _, _ in fake.dispatches] == named[:2]
    assert capsys.readouterr().out.splitlines()[2:] == [
        f"{named[2]}: archived",
        "not-a-repo: does not follow ORG/templates",
    ]


def test_the_three_formats_say_the_same(
    fake: FakeGitHub, github: tuple[FakeGitHub, str], capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = {}
    for form in ("table", "markdown", "json"):
        assert fleet.run(arguments("ORG", "--format", form), client(github)) == 0
        outputs[form] = capsys.readouterr().out
    listed = [repo for repo in fake.organisations["ORG"] if repo.state not in NOT_LISTED]
    document = json.loads(outputs["json"])
    assert [row["repository"] for row in document["rows"]] == [repo.name for repo in listed]
    assert document["releases"] == RELEASES
    table_rows = outputs["table"].splitlines()[3:]
    markdown_rows = [line for line in outputs["markdown"].splitlines() if line.startswith("| repo-")]
    assert [line.split()[0] for line in table_rows] == [repo.name for repo in listed]
    assert [line.split(" | ")[0].removeprefix("| ") for line in markdown_rows] == [
        repo.name for repo in listed
    ]
    summary = f"{len(listed)} of ORG's {SIZE} repositories follow the templates (ORG/templates, newest release v0.3.0)"
    assert all(summary in text for text in outputs.values() if text is not outputs["json"])
    issue = next(repo for repo in listed if repo.state == "issue")
    assert f"[issue #7](https://github.com/ORG/{issue.name}/issues/7)" in outputs["markdown"]
    assert UPDATE_ISSUE_TITLE == fleet.UPDATE_ISSUE_TITLE


@pytest.mark.parametrize(
    ("commit", "follows", "behind"),
    [
        ("v0.2.0", "v0.2.0", 1),
        ("0.2.0", "v0.2.0", 1),
        ("0.0.0.post1.dev0+g1a2b3c4", "commit 1a2b3c4", 3),
        ("0.2.0.post4.dev0+gabcdef0", "commit abcdef0", 1),
        ("1a2b3c4d", "commit 1a2b3c4", 3),
    ],
)
def test_what_a_project_follows(commit: str, follows: str, behind: int) -> None:
    assert fleet.following(commit, RELEASES) == (follows, behind)


@pytest.mark.parametrize(
    ("source", "repository"),
    [
        ("gh:ORG/templates", "org/templates"),
        ("https://github.com/ORG/templates.git", "org/templates"),
        ("git+https://github.com/ORG/templates", "org/templates"),
        ("git@github.com:ORG/templates.git", "org/templates"),
        ("/home/ada/templates", None),
        ("C:\\Users\\ada\\templates", None),
        ("https://gitlab.com/ORG/templates", None),
    ],
)
def test_sources_on_github_are_told_from_paths(source: str, repository: str | None) -> None:
    assert fleet.github_repository(source) == repository


def test_the_command_runs_from_the_built_package(github: tuple[FakeGitHub, str], tmp_path: Path) -> None:
    """`uvx --from git+https://github.com/ORG/templates templates ...`, from the work tree here:
    the wheel holds both packages and the console script."""
    env = clean_environment(GITHUB_API_URL=github[1], GITHUB_TOKEN=TOKEN, UV_TOOL_DIR=str(tmp_path))
    command = [uv(), "tool", "run", "--quiet", "--isolated", "--from", str(ROOT), "templates"]
    result = subprocess.run(
        [*command, "fleet", "ORG", "--format", "json"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["repositories"] == SIZE


def fleet_workflow() -> dict[str, Any]:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "fleet.yml").read_text("utf-8"))


def test_the_weekly_workflow_reads_with_one_token_and_updates_with_another() -> None:
    workflow = fleet_workflow()
    (job,) = workflow["jobs"].values()
    view, update = job["steps"][2:]

    events = workflow[True]  # YAML 1.1 reads `on` as true
    assert set(events) == {"schedule", "workflow_dispatch"}
    assert job["permissions"] == {"contents": "read"}
    assert view["env"]["GITHUB_TOKEN"] == "${{ secrets.FLEET_TOKEN }}"
    assert "templates fleet" in view["run"]
    assert view["run"].endswith('--format markdown >> "$GITHUB_STEP_SUMMARY"')
    assert "if" not in view
    assert (update["if"], update["env"]["GITHUB_TOKEN"]) == (
        "inputs.update",
        "${{ secrets.FLEET_UPDATE_TOKEN }}",
    )
    assert update["run"].endswith("--update")


@pytest.mark.slow
def test_the_weekly_workflow_writes_the_fleet_to_the_summary(
    github: tuple[FakeGitHub, str], tmp_path: Path
) -> None:
    """The workflow's step as the runner runs it, in the collection's folder, against the fake."""
    (job,) = fleet_workflow()["jobs"].values()
    summary = tmp_path / "summary.md"
    env = clean_environment(
        GITHUB_API_URL=github[1],
        GITHUB_TOKEN=TOKEN,
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_REPOSITORY="ORG/templates",
        ORG="ORG",
        UV_PROJECT_ENVIRONMENT=str(tmp_path / "venv"),
    )
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", job["steps"][2]["run"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert summary.read_text("utf-8").startswith("## The fleet: ORG\n\n")
    assert "| repo-001 | " in summary.read_text("utf-8")


@pytest.mark.parametrize(
    ("api_url", "graphql"),
    [
        ("https://api.github.com", "https://api.github.com/graphql"),
        ("https://github.example.com/api/v3", "https://github.example.com/api/graphql"),  # Enterprise Server
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/graphql"),
    ],
)
def test_the_graphql_address_follows_the_api_address(api_url: str, graphql: str) -> None:
    assert graphql_url(api_url) == graphql
