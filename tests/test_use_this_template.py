"""GitHub's "Use this template" button: the setup workflow turns the new repository into a project.

GitHub is simulated. A copy of this collection is the new repository's "Initial commit", in a
local bare repository (GitHub's side, `origin`), checked out one commit deep as actions/checkout
does. The workflow's last step runs there, read from .github/workflows/setup.yml, with the
environment and event payload GitHub gives it; each test then looks at what reached `origin`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from answer_sets import asked_by, kind_field, name_prefix, unprefixed_kind, with_prefix
from rendering import (
    KINDS,
    ROOT,
    SOURCE,
    copy_of_collection,
    fresh_clone,
    git,
    markdown_shows,
    run,
    script_metadata,
    tree,
)

from hooks import use_this_template as script
from hooks.answers import KIND_RULES, problem

SETUP_WORKFLOW = ROOT / ".github" / "workflows" / "setup.yml"
# What a repository whose name starts with no kind's name_prefix becomes
DEFAULT_KIND = unprefixed_kind()
TEMPLATE_REPOSITORY = "ORG/templates"
UPSTREAM = f"https://github.com/{TEMPLATE_REPOSITORY}.git"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
OWNER = "zoe-dev"
OWNER_ID = 583231
BOT = "github-actions[bot]\x0041898282+github-actions[bot]@users.noreply.github.com"
# What a shell, YAML, TOML, Markdown or Jinja would not leave alone.
HOSTILE = 'Zoë\'s "quoted" \\ $(touch pwned) `touch pwned` *.py {{ not Jinja }} ${{ github.token }} 🚀'


@dataclass(frozen=True)
class Scenario:
    """A new repository as GitHub describes it to the workflow."""

    name: str
    description: str | None = None
    owner_name: str = ""  # the display name the workflow asks the API for ("" when none)
    owner_id: int | None = OWNER_ID
    kind_input: str | None = None  # set: the workflow was run by hand with this kind
    is_template: bool = False
    fork: bool = False
    template: str = TEMPLATE_REPOSITORY  # what the API says the repository was made from

    def event(self, sha: str) -> dict[str, Any]:
        # In push payloads the owner's "name" is the login again, not the display name.
        owner = {"login": OWNER, "name": OWNER} | ({"id": self.owner_id} if self.owner_id else {})
        repository = {
            "name": self.name,
            "full_name": f"{OWNER}/{self.name}",
            "description": self.description,
            "owner": owner,
            "default_branch": "main",
            "is_template": self.is_template,
            "fork": self.fork,
        }
        if self.kind_input is None:
            return {"ref": "refs/heads/main", "before": "0" * 40, "after": sha, "repository": repository}
        return {"ref": "refs/heads/main", "inputs": {"kind": self.kind_input}, "repository": repository}


@dataclass(frozen=True)
class AwkwardRun:
    """A setup with names and text that need care, for any kind: the repository's name (after
    the kind's name_prefix, if it has one) and description (after its [KIND] marker, if any),
    and what the answers must make of them."""

    name: str
    slug: str  # the project's name made of `name`
    description: str
    described: str | None  # the project's description; None: the kind's own
    marked: bool  # the description starts with [KIND] even where the name picks the kind
    owner_name: str = ""
    owner_id: int | None = OWNER_ID


AWKWARD_RUNS = [
    AwkwardRun(
        "My.Lib",
        "my-lib",
        HOSTILE + "\nsecond line\r\n\tthird line ",
        HOSTILE + " second line third line",
        marked=False,
        owner_name=HOSTILE,
    ),
    # chosen in GitHub's form: the description is the marker alone, so the kind's own is used
    AwkwardRun("Demo_Thing", "demo-thing", "", None, marked=True, owner_id=None),
    AwkwardRun(
        "Hostile.Name",
        "hostile-name",
        "  [not, a, list] null: true # no comment",
        "[not, a, list] null: true # no comment",
        marked=True,
        owner_name="Ünal Öz",
    ),
]


def kind_run(kind: str) -> tuple[Scenario, dict[str, str]]:
    """The kind's one run, and the answers it must give. The kinds take turns at the awkward
    runs. The kind is chosen as in GitHub's form: by the name when it has a name_prefix or is the
    kind a name without any prefix gets, else by a description starting with [KIND]."""
    awkward = AWKWARD_RUNS[KINDS.index(kind) % len(AWKWARD_RUNS)]
    picked_by_name = bool(name_prefix(kind)) or kind == unprefixed_kind()
    marker = f"[{kind}]" if awkward.marked or not picked_by_name else ""
    scenario = Scenario(
        with_prefix(kind, awkward.name),
        description=marker + awkward.description,
        owner_name=awkward.owner_name,
        owner_id=awkward.owner_id,
    )
    slug = with_prefix(kind, awkward.slug)
    names = {"project_name": scenario.name, "project_slug": slug, "module_name": slug.replace("-", "_")}
    if kind in asked_by("command_name"):
        names["command_name"] = slug
    login = f"{awkward.owner_id}+{OWNER}" if awkward.owner_id else OWNER
    return scenario, {
        **names,
        "description": kind_field(kind, "description") if awkward.described is None else awkward.described,
        "author_name": awkward.owner_name or OWNER,
        "author_email": f"{login}@users.noreply.github.com",
        "github_owner": OWNER,
    }


# --- GitHub, simulated --------------------------------------------------------------------------


def setup_step() -> dict[str, Any]:
    """The workflow step that runs the script."""
    steps = yaml.safe_load(SETUP_WORKFLOW.read_text("utf-8"))["jobs"]["setup"]["steps"]
    (step,) = (step for step in steps if "use_this_template.py" in step.get("run", ""))
    return dict(step)


def _commit_all(repo: Path, message: str, *, amend: bool = False) -> None:
    git(repo, "add", "--all")
    author = ["-c", "user.name=Zoë Dev", "-c", f"user.email={OWNER_ID}+{OWNER}@users.noreply.github.com"]
    git(repo, *author, "commit", "--quiet", "--no-verify", "-m", message, *(["--amend"] if amend else []))


@pytest.fixture(scope="module")
def initial_commit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the button makes: the collection as it is here, as one "Initial commit"."""
    work = copy_of_collection(tmp_path_factory.mktemp("collection") / "collection")
    git(work.parent, "init", "--quiet", "--initial-branch=main", str(work))
    _commit_all(work, "Initial commit")
    return work


@pytest.fixture(scope="module")
def upstream(initial_commit: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection on GitHub, released: where copier update looks later."""
    released = tmp_path_factory.mktemp("upstream") / "templates.git"
    git(released.parent, "clone", "--quiet", "--bare", str(initial_commit), str(released))
    git(released, "tag", f"v{VERSION}")
    return released


@dataclass(frozen=True)
class NewRepository:
    origin: Path  # GitHub's copy
    checkout: Path  # the runner's
    summary: Path  # $GITHUB_STEP_SUMMARY

    def state(self) -> tuple[str, str, str]:
        """What must not change when setup stops: GitHub's refs, and the checkout."""
        return (
            git(self.origin, "for-each-ref", "--format=%(refname) %(objectname)"),
            git(self.checkout, "rev-parse", "HEAD"),
            git(self.checkout, "status", "--porcelain", "--untracked-files=all"),
        )


def new_repository(initial_commit: Path, where: Path, edit: Any = None) -> NewRepository:
    """A repository made from the collection; `edit(work_tree)` changes its initial commit."""
    source = initial_commit
    if edit is not None:
        source = where / "edited"
        git(where, "clone", "--quiet", str(initial_commit), str(source))
        edit(source)
        _commit_all(source, "Initial commit", amend=True)
    origin = where / "origin.git"
    git(where, "clone", "--quiet", "--bare", str(source), str(origin))
    checkout = where / "checkout"
    git(where, "clone", "--quiet", "--depth=1", "--branch=main", origin.as_uri(), str(checkout))
    return NewRepository(origin, checkout, where / "step_summary.md")


def run_setup(repository: NewRepository, scenario: Scenario) -> subprocess.CompletedProcess[str]:
    """The workflow's step, as the runner runs it."""
    step = setup_step()
    sha = git(repository.checkout, "rev-parse", "HEAD").strip()
    event = repository.checkout.parent / "event.json"
    event.write_text(json.dumps(scenario.event(sha)), "utf-8")
    github = {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "push" if scenario.kind_input is None else "workflow_dispatch",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_REPOSITORY": f"{OWNER}/{scenario.name}",
        "GITHUB_REPOSITORY_OWNER": OWNER,
        "GITHUB_REF": "refs/heads/main",
        "GITHUB_REF_NAME": "main",
        "GITHUB_SHA": sha,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_WORKSPACE": str(repository.checkout),
        "GITHUB_STEP_SUMMARY": str(repository.summary),
    }
    # the step's env:, with the values its expressions would have
    step_env = {
        "GITHUB_TOKEN": "ghs_not_a_real_token",
        "TEMPLATE_REPOSITORY": scenario.template,
        "OWNER_NAME": scenario.owner_name,
    }
    assert set(step["env"]) == set(step_env)
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    return run(command, cwd=repository.checkout, **github, **step_env)


def annotations(result: subprocess.CompletedProcess[str], level: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith(f"::{level}::")]


def pushed_history(repository: NewRepository) -> list[str]:
    return git(repository.origin, "log", "--format=%an%x00%ae%x00%cn%x00%ce%x00%s", "main").splitlines()


# --- One setup per kind, and every check on it ---------------------------------------------


@dataclass(frozen=True)
class SetUp:
    kind: str
    scenario: Scenario
    answers: dict[str, str]  # what it must give
    repository: NewRepository
    result: subprocess.CompletedProcess[str]
    pushed: Path  # a clone of what reached GitHub


class SetUps:
    """Each kind's setup, run once per test session (worker) and shared by every check on it."""

    def __init__(self, initial_commit: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._initial_commit = initial_commit
        self._tmp_path_factory = tmp_path_factory
        self._done: dict[str, SetUp] = {}

    def get(self, kind: str) -> SetUp:
        if kind not in self._done:
            scenario, answers = kind_run(kind)
            where = self._tmp_path_factory.mktemp(f"new-{kind}")
            repository = new_repository(self._initial_commit, where)
            result = run_setup(repository, scenario)
            assert result.returncode == 0, result.stdout + result.stderr
            pushed = fresh_clone(repository.origin, where / "pushed")
            self._done[kind] = SetUp(kind, scenario, answers, repository, result, pushed)
        return self._done[kind]


@pytest.fixture(scope="module")
def set_ups(initial_commit: Path, tmp_path_factory: pytest.TempPathFactory) -> SetUps:
    return SetUps(initial_commit, tmp_path_factory)


@pytest.fixture
def set_up(set_ups: SetUps, kind: str) -> SetUp:
    return set_ups.get(kind)


# Tests of a kind's setup: one xdist group per kind, so one worker sets it up for all of them.
each_kind = pytest.mark.parametrize(
    "kind", [pytest.param(kind, marks=pytest.mark.xdist_group(f"use-this-template-{kind}")) for kind in KINDS]
)


@each_kind
def test_setup_pushes_one_commit_by_github_actions(set_up: SetUp) -> None:
    history = pushed_history(set_up.repository)
    name = set_up.scenario.name
    assert history[0] == f"{BOT}\0{BOT}\0Set up {name} from the {set_up.kind} template (templates v{VERSION})"
    user = f"Zoë Dev\0{OWNER_ID}+{OWNER}@users.noreply.github.com"
    assert history[1:] == [f"{user}\0{user}\0Initial commit"]


def _rendered_names(kind: str, module_name: str) -> set[str]:
    """The files the kind's template renders, by rendered path."""
    template = ROOT / kind / "{{cookiecutter.project_slug}}"
    placeholders = {
        "{{cookiecutter.module_name}}": module_name,
        "{{cookiecutter.__answers}}": ".copier-answers.yml",
    }
    names = set()
    for path in template.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(template).as_posix()
            for placeholder, value in placeholders.items():
                name = name.replace(placeholder, value)
            names.add(name)
    return names


@each_kind
def test_the_pushed_tree_is_exactly_the_rendered_project(set_up: SetUp) -> None:
    pushed = tree(set_up.pushed)
    assert set(pushed) == _rendered_names(set_up.kind, set_up.answers["module_name"])
    assert ".github/workflows/setup.yml" not in pushed
    # the collection's own, deleted too
    assert ".github/workflows/release.yml" not in pushed
    assert ".github/workflows/fleet.yml" not in pushed
    assert not any(path.startswith(("templates/", "hooks/")) for path in pushed)
    # nothing ran the description as shell
    assert not (set_up.repository.checkout / "pwned").exists()
    assert git(set_up.repository.checkout, "status", "--porcelain", "--untracked-files=all") == ""


@each_kind
def test_answers_name_the_upstream_release(set_up: SetUp) -> None:
    recorded = yaml.safe_load((set_up.pushed / ".copier-answers.yml").read_text("utf-8"))
    assert recorded["_src_path"] == UPSTREAM
    assert recorded["_commit"] == f"v{VERSION}"
    assert recorded["kind"] == set_up.kind
    assert {key: recorded[key] for key in set_up.answers} == set_up.answers


@each_kind
def test_names_and_hostile_text_arrive_verbatim(set_up: SetUp) -> None:
    answers = set_up.answers
    metadata = tomllib.loads((set_up.pushed / "pyproject.toml").read_text("utf-8"))["project"]
    assert metadata["name"] == answers["project_slug"]
    assert metadata["description"] == answers["description"]
    assert metadata["authors"] == [{"name": answers["author_name"], "email": answers["author_email"]}]
    assert (set_up.pushed / "src" / answers["module_name"] / "__init__.py").is_file()
    assert answers["description"] in markdown_shows((set_up.pushed / "README.md").read_text("utf-8"))


@each_kind
def test_rendered_workflows_are_the_collections_own(set_up: SetUp) -> None:
    """GitHub lets the setup push only if it leaves .github/workflows/ alone, but for deletions
    (of the collection's own workflows: setup.yml, release.yml and fleet.yml)."""
    workflows = ROOT / ".github" / "workflows"
    own = {
        path.name: path.read_bytes()
        for path in workflows.iterdir()
        if path.name not in {"setup.yml", "release.yml", "fleet.yml"}
    }
    rendered = {path.name: path.read_bytes() for path in (set_up.pushed / ".github" / "workflows").iterdir()}
    assert rendered == own


@each_kind
def test_the_run_says_what_it_did(set_up: SetUp) -> None:
    (notice,) = annotations(set_up.result, "notice")
    assert notice.startswith(f"::notice::Set up {set_up.scenario.name} from the {set_up.kind} template")
    assert "pushed" in notice
    assert annotations(set_up.result, "error") == []
    assert re.search(r"\b\d+ passed\b", set_up.result.stdout)  # the project's tests ran here
    summary = set_up.repository.summary.read_text("utf-8")
    heading = f"## Set up {script.markdown_text(set_up.scenario.name)} from the {set_up.kind} template"
    assert heading in summary


@each_kind
def test_copier_recopy_and_update_work_in_the_new_repository(
    set_up: SetUp, upstream: Path, tmp_path: Path
) -> None:
    """The answers file is enough for copier to render the same tree again, and to update."""
    project = fresh_clone(set_up.repository.origin, tmp_path / "project")
    # GitHub's copy of the collection is the local `upstream`; copier caches remote templates
    # by URL, and other tests here render other collections under the same URL
    to_upstream = {
        "COPIER_CACHE_DIR": str(tmp_path / "copier-cache"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{upstream}.insteadOf",
        "GIT_CONFIG_VALUE_0": UPSTREAM,
    }
    copier = [sys.executable, "-m", "copier"]
    recopy = run(
        [*copier, "recopy", "--trust", "--defaults", "--overwrite", "--quiet", "--skip-tasks"],
        cwd=project,
        **to_upstream,
    )
    assert recopy.returncode == 0, recopy.stderr
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    update = run([*copier, "update", "--trust", "--defaults", "--quiet"], cwd=project, **to_upstream)
    assert update.returncode == 0, update.stderr
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


@each_kind
def test_a_rerun_of_the_first_run_does_nothing(set_up: SetUp) -> None:
    """Re-running the job ("Re-run jobs") checks out the initial commit again, after setup."""
    before = set_up.repository.state()
    result = run_setup(set_up.repository, set_up.scenario)
    assert result.returncode == 0, result.stdout + result.stderr
    (notice,) = annotations(result, "notice")
    assert "set up already" in notice
    assert "Nothing done" in notice
    assert set_up.repository.state() == before
    assert len(pushed_history(set_up.repository)) == 2


# --- Stopping, with the repository as it was --------------------------------------------------


def _append(path: str, text: str) -> Any:
    def edit(work: Path) -> None:
        with (work / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return edit


FAILING_TEST = """
import os


def test_the_token_stays_out_of_the_project() -> None:
    assert "GITHUB_TOKEN" not in os.environ


def test_failing_on_purpose() -> None:
    raise AssertionError("failing on purpose")
"""


@pytest.mark.parametrize(
    ("edit", "says", "tests_ran"),
    [
        pytest.param(
            _append(DEFAULT_KIND + "/{{cookiecutter.project_slug}}/CHANGELOG.md", "{{ 1 // 0 }}\n"),
            f"::error::copier could not render the {DEFAULT_KIND} template (ZeroDivisionError",
            False,
            id="render-fails",
        ),
        pytest.param(
            _append(DEFAULT_KIND + "/{{cookiecutter.project_slug}}/tests/test_setup_check.py", FAILING_TEST),
            "::error::The rendered project's tests failed",
            True,
            id="tests-fail",
        ),
        pytest.param(
            _append(".github/workflows/ci.yml", "# edited in the new repository\n"),
            "::error::The rendered project's workflows differ from this repository's (.github/workflows/ci.yml)"
            ", and GitHub refuses a workflow's push that creates or changes workflow files (its token has no "
            "workflows permission), so nothing was changed.",
            False,
            id="workflows-differ",
        ),
    ],
)
def test_a_failure_pushes_nothing(
    initial_commit: Path, tmp_path: Path, edit: Any, says: str, tests_ran: bool
) -> None:
    repository = new_repository(initial_commit, tmp_path, edit)
    before = repository.state()
    result = run_setup(repository, Scenario("demo-thing"))
    assert result.returncode == 1, result.stdout + result.stderr
    (error,) = annotations(result, "error")
    assert error.startswith(says)
    assert "othing was" in error  # pushed, or changed
    assert ("::group::" in result.stdout) == tests_ran
    if tests_ran:
        assert "failing on purpose" in result.stdout
        assert "test_the_token_stays_out_of_the_project" not in result.stdout  # it passed
    assert repository.state() == before
    assert len(pushed_history(repository)) == 1


REFUSING_HOOK = """#!/bin/sh
echo "refusing to allow a GitHub App to create or update workflow without workflows permission" >&2
exit 1
"""


def test_a_push_github_refuses_changes_nothing(initial_commit: Path, tmp_path: Path) -> None:
    """Whatever GitHub refuses (a protected branch, say), the run fails and says so."""
    repository = new_repository(initial_commit, tmp_path)
    hook = repository.origin / "hooks" / "pre-receive"
    hook.write_text(REFUSING_HOOK, "utf-8")
    hook.chmod(0o755)
    before = repository.state()
    result = run_setup(repository, Scenario("demo-thing"))
    assert result.returncode == 1, result.stdout + result.stderr
    (error,) = annotations(result, "error")
    assert error.startswith("::error::git push failed (")
    assert error.endswith("Nothing was pushed.")
    assert "refusing to allow a GitHub App" in result.stderr  # the whole of git's answer, in the log
    assert repository.state() == before


def assert_refused_before_rendering(repository: NewRepository, scenario: Scenario, says: str) -> None:
    before = repository.state()
    result = run_setup(repository, scenario)
    assert result.returncode == 1, result.stdout + result.stderr
    (error,) = annotations(result, "error")
    assert error.startswith(f'::error::The repository name "{scenario.name}" does not make a valid ')
    assert says in error
    assert "rename the repository" in error
    assert "Run workflow" in error
    assert "::group::" not in result.stdout  # refused before rendering
    assert repository.state() == before


@pytest.mark.parametrize(
    ("scenario", "says"),
    [
        pytest.param(Scenario("2fast"), 'module_name "2fast"', id="no-module-name"),
        pytest.param(Scenario("___"), 'project_name "___"', id="no-slug"),
    ],
)
def test_a_repository_name_that_makes_no_project_is_refused(
    initial_commit: Path, tmp_path: Path, scenario: Scenario, says: str
) -> None:
    assert_refused_before_rendering(new_repository(initial_commit, tmp_path), scenario, says)


@pytest.mark.parametrize("kind", [kind for kind in KINDS if name_prefix(kind)])
def test_a_name_without_the_prefix_of_the_kind_picked_is_refused(
    initial_commit: Path, tmp_path: Path, kind: str
) -> None:
    says = f'project_slug "demo": {KIND_RULES[kind]["project_slug"].allowed}'
    repository = new_repository(initial_commit, tmp_path)
    assert_refused_before_rendering(repository, Scenario("demo", kind_input=kind), says)


def _remove(path: str) -> Any:
    return lambda work: (work / path).unlink()


@pytest.mark.parametrize(
    ("scenario", "edit", "says"),
    [
        pytest.param(
            Scenario("templates", is_template=True), None, "the template collection itself", id="template"
        ),
        pytest.param(Scenario("my-fork", fork=True), None, "is a fork", id="fork"),
        pytest.param(
            Scenario("copied", template=""), None, "no template repository", id="not-from-a-template"
        ),
        pytest.param(
            Scenario("demo"), _remove(".github/workflows/setup.yml"), "Already set up", id="no-setup-yml"
        ),
        pytest.param(
            Scenario("demo"),
            _append(".copier-answers.yml", "kind: python-lib\n"),
            "Already set up",
            id="answers-file",
        ),
    ],
)
def test_where_there_is_nothing_to_set_up_nothing_changes(
    initial_commit: Path, tmp_path: Path, scenario: Scenario, edit: Any, says: str
) -> None:
    repository = new_repository(initial_commit, tmp_path, edit)
    before = repository.state()
    result = run_setup(repository, scenario)
    assert result.returncode == 0, result.stdout + result.stderr
    (notice,) = annotations(result, "notice")
    assert says in notice
    assert annotations(result, "error") == []
    assert repository.state() == before
    assert len(pushed_history(repository)) == 1


def test_an_unknown_kind_is_refused(initial_commit: Path, tmp_path: Path) -> None:
    repository = new_repository(initial_commit, tmp_path)
    result = run_setup(repository, Scenario("demo", kind_input="django-app"))
    assert result.returncode == 1
    assert annotations(result, "error") == [
        f'::error::Unknown kind "django-app": choose one of {", ".join(KINDS)}. Nothing was changed.'
    ]


@pytest.mark.parametrize(
    ("scenario", "marker"),
    [
        pytest.param(Scenario("demo", description="[django-app] A web app"), "[django-app]", id="unknown"),
        pytest.param(Scenario("demo", description=" [click-app A tool"), "[click-app", id="unclosed"),
        pytest.param(Scenario("demo", description="[WIP]", kind_input="auto"), "[WIP]", id="by-hand-auto"),
        pytest.param(
            Scenario("demo", description="[beta] A tool", kind_input="click-app"), "[beta]", id="by-hand"
        ),
    ],
)
def test_a_description_starting_with_no_kind_is_refused(
    initial_commit: Path, tmp_path: Path, scenario: Scenario, marker: str
) -> None:
    """A mistyped kind must not set up another kind: only a new repository would undo that."""
    repository = new_repository(initial_commit, tmp_path)
    before = repository.state()
    result = run_setup(repository, scenario)
    assert result.returncode == 1, result.stdout + result.stderr
    markers = ", ".join(f"[{kind}]" for kind in KINDS)
    (error,) = annotations(result, "error")
    assert error.startswith(
        f"::error::The description starts with {marker}, which names no kind: start it with one of {markers}."
    )
    assert "Nothing was changed" in error
    assert "Run workflow" in error
    assert "::group::" not in result.stdout  # refused before rendering
    assert repository.state() == before
    assert len(pushed_history(repository)) == 1


# --- The script's rules, one by one ------------------------------------------------------------


# A repository's name for each kind with a name_prefix: PREFIX-demo.
PREFIXED_NAMES = {kind: f"{name_prefix(kind)}-demo" for kind in KINDS if name_prefix(kind)}


def named_for_another_kind(kind: str) -> str:
    """A repository's name that would pick another kind than `kind`."""
    return next((name for other, name in PREFIXED_NAMES.items() if other != kind), "demo")


@pytest.mark.parametrize(
    ("requested", "name", "kind"),
    [
        ("", "demo", DEFAULT_KIND),
        ("auto", "demo", DEFAULT_KIND),
        *[(requested, name, kind) for kind, name in PREFIXED_NAMES.items() for requested in ("", "auto")],
        # the prefix in any case, followed by any separator
        *[("", f"{name_prefix(kind).capitalize()}_Demo", kind) for kind in PREFIXED_NAMES],
        *[(kind, named_for_another_kind(kind), kind) for kind in KINDS],
    ],
)
def test_the_kind_is_the_one_picked_else_follows_the_name(requested: str, name: str, kind: str) -> None:
    assert script.choose_kind(requested, name, SOURCE["kinds"])[0] == kind


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("requested", ["", script.AUTO])
@pytest.mark.parametrize("name", ["demo", *PREFIXED_NAMES.values()])
def test_each_kind_can_be_chosen_in_the_description(kind: str, requested: str, name: str) -> None:
    """GitHub's form has a Description: its leading [KIND] picks the kind, over the name."""
    marker, rest = script.split_marker(f"[{kind}] Does [several] things")
    assert rest == "Does [several] things"
    assert script.choose_kind(requested, name, SOURCE["kinds"], marker)[0] == kind


@pytest.mark.parametrize(
    ("description", "marker", "rest"),
    [
        ("[click-app]", "[click-app]", ""),
        ("  [click-app]A tool\nsecond line", "[click-app]", "A tool\nsecond line"),
        ("\n[click-app]   [beta] A tool", "[click-app]", "[beta] A tool"),
        ("[not, a, list] null", "[not, a, list]", "null"),
        ("[click-app A tool", "[click-app", "A tool"),
        ("[", "[", ""),
        # no leading [: no marker, the description as it is
        ("A [click-app] tool", "", "A [click-app] tool"),
        ("", "", ""),
        (" Parses [JSON] files ", "", " Parses [JSON] files "),
    ],
)
def test_a_leading_bracket_is_a_marker_and_leaves_the_description(
    description: str, marker: str, rest: str
) -> None:
    assert script.split_marker(description) == (marker, rest)


@pytest.mark.parametrize("kind", KINDS)
def test_a_marker_is_read_as_a_kind_whatever_its_case_and_separators(kind: str) -> None:
    for marker in (f"[{kind.title()}]", f"[{kind.replace('-', '_')}]", f"[ {kind.replace('-', ' ')} ]"):
        assert script.choose_kind("", "demo", SOURCE["kinds"], marker)[0] == kind, marker


@pytest.mark.parametrize("kind", KINDS)
def test_a_kind_picked_by_hand_wins_over_the_description(kind: str) -> None:
    other = KINDS[(KINDS.index(kind) + 1) % len(KINDS)]
    assert script.choose_kind(kind, "demo", SOURCE["kinds"], f"[{other}]")[0] == kind


@pytest.mark.parametrize("requested", ["", script.AUTO, "click-app"])
@pytest.mark.parametrize("marker", ["[django-app]", "[not, a, list]", "[click-app", "[]", "["])
def test_a_marker_naming_no_kind_stops_the_setup(requested: str, marker: str) -> None:
    with pytest.raises(script.Stop, match=r"^The description starts with .*, which names no kind"):
        script.choose_kind(requested, "demo", SOURCE["kinds"], marker)


@pytest.mark.parametrize("name", ["My.Lib", "Demo_Thing", "pytest-Hostile.Name", "A_b.C-d", "x"])
def test_slug_module_and_command_are_the_templates_defaults(name: str) -> None:
    """The script states them; copier would have derived the same from the project name."""
    repository = script.NewRepository(
        name, "", OWNER, None, "", "main", False, False, TEMPLATE_REPOSITORY, ""
    )
    answers = script.answers_for(repository, asked_by("command_name")[0], SOURCE)
    context: dict[str, str] = {"project_name": name}
    for question in ("project_slug", "module_name", "command_name"):
        default = SOURCE["questions"][question]["default"]
        context[question] = jinja2.Environment().from_string(default).render(cookiecutter=context)
        assert answers[question] == context[question], question


def test_a_description_becomes_one_valid_line() -> None:
    assert script.one_line("first\nsecond\r\n  third\u2028fourth ") == "first second third fourth"
    assert script.one_line(' "as is" ') == '"as is"'
    every_control_character = "".join(map(chr, [*range(0xA0), 0x2028, 0x2029]))
    assert problem("description", script.one_line(f"a{every_control_character}b"), {}) is None


@pytest.mark.parametrize(
    ("owner_name", "owner_id", "author"),
    [
        ("Zoë O'Brien", 7, ("Zoë O'Brien", f"7+{OWNER}@users.noreply.github.com")),
        ("", None, (OWNER, f"{OWNER}@users.noreply.github.com")),
        ("🚀", 7, (OWNER, f"7+{OWNER}@users.noreply.github.com")),  # not a valid author name
    ],
)
def test_the_author_is_the_owner(owner_name: str, owner_id: int | None, author: tuple[str, str]) -> None:
    repository = script.NewRepository(
        "demo", "", OWNER, owner_id, owner_name, "main", False, False, "o/t", ""
    )
    assert script.author(repository) == author


# --- The workflow -------------------------------------------------------------------------------


def _workflow() -> dict[Any, Any]:
    return dict(yaml.safe_load(SETUP_WORKFLOW.read_text("utf-8")))


def test_the_workflow_runs_where_it_should_with_the_least_rights() -> None:
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "workflow_dispatch"}
    kind = triggers["workflow_dispatch"]["inputs"]["kind"]
    assert kind["options"] == [script.AUTO, *KINDS]
    assert kind["default"] == script.AUTO
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    for skipped_where in ("github.event.repository.is_template", "github.event.repository.fork"):
        assert f"!{skipped_where}" in job["if"]
    assert "github.event.repository.default_branch" in job["if"]
    for step in job["steps"]:
        assert "${{" not in step.get("run", "")  # values reach scripts through env: only
    assert setup_step()["run"] == "uv run --script hooks/use_this_template.py"


def test_actions_are_pinned_as_in_ci() -> None:
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8")
    pinned = set(re.findall(r"^\s*- uses: (\S+ # v\S+)$", ci, re.MULTILINE))
    used = set(re.findall(r"^\s*- uses: (.+)$", SETUP_WORKFLOW.read_text("utf-8"), re.MULTILINE))
    assert used == pinned
    checkout = next(
        step for step in _workflow()["jobs"]["setup"]["steps"] if "checkout" in step.get("uses", "")
    )
    assert checkout["with"]["persist-credentials"] is False


def test_zizmor_finds_nothing_in_the_setup_workflow() -> None:
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    result = run([zizmor, "--offline", "--no-progress", str(SETUP_WORKFLOW)], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_the_script_renders_with_the_copier_the_collection_tests_with() -> None:
    dependencies = script_metadata(ROOT / "hooks" / "use_this_template.py")["dependencies"]
    (pinned,) = (dependency for dependency in dependencies if dependency.startswith("copier"))
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    assert pinned in groups["test"]


def test_the_readme_says_how_to_pick_each_kind() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Use this template", 1)[1].split("\n## ", 1)[0]
    markers = [f"`[{kind}]`" for kind in KINDS]  # to choose in GitHub's form
    for word in (_workflow()["name"], "Run workflow", script.AUTO, *KINDS, *markers):
        assert word in section, word


def test_generated_projects_never_hold_the_setup_workflow() -> None:
    assert not any((ROOT / "templates").rglob("setup.yml"))
