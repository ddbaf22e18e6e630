"""A small GitHub client: GraphQL queries and a few REST calls, over the standard library.

The fleet view makes a handful of calls per hundred repositories (docs/maintainers.md says why
this, not a client library). Every call goes through `Client.call`, which waits and retries as
GitHub's rate-limit headers say, up to a cap, and turns a missing or under-scoped token into
one line naming the permission it needs.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

API_URL = "https://api.github.com"
# How long the client waits for one rate limit to lift, and how many times it retries a call.
LONGEST_WAIT = 15 * 60.0
RETRIES = 5
# GitHub's advice when a secondary limit gives no retry-after: wait at least a minute.
SECONDARY_WAIT = 60.0
TIMEOUT = 30.0


class GitHubError(Exception):
    """A call GitHub refused or could not answer, in one line."""


class TokenProblem(GitHubError):
    """No token, or one without the permission a call needs: the whole command stops."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: Any


def token_from(env: Mapping[str, str]) -> str:
    return env.get("GITHUB_TOKEN") or env.get("GH_TOKEN") or ""


def graphql_url(api_url: str) -> str:
    """GitHub's GraphQL address for a REST base: /graphql on github.com, /api/graphql on a server."""
    base = api_url.rstrip("/")
    return base.removesuffix("/v3") + "/graphql" if base.endswith("/api/v3") else base + "/graphql"


@dataclass
class Client:
    token: str
    api_url: str = API_URL
    # injected by the tests, which do not sleep
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    calls: int = 0
    waited: float = 0.0
    needs: str = field(default="read")  # what the token is for, named when it is refused

    @classmethod
    def from_environment(cls, env: Mapping[str, str] = os.environ, **options: Any) -> Client:
        return cls(token_from(env), env.get("GITHUB_API_URL") or API_URL, **options)

    def call(self, method: str, path: str, payload: Any = None) -> Reply:
        """One REST call (or GraphQL, with path "graphql"), retried while rate-limited."""
        url = graphql_url(self.api_url) if path == "graphql" else self.api_url.rstrip("/") + path
        data = None if payload is None else json.dumps(payload).encode()
        for _attempt in range(RETRIES + 1):
            reply = self._send(method, url, data)
            wait = self._rate_limit_wait(reply)
            if wait is None:
                return reply
            if wait > LONGEST_WAIT or self.waited + wait > LONGEST_WAIT * 2:
                msg = (
                    f"GitHub's rate limit holds for {round(wait)} more seconds, longer than this command "
                    f"waits ({round(LONGEST_WAIT)} s): run it again later."
                )
                raise GitHubError(msg)
            self.waited += wait
            self.sleep(wait)
        msg = f"GitHub still refuses {method} {path} for its rate limit after {RETRIES} retries: run it again later."
        raise GitHubError(msg)

    def graphql(self, query: str, variables: Mapping[str, Any]) -> dict[str, Any]:
        """The reply's `data` and `errors` (GitHub answers 200 with errors for parts of a query)."""
        reply = self.call("POST", "graphql", {"query": query, "variables": dict(variables)})
        self.check(reply)
        body = reply.body if isinstance(reply.body, dict) else {}
        errors = body.get("errors") or []
        if body.get("data") is None:
            messages = "; ".join(str(error.get("message", error)) for error in errors) or "no data"
            if any(error.get("type") in ("FORBIDDEN", "INSUFFICIENT_SCOPES") for error in errors):
                raise TokenProblem(self.scope_message(messages))
            msg = f"GitHub's GraphQL API answered with errors: {messages}"
            raise GitHubError(msg)
        return body

    def check(self, reply: Reply) -> None:
        if reply.status == 401:
            raise TokenProblem(self.scope_message("GitHub refused the token (401)"))
        if reply.status == 403:
            raise TokenProblem(self.scope_message(_message(reply)))
        if reply.status >= 400:
            msg = f"GitHub answered {reply.status}: {_message(reply)}"
            raise GitHubError(msg)

    def scope_message(self, why: str) -> str:
        needs = (
            "read access to the organisation's repositories (a classic token's `repo` scope, or a "
            "fine-grained token's Metadata and Contents read)"
            if self.needs == "read"
            else "to run the repositories' workflows (a classic token's `repo` and `workflow` scopes, "
            "or a fine-grained token's Actions write)"
        )
        if not self.token:
            return f"Set GITHUB_TOKEN (or GH_TOKEN) to a token with {needs}."
        return f"{why}: GITHUB_TOKEN needs {needs}."

    def _send(self, method: str, url: str, data: bytes | None) -> Reply:
        if not self.token:
            raise TokenProblem(self.scope_message(""))
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        self.calls += 1
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                status, headers, raw = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, raw = error.code, error.headers, error.read()
        except OSError as error:
            msg = f"Cannot reach GitHub at {url}: {error}"
            raise GitHubError(msg) from error
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        return Reply(status, {key.lower(): value for key, value in headers.items()}, body)

    def _rate_limit_wait(self, reply: Reply) -> float | None:
        """Seconds to wait before retrying, or None when the reply is not a rate limit."""
        limited = reply.status in (403, 429) or (reply.status == 200 and _graphql_rate_limited(reply.body))
        if not limited:
            return None
        if "retry-after" in reply.headers:  # a secondary limit
            return float(reply.headers["retry-after"])
        if reply.headers.get("x-ratelimit-remaining") == "0":  # the primary limit, until its reset
            return max(0.0, float(reply.headers.get("x-ratelimit-reset", "0")) - self.clock()) + 1
        if reply.status == 429 or "secondary rate limit" in _message(reply).lower():
            return SECONDARY_WAIT
        return None


def _graphql_rate_limited(body: Any) -> bool:
    errors = body.get("errors") if isinstance(body, dict) else None
    return any(isinstance(error, dict) and error.get("type") == "RATE_LIMITED" for error in errors or [])


def _message(reply: Reply) -> str:
    if isinstance(reply.body, dict):
        return str(reply.body.get("message", "")) or json.dumps(reply.body)[:200]
    return str(reply.body or "")[:200]
