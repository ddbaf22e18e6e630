# /// script
# requires-python = ">=3.11"
# dependencies = ["copier==9.19.1", "python-project-templates"]
#
# [tool.uv.sources]  # the collection this script is in, for its `hooks` package
# python-project-templates = { path = "..", editable = true }
# ///
"""Turn a repository made with GitHub's "Use this template" button into a project.

    uv run --script hooks/use_this_template.py

`.github/workflows/setup.yml` runs this in a checkout of the new repository, whose one commit
is a copy of the template collection. It renders one kind of project with copier, as if copied
from the upstream collection's current release, runs the project's tests, and pushes the
project as one commit whose tree is exactly what copier rendered: the collection (this script
and setup.yml included) is gone and `.copier-answers.yml` is there, so `copier update` works.

Where there is nothing to set up it prints one `::notice::` line and exits 0; where it cannot
set up, one `::error::` line and exits 1. Either way the repository is left as it was.

It reads everything from the environment the workflow provides:

- GITHUB_EVENT_PATH: the event payload (the repository's name, description, owner and
  default branch; `inputs.kind` when the workflow is run by hand). A description starting with
  `[KIND]` picks the kind in GitHub's own form, where there is no other place for it;
- TEMPLATE_REPOSITORY, OWNER_NAME: what GitHub's API says (the repository this one was made
  from, the owner's display name), asked by the workflow's previous step;
- GITHUB_TOKEN: for `git ls-remote` and `git push` only, never passed to copier or the project;
- GITHUB_SERVER_URL and GITHUB_STEP_SUMMARY, as GitHub sets them.

Standard library only; copier, uv and git run as subprocesses (copier through the Python that
`uv run --script` provides with the dependency above).
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.answers import NAME_LIMIT, ascii_name, problem, problems
from hooks.organisation import load_source

ROOT = Path(__file__).resolve().parent.parent  # the checkout: the collection, as GitHub copied it

WORKFLOWS = ".github/workflows"
SETUP_WORKFLOW = f"{WORKFLOWS}/setup.yml"
# The collection's own workflows, which no project has: the setup push deletes them.
COLLECTION_WORKFLOWS = (SETUP_WORKFLOW, f"{WORKFLOWS}/release.yml", f"{WORKFLOWS}/fleet.yml")
ANSWERS_FILE = ".copier-answers.yml"
# The identity GitHub itself gives commits made by workflows.
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
# The workflow's `kind` input when nobody picked a kind.
AUTO = "auto"
# The characters hooks/answers.py refuses in one line of text.
NOT_IN_ONE_LINE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
# The token may push to the repository: the rendered project's code (its tests) never sees it.
SECRETS = ("GITHUB_TOKEN", "GH_TOKEN")
HOW_TO_RETRY = (
    "rename the repository (Settings, General, Repository name) or pick another kind, then run "
    "this workflow by hand (Actions, Set up the project, Run workflow), choosing the kind there"
)


def annotation(level: str, text: str) -> str:
    """A GitHub workflow command: one line, with GitHub's escapes for what would end it."""
    return f"::{level}::" + text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class Stop(Exception):
    """Stop here, having changed nothing, and say why in one line."""

    level = "error"
    exit_code = 1


class NothingToDo(Stop):
    level = "notice"
    exit_code = 0


@dataclass(frozen=True)
class NewRepository:
    """What GitHub says about the repository being set up."""

    name: str
    description: str
    owner_login: str
    owner_id: int | None
    owner_name: str  # the display name; empty when the owner has none
    default_branch: str
    is_template: bool
    fork: bool
    template: str  # "owner/name" of the repository it was made from; empty when none
    kind_input: str  # empty, or AUTO, when nobody picked a kind
    kind_marker: str = ""  # the description's leading "[KIND]", taken out of `description`

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> NewRepository:
        event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text("utf-8"))
        repository = event["repository"]
        owner = repository["owner"]
        kind_marker, description = split_marker(repository.get("description") or "")
        return cls(
            name=repository["name"],
            description=description,
            owner_login=owner["login"],
            owner_id=owner.get("id"),
            # not owner["name"]: in push payloads that is the login again
            owner_name=env.get("OWNER_NAME", ""),
            default_branch=repository["default_branch"],
            is_template=bool(repository.get("is_template")),
            fork=bool(repository.get("fork")),
            template=env.get("TEMPLATE_REPOSITORY", ""),
            kind_input=(event.get("inputs") or {}).get("kind") or "",
            kind_marker=kind_marker,
        )


def split_marker(description: str) -> tuple[str, str]:
    """A description's leading `[KIND]` marker ("" when it starts otherwise) and the rest of it.

    Whatever a leading `[` opens is a marker, closed or not: a mistyped kind is then refused,
    not kept as text while another kind is set up, which only a new repository would undo.
    """
    found = re.match(r"\s*(\[[^\]]*\]|\[\S*)\s*", description)
    if found is None:
        return "", description
    return found.group(1), description[found.end() :]


# --- Is there anything to set up? ---------------------------------------------------------


def reason_to_do_nothing(repository: NewRepository) -> str | None:
    """Why this checkout needs no setup, or None when it does."""
    if repository.is_template:
        return "This is the template collection itself: nothing to set up."
    if repository.fork:
        return "This repository is a fork: only repositories made with Use this template get set up."
    if not repository.template:
        return (
            "GitHub reports no template repository for this repository, so it was not made with "
            "Use this template: nothing to set up. (In the template collection itself, tick "
            "Settings, General, Template repository.)"
        )
    if (ROOT / ANSWERS_FILE).is_file():
        return f"Already set up ({ANSWERS_FILE} is here): nothing to do."
    if not (ROOT / SETUP_WORKFLOW).is_file():
        return f"Already set up ({SETUP_WORKFLOW} is gone): nothing to do."
    return None


def check_branch_is_where_this_run_started(branch: str, token: str, server_url: str) -> None:
    """A re-run of the first run, after setup pushed, finds the branch moved on: do nothing."""
    here = git("rev-parse", "HEAD").strip()
    listed = git("ls-remote", "origin", f"refs/heads/{branch}", env=authenticated(token, server_url))
    there = listed.split()[0] if listed else ""
    if there != here:
        msg = (
            f"{branch} is at {there[:7] or 'nothing'}, not at this run's commit {here[:7]}: the repository "
            "was set up already, or the run for its newest commit sets it up. Nothing done."
        )
        raise NothingToDo(msg)


# --- The answers ----------------------------------------------------------------------------


def release_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        version: str = tomllib.load(file)["project"]["version"]
    return version


def slug(name: str) -> str:
    """The project_slug default of templates/questions.toml, applied to a repository name."""
    return ascii_name(name, "-", NAME_LIMIT)


def one_line(text: str) -> str:
    """A description made one line, as a project's must be: its lines joined with spaces.

    GitHub's API accepts line breaks (and other control characters) in a description.
    """
    return re.sub(rf"\s*{NOT_IN_ONE_LINE}+\s*", " ", text).strip()


def marked_kind(marker: str, kinds: Mapping[str, Any]) -> str:
    """The kind a description's marker names, read leniently (`[Click App]` is click-app)."""
    named = re.sub(r"[\s_]+", "-", marker[1:-1].strip().lower()) if marker.endswith("]") else ""
    if named not in kinds:
        markers = ", ".join(f"[{kind}]" for kind in kinds)
        msg = (
            f"The description starts with {marker}, which names no kind: start it with one of {markers}. "
            "Nothing was changed: edit the description (the gear beside About on the repository's page), "
            "then run this workflow by hand (Actions, Set up the project, Run workflow)."
        )
        raise Stop(msg)
    return named


def choose_kind(requested: str, name: str, kinds: Mapping[str, Any], marker: str = "") -> tuple[str, str]:
    """The kind to render, and why: the one picked by hand, else the description's marker, else
    by the repository's name (a kind's `name_prefix`). A marker naming no kind stops the setup even when a kind is picked
    by hand: a leading `[` is always a marker, so the description never keeps a mistyped one."""
    marked = marked_kind(marker, kinds) if marker else ""
    if requested and requested != AUTO:
        if requested not in kinds:
            msg = f'Unknown kind "{requested}": choose one of {", ".join(kinds)}. Nothing was changed.'
            raise Stop(msg)
        return requested, "picked when the workflow was run"
    if marked:
        return marked, f"the description starts with {marker}"
    prefixes = {kind: f"{meta['name_prefix']}-" for kind, meta in kinds.items() if meta.get("name_prefix")}
    for kind, prefix in prefixes.items():
        if slug(name).startswith(prefix):
            return kind, f"the repository's name starts with {prefix}"
    # the first kind whose names need no prefix: questions.toml lists the library first
    default = next(kind for kind in kinds if kind not in prefixes)
    return (
        default,
        f"the default for a repository whose name does not start with {' or '.join(prefixes.values())}",
    )


def author(repository: NewRepository) -> tuple[str, str]:
    """The owner's display name (or login) and GitHub's no-reply address for the owner."""
    name = one_line(repository.owner_name)
    if not name or problem("author_name", name, {}) is not None:
        name = repository.owner_login  # no display name, or one that is not a valid answer
    login = repository.owner_login
    email = f"{repository.owner_id}+{login}" if repository.owner_id is not None else login
    return name, f"{email}@users.noreply.github.com"


def answers_for(repository: NewRepository, kind: str, source: dict[str, Any]) -> dict[str, str]:
    """copier's answers: what GitHub knows about the repository, the rest left to defaults."""
    project_slug = slug(repository.name)
    author_name, author_email = author(repository)
    answers = {
        "project_name": repository.name,
        # stated, not left to copier's defaults, so that what is checked below is what renders
        "project_slug": project_slug,
        "module_name": project_slug.replace("-", "_"),
        "description": one_line(repository.description) or source["kinds"][kind]["description"],
        "author_name": author_name,
        "author_email": author_email,
        "github_owner": repository.owner_login,
    }
    if kind in source["questions"]["command_name"].get("kinds", source["kinds"]):
        answers["command_name"] = project_slug[:40].rstrip("-")  # its default in templates/questions.toml
    return answers


def check_answers(answers: Mapping[str, str], kind: str, source: dict[str, Any], name: str) -> None:
    """Refuse, with the hooks' own complaints, what copier's validators would refuse."""

    def choices(question: str) -> list[str]:
        listed = source["questions"][question]["choices"]
        return source[listed] if isinstance(listed, str) else listed

    found = problems(answers, {"min_python": choices("min_python"), "license": choices("license")}, kind)
    if found:
        msg = (
            f'The repository name "{name}" does not make a valid {kind} project '
            f"({'; '.join(found)}). Nothing was changed: {HOW_TO_RETRY}."
        )
        raise Stop(msg)


# --- Render, check, test, commit, push ----------------------------------------------------


def environment(**extra: str) -> dict[str, str]:
    """This process's environment for a subprocess: without the token, and outside the uv
    environment this script runs in (the project's tests make their own)."""
    env = {key: value for key, value in os.environ.items() if key not in (*SECRETS, "VIRTUAL_ENV")}
    env.update(extra)
    return env


def git_config(**settings: str) -> dict[str, str]:
    """git settings for one command, passed in the environment (kept off command lines)."""
    env = {"GIT_CONFIG_COUNT": str(len(settings))}
    for index, (key, value) in enumerate(settings.items()):
        env |= {f"GIT_CONFIG_KEY_{index}": key, f"GIT_CONFIG_VALUE_{index}": value}
    return env


def authenticated(token: str, server_url: str) -> dict[str, str]:
    """An environment in which git talks to GitHub with the token, as actions/checkout would.

    The checkout keeps no credentials (persist-credentials: false); only these commands get them.
    """
    if not token:
        return environment()
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    header = {f"http.{server_url}/.extraheader": f"AUTHORIZATION: basic {basic}"}
    return environment(**git_config(**header))


def git(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env=environment() if env is None else env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)  # all of it in the log; its last line in the error
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        msg = f"git {args[0]} failed ({detail}). Nothing was pushed."
        raise Stop(msg)
    return result.stdout


def render(kind: str, answers: Mapping[str, str], upstream: str, tag: str, workdir: Path) -> Path:
    """Render with copier into `workdir`, exactly as a copy of `upstream` at `tag` would.

    copier records where the template came from (`_src_path`) and the tag of the commit it
    rendered (`_commit`). So it clones this checkout under the upstream URL (git's
    url.insteadOf) and finds the checkout's commit tagged with the release: the answers file
    is copier's own, naming what `copier update` needs later. copier keeps clones of remote
    templates in a cache by URL; a cache of its own here keeps any other clone of `upstream`
    out. --skip-tasks: the template's one task makes a new git repository, and this one exists.
    """
    mirror = workdir / "collection.git"
    git("clone", "--quiet", "--bare", str(ROOT), str(mirror))
    git("tag", "--force", tag, "HEAD", cwd=mirror)
    project = workdir / "project"
    data = [item for key, value in {"kind": kind, **answers}.items() for item in ("--data", f"{key}={value}")]
    result = subprocess.run(
        [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", "--skip-tasks",
         f"--vcs-ref={tag}", *data, upstream, str(project)],
        env=environment(
            COPIER_CACHE_DIR=str(workdir / "copier-cache"),
            **git_config(**{f"url.{mirror}.insteadOf": upstream}),
        ),
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        msg = f"copier could not render the {kind} template ({detail}). Nothing was pushed."
        raise Stop(msg)
    return project


def stage(project: Path, workdir: Path) -> str:
    """Record every rendered file, as rendered, in a git tree of the checkout's repository.

    A separate index leaves the checkout's own index and work tree alone; --force adds files
    a .gitignore would skip, since the tree must be exactly what copier rendered.
    """
    env = environment(GIT_INDEX_FILE=str(workdir / "index"))
    repository = ["--git-dir", git("rev-parse", "--absolute-git-dir").strip(), "--work-tree", str(project)]
    git(*repository, "add", "--all", "--force", ".", cwd=project, env=env)
    return git(*repository, "write-tree", cwd=project, env=env).strip()


def workflow_files(tree: str) -> dict[str, str]:
    """The files below .github/workflows/ in a tree: path -> mode and blob."""
    listing = git("ls-tree", "-r", "-z", tree, "--", f"{WORKFLOWS}/")
    entries = (entry.split("\t", 1) for entry in listing.split("\0") if entry)
    return {path: mode_type_blob for mode_type_blob, path in entries}


def check_workflows_unchanged(tree: str) -> None:
    """GitHub refuses a push by this workflow's token that creates or changes a workflow file.

    (The token has no `workflows` permission; deleting the collection's own, setup.yml and
    release.yml, is allowed.) Stop before anything changes rather than have the push refused.
    """
    before = workflow_files("HEAD")
    for own in COLLECTION_WORKFLOWS:
        before.pop(own, None)
    after = workflow_files(tree)
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if changed:
        msg = (
            f"The rendered project's workflows differ from this repository's ({', '.join(changed)}), and "
            "GitHub refuses a workflow's push that creates or changes workflow files (its token has no "
            "workflows permission), so nothing was changed. The collection's own .github/workflows/ must "
            "be the same bytes as the templates' (`nox -s assemble` there); or set this repository up "
            "by hand with `uvx copier copy --trust`."
        )
        raise Stop(msg)


def run_tests(project: Path) -> None:
    """A push made with the workflow's token starts no workflow, so CI would not test this
    commit: run the project's tests here, and push only a project that passes them."""
    print("::group::The project's tests (uv run pytest)", flush=True)
    result = subprocess.run(["uv", "run", "pytest"], cwd=project, env=environment(), check=False)
    print("::endgroup::", flush=True)
    if result.returncode != 0:
        msg = "The rendered project's tests failed (see the log above). Nothing was pushed."
        raise Stop(msg)


def commit(tree: str, message: str) -> str:
    """The setup commit: the rendered tree, on top of the commit GitHub made."""
    env = environment(
        GIT_AUTHOR_NAME=BOT_NAME,
        GIT_AUTHOR_EMAIL=BOT_EMAIL,
        GIT_COMMITTER_NAME=BOT_NAME,
        GIT_COMMITTER_EMAIL=BOT_EMAIL,
    )
    return git("commit-tree", "--no-gpg-sign", tree, "-p", "HEAD", "-m", message, env=env).strip()


def push(new_commit: str, branch: str, token: str, server_url: str) -> None:
    # Not forced: if the branch moved meanwhile, git refuses and nothing changes.
    refspec = f"{new_commit}:refs/heads/{branch}"
    git("push", "--quiet", "origin", refspec, env=authenticated(token, server_url))


# --- The run --------------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Text shown as is in Markdown: every ASCII punctuation character backslash-escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def summary(repository: NewRepository, kind: str, why: str, answers: Mapping[str, str], version: str) -> str:
    """The run's summary page: what was set up, with which answers, and what comes next."""
    rows = "\n".join(f"| `{key}` | {markdown_text(value)} |" for key, value in answers.items())
    return f"""\
## Set up {markdown_text(repository.name)} from the {kind} template (templates v{version})

The kind: **{kind}**, {why}.

| answer | value |
| --- | --- |
{rows}

Pull (or clone again) to get the project. This commit was tested here; CI runs from your next
push (or run it now: Actions, CI, Run workflow). `uvx copier update --trust` brings in later
template releases.
"""


def set_up(env: Mapping[str, str]) -> str:
    """Set the repository up; return what was done."""
    repository = NewRepository.from_environment(env)
    reason = reason_to_do_nothing(repository)
    if reason:
        raise NothingToDo(reason)
    token, server_url = env.get("GITHUB_TOKEN", ""), env.get("GITHUB_SERVER_URL", "https://github.com")
    check_branch_is_where_this_run_started(repository.default_branch, token, server_url)

    source = load_source()
    kind, why = choose_kind(repository.kind_input, repository.name, source["kinds"], repository.kind_marker)
    answers = answers_for(repository, kind, source)
    check_answers(answers, kind, source, repository.name)
    version = release_version()

    with tempfile.TemporaryDirectory(prefix="setup-") as temporary:
        workdir = Path(temporary)
        project = render(kind, answers, f"{server_url}/{repository.template}.git", f"v{version}", workdir)
        tree = stage(project, workdir)  # before the tests leave their files in the project
        check_workflows_unchanged(tree)
        run_tests(project)
        message = f"Set up {repository.name} from the {kind} template (templates v{version})"
        new_commit = commit(tree, message)
        push(new_commit, repository.default_branch, token, server_url)

    if env.get("GITHUB_STEP_SUMMARY"):
        with Path(env["GITHUB_STEP_SUMMARY"]).open("a", encoding="utf-8") as file:
            file.write(summary(repository, kind, why, answers, version))
    return f"{message}: pushed {new_commit[:7]} to {repository.default_branch} (the kind: {why})."


def main() -> int:
    try:
        done = set_up(os.environ)
    except Stop as stop:
        print(annotation(stop.level, str(stop)), flush=True)
        return stop.exit_code
    print(annotation("notice", done), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
