# /// script
# requires-python = ">=3.11"
# dependencies = ["copier>=9.8"]
# ///
"""Keep the project on its template's newest release: the template-update workflow runs

    uv run --script .github/scripts/template_update.py               # an issue's body
    uv run --script .github/scripts/template_update.py issue BODY    # open or refresh it
    uv run --script .github/scripts/template_update.py update FOLDER  # apply and commit
    uv run --script .github/scripts/template_update.py pull-request FOLDER  # push, open

Each says nothing and changes nothing when the project follows the newest release. `update`
runs `copier update --trust`, which runs the template's tasks, so the workflow gives it no
token; it leaves the commit (as a git bundle), the pull request's text and the issue's (for
a repository without the app) in FOLDER. `issue` and `pull-request` call GitHub's API at
GITHUB_API_URL for GITHUB_REPOSITORY with GITHUB_TOKEN, and `pull-request` pushes the branch
to TEMPLATE_UPDATE_REMOTE.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import yaml

ANSWERS = Path(".copier-answers.yml")
BRANCH = "template-update"
ISSUE_TITLE = "Project template update available"
RELEASE_HEADING = re.compile(r"^## \[?v?(\d+(?:\.\d+)*)\]?", re.MULTILINE)
CONFLICT_MARKER = re.compile(rb"^<<<<<<< ", re.MULTILINE)
SHORTHANDS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}
# GitHub shows commits from this address as made by its github-actions bot.
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
AS_BOT = ["-c", "user.name=github-actions[bot]", "-c", f"user.email={BOT_EMAIL}"]


def _version(text: str) -> tuple[int, ...]:
    # A project rendered from a commit, not a release (before the template's first release, say)
    # follows what copier reports as 0.0.0.post1.dev0+COMMIT: the release numbers come first.
    release = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(part) for part in release.group().split(".")) if release else ()


def _follows(version: str) -> str:
    """What the project follows, in words: a release, or the commit copier rendered."""
    release, _, commit = version.partition("+")
    return f"commit {commit}" if commit else release


def clone_url(source: str) -> str:
    """The template's address as git understands it (copier also takes gh:, gl:, git+)."""
    for shorthand, host in SHORTHANDS.items():
        if source.startswith(shorthand):
            return host + source.removeprefix(shorthand).removesuffix(".git") + ".git"
    return source.removeprefix("git+")


def changelog_at(source: str, version: str) -> str:
    """The template's CHANGELOG.md as released in `version` (empty if it has none)."""
    with tempfile.TemporaryDirectory() as clone:
        shallow_clone = ["git", "clone", "--quiet", "--depth=1", f"--branch=v{version}"]
        subprocess.run([*shallow_clone, clone_url(source), clone], check=True)
        changelog = Path(clone, "CHANGELOG.md")
        return changelog.read_text(encoding="utf-8") if changelog.is_file() else ""


def releases_between(changelog: str, current: str, latest: str) -> str:
    """The changelog's sections for the releases after `current` up to `latest`."""
    headings = list(RELEASE_HEADING.finditer(changelog))
    sections = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        if _version(current) < _version(heading.group(1)) <= _version(latest):
            end = following.start() if following else len(changelog)
            sections.append(changelog[heading.start() : end].strip())
    return "\n\n".join(sections)


def newer_release() -> dict[str, str] | None:
    """The newest release, what the project follows and what the releases between change."""
    if not ANSWERS.is_file():
        return None  # not rendered by copier (the template collection itself, for one)
    check = [sys.executable, "-m", "copier", "check-update", "--output-format", "json"]
    checked = subprocess.run(check, capture_output=True, text=True, check=True)
    status = json.loads(checked.stdout)
    if not status["update_available"]:
        return None
    current, latest = str(status["current_version"]), str(status["latest_version"])
    source = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["_src_path"]
    changes = releases_between(changelog_at(source, latest), current, latest)
    changes = changes or "The template's changelog does not describe these releases."
    follows = _follows(current)
    return {"latest": latest, "current": follows, "changes": changes, "source": source}


def docs_link(source: str) -> str:
    """Where the template's docs/updating.md explains update pull requests."""
    page = "docs/updating.md"
    url = clone_url(source)
    if url.startswith("https://github.com/"):
        return f"[{page}]({url.removesuffix('.git')}/blob/HEAD/{page}#updates-arrive-as-pull-requests)"
    return f"{page} (in `{source}`)"


ISSUE = """\
The project template has a newer release: **{latest}** (this project follows {current}).

To apply it, on a clean work tree:

```console
uvx copier update --trust --defaults
```

(`--defaults` keeps the answers recorded in `.copier-answers.yml`; leave it out to review
each of them.) Then resolve any conflicts (`<<<<<<< before updating` … `>>>>>>> after updating`,
and any `.rej` files), run `uvx nox`, and commit. Your own edits are kept; pre-commit refuses
leftover conflict markers.

This issue becomes a pull request with the update applied, which the project's CI checks, once
the organisation gives this workflow a GitHub App: see "Updates arrive as pull requests" in the
template's {docs}.

## What changes

{changes}
"""

PULL_REQUEST = """\
This applies the project template's release **{latest}** (this project follows {current})
with `copier update --trust --defaults`, keeping your own edits. Each run of the weekly
template-update workflow makes this branch again from the default branch and rewrites this
text, so merge it before the next one: a run replaces commits pushed here.
{conflicts}
## What changes

{changes}
"""

CONFLICTS = """
## Conflicts

The template and this project both changed these files: resolve each on this branch (keep the
lines you want and delete the markers `<<<<<<< before updating` … `>>>>>>> after updating`;
apply a `.rej` file's change by hand, then delete it), then mark the pull request ready for
review.

{files}
"""


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], stdout=subprocess.PIPE, text=True, check=True)
    return done.stdout


def conflicted_files() -> list[str]:
    """The staged files with conflict markers, and the changes copier could not place."""
    staged = git("diff", "--cached", "--name-only", "--diff-filter=d", "-z").split("\0")
    return [
        path
        for path in filter(None, staged)
        if path.endswith(".rej") or CONFLICT_MARKER.search(Path(path).read_bytes())
    ]


def issue_body(release: dict[str, str]) -> str:
    return ISSUE.format(docs=docs_link(release["source"]), **release)


def update(folder: Path) -> None:
    """Apply the newest release on a branch and commit it, conflicts and all."""
    release = newer_release()
    if release is None:
        return
    base = git("branch", "--show-current").strip()
    start = git("rev-parse", "HEAD").strip()
    git("switch", "--quiet", "--force-create", BRANCH)
    copier_update = ["copier", "update", "--trust", "--defaults", "--quiet"]
    subprocess.run([sys.executable, "-m", *copier_update], check=True)
    git("add", "--all")
    conflicts = conflicted_files()
    title = f"Update the project template to {release['latest']}"
    git(*AS_BOT, "commit", "--quiet", "--message", title)
    folder.mkdir(parents=True, exist_ok=True)
    # A bundle is a repository in one file: the new commit, for the job that pushes it.
    bundle = str(folder / "update.bundle")
    git("bundle", "create", "--quiet", bundle, f"{start}..{BRANCH}")
    listed = "".join(f"- `{path}`\n" for path in conflicts)
    listed = CONFLICTS.format(files=listed) if conflicts else ""
    body = PULL_REQUEST.format(conflicts=listed, **release)
    proposal = {
        "title": title,
        "body": body,
        "head": BRANCH,
        "base": base,
        "draft": bool(conflicts),  # until a person resolves them
    }
    (folder / "pull-request.json").write_text(json.dumps(proposal), encoding="utf-8")
    (folder / "issue.md").write_text(issue_body(release), encoding="utf-8")


def github(method: str, url: str, payload: object = None) -> Any:
    """Call GitHub's API with the token in GITHUB_TOKEN; return what it answers."""
    token = os.environ["GITHUB_TOKEN"]
    request = urllib.request.Request(
        url if url.startswith("http") else os.environ["GITHUB_API_URL"] + url,
        method=method,
        data=None if payload is None else json.dumps(payload).encode(),
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def set_draft(pull: dict[str, Any], draft: bool) -> None:
    """Only GitHub's GraphQL API turns a pull request into a draft and back."""
    change = "convertPullRequestToDraft" if draft else "markPullRequestReadyForReview"
    query = "mutation($id: ID!) { CHANGE(input: {pullRequestId: $id}) { clientMutationId } }"
    asked = {
        "query": query.replace("CHANGE", change),
        "variables": {"id": pull["node_id"]},
    }
    answer = github("POST", os.environ["GITHUB_GRAPHQL_URL"], asked)
    if answer.get("errors"):
        message = f"{change}: {answer['errors']}"
        raise RuntimeError(message)


def push(folder: Path) -> None:
    """Replace the branch on TEMPLATE_UPDATE_REMOTE with the commit `update` made."""
    git("fetch", "--quiet", str(folder / "update.bundle"), BRANCH)
    # git gets the token in its environment, where no list of processes shows it.
    login = base64.b64encode(f"x-access-token:{os.environ['GITHUB_TOKEN']}".encode())
    header = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraHeader"}
    header["GIT_CONFIG_VALUE_0"] = f"Authorization: Basic {login.decode()}"
    remote, branch = os.environ["TEMPLATE_UPDATE_REMOTE"], f"refs/heads/{BRANCH}"
    replace = ["git", "push", "--quiet", "--force", remote, f"FETCH_HEAD:{branch}"]
    subprocess.run(replace, check=True, env={**os.environ, **header})


def pull_request(folder: Path) -> None:
    """Push the update, then open its pull request or refresh the open one."""
    proposal = json.loads((folder / "pull-request.json").read_text(encoding="utf-8"))
    push(folder)
    pulls = f"/repos/{os.environ['GITHUB_REPOSITORY']}/pulls"
    owner = os.environ["GITHUB_REPOSITORY"].partition("/")[0]
    open_pulls = github("GET", f"{pulls}?state=open&head={owner}:{BRANCH}")
    if not open_pulls:
        github("POST", pulls, proposal)
        return
    pull = open_pulls[0]
    edit = {key: proposal[key] for key in ("title", "body", "base")}
    github("PATCH", f"{pulls}/{pull['number']}", edit)
    if pull["draft"] != proposal["draft"]:
        set_draft(pull, proposal["draft"])


def issue(body: Path) -> None:
    """Open the issue, or refresh the open one, with the body in `body`."""
    repository = os.environ["GITHUB_REPOSITORY"]
    query = f'repo:{repository} is:issue is:open in:title "{ISSUE_TITLE}"'
    found = github("GET", f"/search/issues?q={urllib.parse.quote(query)}")["items"]
    numbers = [item["number"] for item in found if item["title"] == ISSUE_TITLE]
    text = body.read_text(encoding="utf-8")
    if numbers:
        github("PATCH", f"/repos/{repository}/issues/{numbers[0]}", {"body": text})
    else:
        issues = f"/repos/{repository}/issues"
        github("POST", issues, {"title": ISSUE_TITLE, "body": text})


def main(args: list[str]) -> None:
    match args:
        case []:
            release = newer_release()
            if release is not None:
                sys.stdout.write(issue_body(release))
        case ["issue", body]:
            issue(Path(body))
        case ["update", folder]:
            update(Path(folder))
        case ["pull-request", folder]:
            pull_request(Path(folder))
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
