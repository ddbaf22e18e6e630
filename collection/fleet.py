"""The fleet: every repository of an organisation that follows the collection, and how far behind.

    templates fleet ORG                       # a table in the terminal
    templates fleet ORG --format markdown     # for a job summary (json too)
    templates fleet ORG --update [REPO ...]   # run the template-update workflow where behind

A repository follows the collection when its `.copier-answers.yml` names the collection as
`_src_path`; one whose answers file has the collection's questions but names another source
follows a fork, or a local path, and is listed with that source. Nothing is cloned: GraphQL
reads the answers file, the last commit that changed it and the open update pull request of
100 repositories per query; one more query reads the collection's release tags, and one search
the open update issues. `--update` then asks GitHub to run each repository's own
`template-update.yml` workflow, one REST call each.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from collection.github import Client, GitHubError, TokenProblem

ANSWERS_FILE = ".copier-answers.yml"
# Where the weekly template-update workflow of every project proposes an update: the branch of
# its pull request, or the title of its issue where it cannot open one.
UPDATE_BRANCH = "template-update"
UPDATE_ISSUE_TITLE = "Project template update available"
UPDATE_WORKFLOW = "template-update.yml"
# Questions every kind asks: an answers file with them comes from the collection or a fork of it.
COLLECTION_QUESTIONS = ("kind", "module_name")
PAGE = 100
RELEASE_TAG = re.compile(r"v(\d+)\.(\d+)\.(\d+)")
# What copier records: a release tag, or a commit as a version (0.0.0.post1.dev0+HASH before
# the first release, X.Y.Z.postN.devM+HASH after release X.Y.Z), or a bare commit hash.
COMMIT_AS_VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)(?:\.post\d+)?(?:\.dev\d+)?\+g?(?P<hash>[0-9a-f]+)")
BARE_COMMIT = re.compile(r"[0-9a-f]{7,40}")
GITHUB_SOURCE = re.compile(
    r"^(?:gh:|git\+|)(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/|gh:)?"
    r"(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$"
)
CI_STATES = {
    "SUCCESS": "green",
    "FAILURE": "red",
    "ERROR": "red",
    "PENDING": "pending",
    "EXPECTED": "pending",
}

# The fixed parts (page size, file, branch) are variables too, so each query is one literal.
REPOSITORIES_QUERY = """
query FleetRepositories($org: String!, $after: String, $first: Int!, $file: String!, $head: String!, $branch: String!) {
  organization(login: $org) {
    repositories(first: $first, after: $after, orderBy: {field: NAME, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name
        isArchived
        defaultBranchRef {
          name
          target { ... on Commit { history(first: 1, path: $file) { nodes { committedDate } } } }
        }
        answers: object(expression: $head) { ... on Blob { text } }
        pullRequests(states: OPEN, headRefName: $branch, first: 1) {
          nodes { number url isDraft commits(last: 1) { nodes { commit { statusCheckRollup { state } } } } }
        }
      }
    }
  }
}
"""
REPOSITORIES_VARIABLES = {
    "first": PAGE,
    "file": ANSWERS_FILE,
    "head": f"HEAD:{ANSWERS_FILE}",
    "branch": UPDATE_BRANCH,
}

RELEASES_QUERY = """
query CollectionReleases($owner: String!, $name: String!, $after: String, $first: Int!) {
  repository(owner: $owner, name: $name) {
    refs(refPrefix: "refs/tags/", first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { name }
    }
  }
}
"""

ISSUES_QUERY = """
query UpdateIssues($search: String!, $after: String, $first: Int!) {
  search(type: ISSUE, query: $search, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ... on Issue { number url title repository { name } } }
  }
}
"""


@dataclass
class Row:
    repository: str
    kind: str = ""
    source: str = ""  # "" for the collection itself, else the fork's or the path's address
    follows: str = ""  # vX.Y.Z, or "commit HASH"
    behind: int | None = None
    update: str = ""  # "pull request #N", "draft pull request #N", "issue #N"
    update_url: str = ""
    ci: str = ""  # green, red, pending: the update pull request's checks
    last_update: str = ""  # YYYY-MM-DD: the last commit that changed the answers file
    archived: bool = False
    default_branch: str = ""
    error: str = ""

    @property
    def note(self) -> str:
        notes = []
        if self.source:
            notes.append(f"follows {self.source}")
        if self.archived:
            notes.append("archived")
        if self.error:
            notes.append(f"error: {self.error}")
        return "; ".join(notes)


@dataclass
class Fleet:
    organisation: str
    collection: str
    releases: list[str]
    rows: list[Row] = field(default_factory=list)
    repositories: int = 0  # all of the organisation's, followers or not

    @property
    def newest(self) -> str:
        return self.releases[-1] if self.releases else ""


def answers_of(text: str) -> dict[str, str]:
    """The top-level `key: value` pairs of copier's answers file (a flat YAML mapping)."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^([\w-]+):\s*(.*?)\s*$", line)
        if not match:
            continue
        key, value = match.groups()
        if value.startswith('"'):
            try:
                value = str(json.loads(value))
            except ValueError:
                value = value.strip('"')
        elif value.startswith("'") and value.endswith("'") and len(value) > 1:
            value = value[1:-1].replace("''", "'")
        found[key] = value
    return found


def github_repository(source: str) -> str | None:
    """OWNER/NAME, lower case, of a source on GitHub; None for a local path or another host."""
    if source.startswith(("/", ".", "~", "file:")) or re.match(r"^[A-Za-z]:[\\/]", source):
        return None
    if "://" in source and "github.com" not in source:
        return None
    match = GITHUB_SOURCE.match(source)
    return f"{match['owner']}/{match['name']}".lower() if match else None


def release_key(tag: str) -> tuple[int, int, int]:
    match = RELEASE_TAG.fullmatch(tag) or COMMIT_AS_VERSION.fullmatch(tag)
    if not match:
        return (0, 0, 0)
    major, minor, patch = (int(part) for part in match.groups()[:3])
    return major, minor, patch


def following(commit: str, releases: list[str]) -> tuple[str, int]:
    """What a project follows, in words, and how many releases are newer; ValueError if unreadable."""
    if RELEASE_TAG.fullmatch(commit) or RELEASE_TAG.fullmatch("v" + commit):
        tag = commit if commit.startswith("v") else "v" + commit
        return tag, sum(release_key(release) > release_key(tag) for release in releases)
    if match := COMMIT_AS_VERSION.fullmatch(commit):
        # a commit after release X.Y.Z (0.0.0: before the first) is behind every later release
        base = release_key(commit)
        return f"commit {match['hash'][:7]}", sum(release_key(release) > base for release in releases)
    if BARE_COMMIT.fullmatch(commit):
        return f"commit {commit[:7]}", len(releases)
    msg = f"_commit {commit!r} is neither a release nor a commit"
    raise ValueError(msg)


def _pages(client: Client, query: str, variables: dict[str, Any], where: tuple[str, ...]) -> Iterable[dict]:
    """Each page's body, following `pageInfo` at `where` (the path to the paginated field)."""
    after = None
    while True:
        body = client.graphql(query, {"first": PAGE, **variables, "after": after})
        yield body
        connection: Any = body["data"]
        for key in where:
            connection = (connection or {}).get(key)
        if not connection:
            return
        info = connection["pageInfo"]
        if not info["hasNextPage"]:
            return
        after = info["endCursor"]


def releases_of(client: Client, collection: str) -> list[str]:
    owner, name = collection.split("/", 1)
    tags = []
    for body in _pages(client, RELEASES_QUERY, {"owner": owner, "name": name}, ("repository", "refs")):
        if body["data"].get("repository") is None:
            msg = f"Cannot read {collection}'s releases: GitHub does not show that repository to this token."
            raise GitHubError(msg)
        tags += [node["name"] for node in body["data"]["repository"]["refs"]["nodes"]]
    return sorted((tag for tag in tags if RELEASE_TAG.fullmatch(tag)), key=release_key)


def update_issues(client: Client, organisation: str) -> dict[str, tuple[int, str]]:
    """Each repository's open update issue: its number and address."""
    search = f'org:{organisation} is:issue is:open in:title "{UPDATE_ISSUE_TITLE}"'
    found = {}
    for body in _pages(client, ISSUES_QUERY, {"search": search}, ("search",)):
        for node in body["data"]["search"]["nodes"]:
            if node and node.get("title") == UPDATE_ISSUE_TITLE:
                found.setdefault(node["repository"]["name"], (node["number"], node["url"]))
    return found


def _errors_by_repository(body: dict[str, Any]) -> dict[int, str]:
    """GraphQL's errors for parts of a page, by the index of the repository they are about."""
    found: dict[int, str] = {}
    for error in body.get("errors") or []:
        path = error.get("path") or []
        if (
            len(path) > 3
            and path[:3] == ["organization", "repositories", "nodes"]
            and isinstance(path[3], int)
        ):
            found.setdefault(path[3], str(error.get("message", "error")))
    return found


def row_of(node: dict[str, Any], error: str, collection: str, releases: list[str]) -> Row | None:
    """A repository's row, or None when it does not follow the collection (nor a fork of it)."""
    row = Row(node["name"], archived=bool(node.get("isArchived")), error=error)
    branch = node.get("defaultBranchRef") or {}
    row.default_branch = branch.get("name", "")
    if error:
        return row
    blob = node.get("answers") or {}
    if "text" not in blob:
        return None
    answers = answers_of(blob["text"] or "")
    source = answers.get("_src_path", "")
    if not source or not all(question in answers for question in COLLECTION_QUESTIONS):
        return None
    row.kind = answers["kind"]
    if github_repository(source) != collection.lower():
        row.source = source
    history = ((branch.get("target") or {}).get("history") or {}).get("nodes") or []
    if history:
        row.last_update = history[0]["committedDate"][:10]
    try:
        row.follows, behind = following(answers.get("_commit", ""), releases)
    except ValueError as problem:
        row.error = str(problem)
        return row
    # a fork's or a path's releases are not the collection's: how far behind is unknown
    row.behind = None if row.source else behind
    pulls = (node.get("pullRequests") or {}).get("nodes") or []
    if pulls:
        pull = pulls[0]
        row.update = f"{'draft ' if pull['isDraft'] else ''}pull request #{pull['number']}"
        row.update_url = pull["url"]
        commits = pull["commits"]["nodes"]
        rollup = (commits[0]["commit"].get("statusCheckRollup") or {}) if commits else {}
        row.ci = CI_STATES.get(rollup.get("state", ""), "none")
    return row


def read_fleet(client: Client, organisation: str, collection: str) -> Fleet:
    fleet = Fleet(organisation, collection, releases_of(client, collection))
    issues = update_issues(client, organisation)
    for body in _pages(
        client,
        REPOSITORIES_QUERY,
        {"org": organisation, **REPOSITORIES_VARIABLES},
        ("organization", "repositories"),
    ):
        if body["data"].get("organization") is None:
            msg = f"GitHub has no organisation {organisation} that this token can see."
            raise GitHubError(msg)
        errors = _errors_by_repository(body)
        nodes = body["data"]["organization"]["repositories"]["nodes"]
        fleet.repositories += len(nodes)
        for index, node in enumerate(nodes):
            row = row_of(node or {"name": f"#{index}"}, errors.get(index, ""), collection, fleet.releases)
            if row is None:
                continue
            if not row.update and row.repository in issues:
                number, url = issues[row.repository]
                row.update, row.update_url = f"issue #{number}", url
            fleet.rows.append(row)
    return fleet


# --- Output -------------------------------------------------------------------------------------

COLUMNS = ("repository", "kind", "follows", "behind", "update", "CI", "last update", "note")


def _cells(row: Row) -> list[str]:
    behind = "—" if row.behind is None else str(row.behind)
    return [
        row.repository,
        row.kind or "—",
        row.follows or "—",
        behind,
        row.update or "—",
        row.ci or "—",
        row.last_update or "—",
        row.note,
    ]


def summary_line(fleet: Fleet) -> str:
    behind = sum(1 for row in fleet.rows if row.behind)
    newest = fleet.newest or "no release yet"
    return (
        f"{len(fleet.rows)} of {fleet.organisation}'s {fleet.repositories} repositories follow the "
        f"templates ({fleet.collection}, newest release {newest}); {behind} behind."
    )


def as_table(fleet: Fleet) -> str:
    rows = [list(COLUMNS), *map(_cells, fleet.rows)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join([summary_line(fleet), "", *lines]) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")


def as_markdown(fleet: Fleet) -> str:
    lines = [f"## The fleet: {fleet.organisation}", "", summary_line(fleet), ""]
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + " --- |" * len(COLUMNS))
    for row in fleet.rows:
        cells = [_markdown_cell(cell) for cell in _cells(row)]
        if row.update_url:
            cells[4] = f"[{cells[4]}]({row.update_url})"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_json(fleet: Fleet) -> str:
    rows = [
        {key: value for key, value in asdict(row).items() if key != "default_branch"} for row in fleet.rows
    ]
    document = {
        "organisation": fleet.organisation,
        "collection": fleet.collection,
        "releases": fleet.releases,
        "repositories": fleet.repositories,
        "rows": rows,
    }
    return json.dumps(document, indent=2) + "\n"


FORMATS = {"table": as_table, "markdown": as_markdown, "json": as_json}


# --- Dispatch -----------------------------------------------------------------------------------


def to_update(fleet: Fleet, named: list[str]) -> tuple[list[Row], list[str]]:
    """The rows whose workflow to run (the named ones, else every one behind), and refusals."""
    rows = {row.repository.lower(): row for row in fleet.rows}
    if not named:
        chosen = [row for row in fleet.rows if row.behind and not row.archived and not row.error]
        return chosen, []
    chosen, refused = [], []
    for name in named:
        row = rows.get(name.lower())
        if row is None:
            refused.append(f"{name}: does not follow {fleet.collection}")
        elif row.archived:
            refused.append(f"{name}: archived")
        else:
            chosen.append(row)
    return chosen, refused


def dispatch(client: Client, organisation: str, rows: list[Row]) -> list[str]:
    """Run each row's template-update workflow on its default branch; a line per repository."""
    client.needs = "dispatch"
    said = []
    for row in rows:
        path = f"/repos/{organisation}/{row.repository}/actions/workflows/{UPDATE_WORKFLOW}/dispatches"
        reply = client.call("POST", path, {"ref": row.default_branch or "main"})
        if reply.status in (401, 403):
            client.check(reply)
        if reply.status == 204:
            said.append(f"{row.repository}: started {UPDATE_WORKFLOW}")
        elif reply.status == 404:
            said.append(f"{row.repository}: has no {UPDATE_WORKFLOW} workflow (or the token cannot see it)")
        else:
            said.append(f"{row.repository}: GitHub answered {reply.status}")
    return said


# --- The command --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "organisation", metavar="ORG", help="the GitHub organisation whose repositories to list"
    )
    parser.add_argument(
        "--collection",
        metavar="OWNER/NAME",
        help="the collection the repositories follow (default: ORG/templates)",
    )
    parser.add_argument("--format", choices=sorted(FORMATS), default="table", help="how to print the fleet")
    parser.add_argument(
        "--update",
        nargs="*",
        metavar="REPO",
        help="run the template-update workflow of each repository behind (or of the ones named)",
    )


def run(args: argparse.Namespace, client: Client | None = None) -> int:
    client = client or Client.from_environment()
    collection = args.collection or f"{args.organisation}/templates"
    try:
        fleet = read_fleet(client, args.organisation, collection)
        if args.update is None:
            # a repository's error is on its row: the view itself succeeded
            sys.stdout.write(FORMATS[args.format](fleet))
            return 0
        chosen, refused = to_update(fleet, args.update)
        said = dispatch(client, args.organisation, chosen)
    except TokenProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    except GitHubError as error:
        print(error, file=sys.stderr)
        return 1
    for line in [*said, *refused]:
        print(line)
    if not chosen and not refused:
        print(f"No repository of {args.organisation} is behind {collection}'s newest release.")
    return 1 if refused or any("started" not in line for line in said) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="templates fleet", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))
