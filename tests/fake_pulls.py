"""A stand-in, on loopback, for the parts of GitHub's API the template-update script calls.

It holds one repository's pull requests and issues, answers only a caller with its token, and
keeps every request it was sent, so a test can say what the script did and how.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeGitHub:
    repository: str
    token: str
    url: str = ""
    pulls: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)

    def answer(self, method: str, target: str, payload: Any) -> tuple[int, Any]:
        path, _, query = target.partition("?")
        params = dict(urllib.parse.parse_qsl(query))
        self.requests.append((method, path))
        repo = f"/repos/{self.repository}"
        number = re.fullmatch(rf"{repo}/(pulls|issues)/(\d+)", path)
        if (method, path) == ("GET", f"{repo}/pulls"):
            owner = self.repository.partition("/")[0]
            return 200, [
                pull
                for pull in self.pulls
                if pull["state"] == params.get("state", "open")
                and f"{owner}:{pull['head']}" == params["head"]
            ]
        if (method, path) == ("POST", f"{repo}/pulls"):
            return 201, self._add(self.pulls, payload, node_id=f"PR_{len(self.pulls) + 1}")
        if (method, path) == ("POST", f"{repo}/issues"):
            return 201, self._add(self.issues, payload)
        if method == "PATCH" and number:
            (found,) = [item for item in getattr(self, number[1]) if item["number"] == int(number[2])]
            found.update(payload)
            return 200, found
        if (method, path) == ("GET", "/search/issues"):
            return 200, {"items": self._search(params["q"])}
        if (method, path) == ("POST", "/graphql"):
            return 200, self._graphql(payload)
        return 404, {"message": "Not Found"}

    def _add(self, items: list[dict[str, Any]], payload: Any, **extra: Any) -> dict[str, Any]:
        item = {"draft": False, **payload, **extra, "number": len(self.pulls) + len(self.issues) + 1}
        item["state"] = "open"
        items.append(item)
        return item

    def _search(self, query: str) -> list[dict[str, Any]]:
        """GitHub's search for `repo:R is:issue is:open in:title "WORDS"`, the one query asked."""
        match = re.fullmatch(r'repo:(\S+) is:issue is:open in:title "(.+)"', query)
        assert match, query
        assert match[1] == self.repository
        return [issue for issue in self.issues if issue["state"] == "open" and match[2] in issue["title"]]

    def _graphql(self, payload: Any) -> dict[str, Any]:
        match = re.search(r"(convertPullRequestToDraft|markPullRequestReadyForReview)\(", payload["query"])
        found = [pull for pull in self.pulls if pull["node_id"] == payload["variables"]["id"]]
        if not match or not found:
            return {"errors": [{"message": "not a mutation this fake knows, or no such pull request"}]}
        found[0]["draft"] = match[1] == "convertPullRequestToDraft"
        return {"data": {match[1]: {"clientMutationId": None}}}


@contextmanager
def fake_github(repository: str, token: str) -> Iterator[FakeGitHub]:
    """A FakeGitHub serving on a free loopback port while the block runs."""
    fake = FakeGitHub(repository, token)

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length)) if length else None
            if self.headers.get("Authorization") != f"Bearer {fake.token}":
                status, answer = 401, {"message": "Bad credentials"}
            else:
                status, answer = fake.answer(self.command, self.path, payload)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = _serve

        def log_message(self, format: str, *args: Any) -> None:  # quiet: no line per request
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
