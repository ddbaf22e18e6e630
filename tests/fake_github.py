"""A fake of the GitHub endpoints the collection's tools call, on loopback, for the tests.

`FakeGitHub` holds organisations of repositories (`FakeRepository`) and answers, over HTTP:

- GraphQL (POST /graphql), by the query's operation name: `FleetRepositories` (an
  organisation's repositories, 100 a page, each with its answers file, the last commit that
  changed it and its open update pull request), `CollectionReleases` (a repository's tags) and
  `UpdateIssues` (a search for open issues by title);
- REST: GET /repos/OWNER/NAME, and POST /repos/OWNER/NAME/actions/workflows/FILE/dispatches.

It counts every call (`calls`), keeps the dispatches, checks the token (`tokens` maps each to
what it may do: "read", "dispatch"), and replies with whatever `replies` queues first (a rate
limit, say) before answering for real. `serve(fake)` runs it on a free port of 127.0.0.1;
`organisation(n)` builds an organisation whose repositories go through every state the fleet
view reports.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PAGE_LIMIT = 100
UPDATE_BRANCH = "template-update"
UPDATE_ISSUE_TITLE = "Project template update available"
RELEASES = ["v0.1.0", "v0.2.0", "v0.3.0"]
TOKEN = "fake-token"


@dataclass
class FakeRepository:
    name: str
    state: str = "no answers file"  # what the organisation builder made it: see organisation()
    answers: str | None = None  # the text of .copier-answers.yml
    answers_date: str = "2026-01-05T10:00:00Z"
    archived: bool = False
    default_branch: str = "main"
    pull: dict[str, Any] | None = None  # number, draft, ci (SUCCESS, FAILURE, ...)
    issues: list[dict[str, Any]] = field(default_factory=list)  # number, title, open
    tags: list[str] = field(default_factory=list)
    error: str = ""  # GitHub fails to read this one
    workflows: tuple[str, ...] = ("template-update.yml",)


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


@dataclass
class FakeGitHub:
    organisations: dict[str, list[FakeRepository]] = field(default_factory=dict)
    tokens: dict[str, set[str]] = field(default_factory=lambda: {TOKEN: {"read", "dispatch"}})
    replies: list[Reply] = field(default_factory=list)  # answered first, one per call
    calls: list[tuple[str, str]] = field(default_factory=list)  # method, path or GraphQL operation
    dispatches: list[tuple[str, str, str]] = field(default_factory=list)  # repository, workflow, ref
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        self.calls.clear()
        self.dispatches.clear()
        self.replies.clear()

    def repository(self, owner: str, name: str) -> FakeRepository | None:
        return next((repo for repo in self.organisations.get(owner, []) if repo.name == name), None)

    # --- HTTP ---------------------------------------------------------------------------------

    def handle(self, method: str, path: str, token: str, body: Any) -> Reply:
        with self.lock:
            operation = _operation(body) if path == "/graphql" else path
            self.calls.append((method, operation))
            if self.replies:
                return self.replies.pop(0)
        if token not in self.tokens:
            return Reply(401, body={"message": "Bad credentials"})
        may = self.tokens[token]
        if path == "/graphql" and method == "POST":
            if "read" not in may:
                return Reply(403, body={"message": "Resource not accessible by personal access token"})
            return self.graphql(operation, body.get("variables") or {})
        if match := re.fullmatch(r"/repos/([^/]+)/([^/]+)/actions/workflows/([^/]+)/dispatches", path):
            if method != "POST":
                return Reply(405)
            if "dispatch" not in may:
                return Reply(403, body={"message": "Resource not accessible by personal access token"})
            return self.dispatch(*match.groups(), (body or {}).get("ref", ""))
        if (match := re.fullmatch(r"/repos/([^/]+)/([^/]+)", path)) and method == "GET":
            repo = self.repository(*match.groups())
            if repo is None:
                return Reply(404, body={"message": "Not Found"})
            return Reply(
                200,
                body={"name": repo.name, "archived": repo.archived, "default_branch": repo.default_branch},
            )
        return Reply(404, body={"message": "Not Found"})

    def dispatch(self, owner: str, name: str, workflow: str, ref: str) -> Reply:
        repo = self.repository(owner, name)
        if repo is None or workflow not in repo.workflows:
            return Reply(404, body={"message": "Not Found"})
        if ref != repo.default_branch:
            return Reply(422, body={"message": f"No ref found for: {ref}"})
        with self.lock:
            self.dispatches.append((name, workflow, ref))
        return Reply(204)

    # --- GraphQL ------------------------------------------------------------------------------

    def graphql(self, operation: str, variables: dict[str, Any]) -> Reply:
        if operation == "FleetRepositories":
            return self._repositories(variables)
        if operation == "CollectionReleases":
            repo = self.repository(variables["owner"], variables["name"])
            if repo is None:
                return Reply(200, body={"data": {"repository": None}, "errors": [{"type": "NOT_FOUND"}]})
            nodes, info = _page(
                [{"name": tag} for tag in repo.tags], variables.get("after"), variables["first"]
            )
            return Reply(200, body={"data": {"repository": {"refs": {"pageInfo": info, "nodes": nodes}}}})
        if operation == "UpdateIssues":
            return self._search(variables["search"], variables.get("after"), variables["first"])
        return Reply(200, body={"errors": [{"message": f"the fake does not know {operation}"}]})

    def _repositories(self, variables: dict[str, Any]) -> Reply:
        org, after = variables["org"], variables.get("after")
        if org not in self.organisations:
            errors = [
                {
                    "type": "NOT_FOUND",
                    "message": f"Could not resolve to an Organization with the login of '{org}'.",
                }
            ]
            return Reply(200, body={"data": {"organization": None}, "errors": errors})
        nodes, info = _page(self.organisations[org], after, variables["first"])
        errors = []
        shown = []
        for index, repo in enumerate(nodes):
            node = _node(repo, variables)
            if repo.error:
                node["answers"] = None
                errors.append(
                    {
                        "message": repo.error,
                        "path": ["organization", "repositories", "nodes", index, "answers"],
                    }
                )
            shown.append(node)
        body: dict[str, Any] = {
            "data": {"organization": {"repositories": {"pageInfo": info, "nodes": shown}}}
        }
        if errors:
            body["errors"] = errors
        return Reply(200, body=body)

    def _search(self, search: str, after: str | None, first: int) -> Reply:
        org = re.search(r"org:(\S+)", search)
        title = re.search(r'in:title "([^"]+)"', search)
        found = [
            {
                "number": issue["number"],
                "url": f"https://github.com/{org.group(1)}/{repo.name}/issues/{issue['number']}",
                "title": issue["title"],
                "repository": {"name": repo.name},
            }
            for repo in self.organisations.get(org.group(1) if org else "", [])
            for issue in repo.issues
            if issue.get("open", True) and title and title.group(1).lower() in issue["title"].lower()
        ]
        nodes, info = _page(found, after, first)
        return Reply(200, body={"data": {"search": {"pageInfo": info, "nodes": nodes}}})


def _operation(body: Any) -> str:
    match = re.search(r"\b(?:query|mutation)\s+(\w+)", (body or {}).get("query", ""))
    return match.group(1) if match else "anonymous"


def _page(items: list[Any], after: str | None, first: int = PAGE_LIMIT) -> tuple[list[Any], dict[str, Any]]:
    start = int(after) if after else 0
    end = start + min(first, PAGE_LIMIT)  # GitHub gives 100 at most
    return items[start:end], {"hasNextPage": end < len(items), "endCursor": str(min(end, len(items)))}


def _node(repo: FakeRepository, variables: dict[str, Any]) -> dict[str, Any]:
    """A repository as the FleetRepositories query asks for it (its file, its pull request's branch)."""
    pulls = []
    if repo.pull and variables["branch"] == UPDATE_BRANCH:
        rollup = {"state": repo.pull["ci"]} if repo.pull.get("ci") else None
        pulls.append(
            {
                "number": repo.pull["number"],
                "url": f"https://github.com/ORG/{repo.name}/pull/{repo.pull['number']}",
                "isDraft": repo.pull.get("draft", False),
                "commits": {"nodes": [{"commit": {"statusCheckRollup": rollup}}]},
            }
        )
    has_answers = repo.answers is not None and variables["head"] == "HEAD:.copier-answers.yml"
    history = [{"committedDate": repo.answers_date}] if has_answers else []
    return {
        "name": repo.name,
        "isArchived": repo.archived,
        "defaultBranchRef": {"name": repo.default_branch, "target": {"history": {"nodes": history}}},
        "answers": {"text": repo.answers} if has_answers else None,
        "pullRequests": {"nodes": pulls},
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        try:
            reply = self.server.fake.handle(
                self.command, self.path.split("?")[0], token, json.loads(raw) if raw else None
            )
        except Exception as error:  # noqa: BLE001 - a mistake of the fake's, or a call it does not know
            reply = Reply(500, body={"message": f"the fake failed: {error!r}"})
        data = b"" if reply.body is None else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeGitHub) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


@contextmanager
def serve(fake: FakeGitHub) -> Iterator[str]:
    """The fake on a free port of loopback: yields its API address, for GITHUB_API_URL."""
    server = _Server(fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- An organisation ---------------------------------------------------------------------------


def answers_text(kind: str, commit: str, source: str = "gh:ORG/templates") -> str:
    """An answers file as copier writes it."""
    return (
        "# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n"
        f"_commit: {commit}\n_src_path: {source}\nauthor_name: Ada Lovelace\n"
        f"kind: {kind}\nmodule_name: demo\nproject_slug: demo\n"
    )


KINDS = ("python-lib", "click-app", "pytest-plugin", "datasette-plugin")
# The states the fleet view tells apart, in the order organisation() deals them out.
STATES = (
    "current",
    "behind one",
    "behind several",
    "before the first release",
    "pull request, CI green",
    "pull request, CI red",
    "draft pull request, CI pending",
    "issue",
    "fork",
    "local path",
    "no answers file",
    "another template",
    "archived",
)


def organisation(size: int) -> list[FakeRepository]:
    """The collection (`templates`, tagged with RELEASES) and `size - 1` repositories in turn
    through STATES; the one in the middle fails to read."""
    repos = [
        FakeRepository("templates", state="the collection", tags=["v0.0.9-rc1", *RELEASES], workflows=())
    ]
    for index in range(1, size):
        state = STATES[(index - 1) % len(STATES)]
        kind = KINDS[index % len(KINDS)]
        repo = FakeRepository(
            f"repo-{index:03d}", state=state, default_branch="trunk" if index % 7 == 0 else "main"
        )
        repo.answers_date = f"2026-{1 + index % 12:02d}-{1 + index % 28:02d}T09:30:00Z"
        newest, older, oldest = RELEASES[-1], RELEASES[-2], RELEASES[0]
        commit = {
            "current": newest,
            "behind one": older,
            "before the first release": "0.0.0.post1.dev0+g1a2b3c4",
        }
        repo.answers = answers_text(kind, commit.get(state, oldest))
        if state.startswith(("pull request", "draft")):
            ci = {"green": "SUCCESS", "red": "FAILURE", "pending": "PENDING"}[state.rsplit(" ", 1)[1]]
            repo.pull = {"number": 40 + index, "draft": state.startswith("draft"), "ci": ci}
        elif state == "issue":
            repo.issues = [
                {"number": 7, "title": UPDATE_ISSUE_TITLE},
                {"number": 3, "title": "Something else"},
            ]
        elif state == "fork":
            repo.answers = answers_text(kind, "v0.5.0", "gh:other-team/templates")
        elif state == "local path":
            repo.answers = answers_text(kind, older, "/home/ada/templates")
        elif state == "no answers file":
            repo.answers = None
        elif state == "another template":
            repo.answers = "_commit: v1.0.0\n_src_path: gh:pawamoy/copier-uv\nproject_name: other\n"
        elif state == "archived":
            repo.archived = True
            repo.answers = answers_text(kind, older)
        if index == size // 2:
            repo.state, repo.error = "error", "Something went wrong while executing your query."
        repos.append(repo)
    return repos
