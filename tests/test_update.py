"""`copier update` brings template changes in and keeps every edit the team made.

A temporary copy of the collection becomes a template repository with two releases: v0.1.0
(the collection as it is) and v0.2.0 (a change to a line a team also edits, a new line, and a
file moved to a new name, with its first line changed, and the migration that goes with it).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from answer_sets import unprefixed_kind
from rendering import EVERY_ANSWER_SET, KINDS, ROOT, Baked, clean_environment, copy_of_collection, git, run

from hooks.cookiecutter_to_copier import answers_of

CONFLICTING_LINE = "# Contributing\n"
TEMPLATE_LINE = "# Contributing guide\n"
TEAM_LINE = "# Contributing to our project\n"
NEW_TEMPLATE_LINE = "# added in v0.2.0 of the templates\n"
RELEASE_NOTES = (
    "## [0.2.0] - 2026-11-26\n\nCONTRIBUTING.md has a new title; .gitignore a new line; docs/usage.md is "
    "docs/guide.md, titled Guide.\n"
)
MOVED_FROM, MOVED_TO = "docs/usage.md", "docs/guide.md"
OLD_TITLE, NEW_TITLE, TEAM_TITLE = "# Usage\n", "# Guide\n", "# Using it\n"
MIGRATION = f'''
[[migrations]]
version = "v0.2.0"
old = "{MOVED_FROM}"
new = "{MOVED_TO}"
'''


def _commit_all(repo: Path, message: str) -> None:
    subprocess.run(["git", "add", "--all"], cwd=repo, check=True, env=clean_environment())
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Team",
            "-c",
            "user.email=team@example.com",
            "commit",
            "--quiet",
            "-m",
            message,
        ],
        cwd=repo,
        check=True,
        env=clean_environment(),
    )


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection as a git repository, released as v0.1.0 and then v0.2.0."""
    repo = copy_of_collection(tmp_path_factory.mktemp("templates") / "templates")
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True, env=clean_environment())
    _commit_all(repo, "v0.1.0")
    git(repo, "tag", "v0.1.0")

    contributing = repo / "templates" / "project" / "CONTRIBUTING.md"
    text = contributing.read_text("utf-8")
    assert text.startswith(CONFLICTING_LINE)
    contributing.write_text(TEMPLATE_LINE + text.removeprefix(CONFLICTING_LINE), "utf-8")
    gitignore = repo / "templates" / "project" / ".gitignore"
    gitignore.write_text(gitignore.read_text("utf-8") + NEW_TEMPLATE_LINE, "utf-8")
    docs = repo / "templates" / "project" / "docs"
    usage = (docs / "usage.md").read_text("utf-8")
    assert OLD_TITLE in usage  # after any Jinja the page starts with
    (docs / "guide.md").write_text(usage.replace(OLD_TITLE, NEW_TITLE, 1), "utf-8")
    (docs / "usage.md").unlink()
    index = (docs / "index.md").read_text("utf-8")
    assert "\nusage\n" in index
    (docs / "index.md").write_text(index.replace("\nusage\n", "\nguide\n"), "utf-8")
    questions = repo / "templates" / "questions.toml"
    questions.write_text(questions.read_text("utf-8") + MIGRATION, "utf-8")
    changelog = repo / "CHANGELOG.md"
    first_release = changelog.read_text("utf-8").index("\n## ")
    text = changelog.read_text("utf-8")
    changelog.write_text(text[:first_release] + f"\n{RELEASE_NOTES}\n" + text[first_release:], "utf-8")
    subprocess.run([sys.executable, "-m", "templates.assemble"], cwd=repo, check=True)
    _commit_all(repo, "v0.2.0")
    git(repo, "tag", "v0.2.0")
    return repo


def copier(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "copier", *args], cwd=cwd)


def render_at(template_repo: Path, version: str, kind: str, destination: Path) -> Path:
    """A copy of the kind's project as `copier copy` renders it at `version`: each release of
    each kind is rendered once per worker (the next to the template repository) and copied,
    git history included, so each test edits a project of its own."""
    rendered = template_repo.parent / "rendered" / version / kind
    if not rendered.exists():
        rendered.parent.mkdir(parents=True, exist_ok=True)
        result = copier(
            "copy", "--trust", "--defaults", "--quiet", f"--vcs-ref={version}", f"--data=kind={kind}",
            str(template_repo), str(rendered), cwd=rendered.parent,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    shutil.copytree(rendered, destination, symlinks=True)
    return destination


def working_files(project: Path) -> dict[Path, bytes]:
    return {
        path: path.read_bytes() for path in project.rglob("*") if path.is_file() and ".git" not in path.parts
    }


def working_files_relative(project: Path) -> dict[str, bytes]:
    return {path.relative_to(project).as_posix(): data for path, data in working_files(project).items()}


def check_merge_conflict() -> list[str]:
    """pre-commit-hooks' conflict check, as the generated pre-commit config runs it."""
    found = shutil.which("check-merge-conflict", path=str(Path(sys.executable).parent))
    assert found, "pre-commit-hooks is in the collection's test dependency group"
    return [found, "--assume-in-merge"]


def update(project: Path) -> subprocess.CompletedProcess[str]:
    return copier("update", "--trust", "--defaults", "--quiet", cwd=project)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_update_keeps_team_edits_and_marks_the_conflict(
    template_repo: Path, tmp_path: Path, kind: str
) -> None:
    """One update per kind shows both: the team's edits kept or marked, and a file the release
    moves taking the team's edits along (the migration is the same for every kind; one kind
    shows the rest of it below)."""
    project = render_at(template_repo, "v0.1.0", kind, tmp_path / "project")
    contributing = project / "CONTRIBUTING.md"
    contributing.write_text(
        TEAM_LINE + contributing.read_text("utf-8").removeprefix(CONFLICTING_LINE), "utf-8"
    )
    readme = project / "README.md"
    readme.write_text(readme.read_text("utf-8") + "A line the team added.\n", "utf-8")
    (project / "NOTES.md").write_text("The team's own notes.\n", "utf-8")
    (project / "docs" / "changelog.md").unlink()
    moved = project / MOVED_FROM
    moved.write_text(moved.read_text("utf-8") + "A tip the team added.\n", "utf-8")
    _commit_all(project, "Team edits")

    result = update(project)

    assert result.returncode == 0, result.stderr
    assert "_commit: v0.2.0" in (project / ".copier-answers.yml").read_text("utf-8")
    assert (project / ".gitignore").read_text("utf-8").endswith(NEW_TEMPLATE_LINE)
    assert readme.read_text("utf-8").endswith("A line the team added.\n")
    assert (project / "NOTES.md").read_text("utf-8") == "The team's own notes.\n"
    assert not (project / "docs" / "changelog.md").exists()
    conflicted = contributing.read_text("utf-8")
    assert conflicted.startswith(
        f"<<<<<<< before updating\n{TEAM_LINE}=======\n{TEMPLATE_LINE}>>>>>>> after updating\n"
    )

    check = check_merge_conflict()
    assert run([*check, "CONTRIBUTING.md"], cwd=project).returncode == 1
    contributing.write_text(TEAM_LINE + conflicted.split(">>>>>>> after updating\n", 1)[1], "utf-8")
    assert run([*check, "CONTRIBUTING.md"], cwd=project).returncode == 0

    # the moved file
    assert not moved.exists()
    guide = (project / MOVED_TO).read_text("utf-8")
    assert guide.startswith(NEW_TITLE)
    assert guide.endswith("A tip the team added.\n")
    assert f"{MOVED_FROM} is now {MOVED_TO}, with the team's edits in it." in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_updating_to_the_same_version_changes_nothing(template_repo: Path, tmp_path: Path, kind: str) -> None:
    project = render_at(template_repo, "v0.2.0", kind, tmp_path / "project")
    result = update(project)
    assert result.returncode == 0, result.stderr
    assert git(project, "status", "--porcelain") == ""


@pytest.mark.slow
def test_update_refuses_a_dirty_work_tree_and_changes_nothing(template_repo: Path, tmp_path: Path) -> None:
    """copier checks the work tree before it reads anything a kind decides: one kind shows it."""
    project = render_at(template_repo, "v0.1.0", KINDS[0], tmp_path / "project")
    readme = project / "README.md"
    readme.write_text(readme.read_text("utf-8") + "Work in progress.\n", "utf-8")
    before = working_files(project)

    result = update(project)

    assert result.returncode == 1
    assert "Destination repository is dirty" in result.stderr
    assert working_files(project) == before
    assert git(project, "status", "--porcelain") == " M README.md\n"


# --- A file the release moves -----------------------------------------------------------------
# The migration is the same for every kind: each kind shows the edits carried (in the update
# above); one kind shows the rest.


@pytest.mark.slow
def test_a_moved_file_marks_the_conflict_inline(template_repo: Path, tmp_path: Path) -> None:
    project = render_at(template_repo, "v0.1.0", KINDS[0], tmp_path / "project")
    moved = project / MOVED_FROM
    moved.write_text(TEAM_TITLE + moved.read_text("utf-8").removeprefix(OLD_TITLE), "utf-8")
    _commit_all(project, "Team edits")

    result = update(project)

    assert result.returncode == 0, result.stderr
    guide = (project / MOVED_TO).read_text("utf-8")
    assert guide.startswith(
        f"<<<<<<< before updating\n{TEAM_TITLE}=======\n{NEW_TITLE}>>>>>>> after updating\n"
    )
    check = check_merge_conflict()
    assert run([*check, MOVED_TO], cwd=project).returncode == 1


@pytest.mark.slow
def test_a_moved_file_the_team_deleted_stays_deleted(template_repo: Path, tmp_path: Path) -> None:
    project = render_at(template_repo, "v0.1.0", KINDS[0], tmp_path / "project")
    (project / MOVED_FROM).unlink()
    _commit_all(project, "Team edits")

    result = update(project)

    assert result.returncode == 0, result.stderr
    assert not (project / MOVED_FROM).exists()
    assert not (project / MOVED_TO).exists()


@pytest.mark.slow
def test_an_unedited_project_updates_to_what_the_new_release_renders(
    template_repo: Path, tmp_path: Path
) -> None:
    project = render_at(template_repo, "v0.1.0", "python-lib", tmp_path / "project")
    fresh = render_at(template_repo, "v0.2.0", "python-lib", tmp_path / "fresh")

    result = update(project)

    assert result.returncode == 0, result.stderr
    assert working_files_relative(project) == working_files_relative(fresh)


@pytest.mark.slow
def test_a_copy_from_a_relative_local_clone_updates_from_inside_the_project(
    template_repo: Path, tmp_path: Path
) -> None:
    """docs/updating.md: copy from a clone beside the project, then `copier update` in the project."""
    subprocess.run(
        ["git", "clone", "--quiet", str(template_repo), str(tmp_path / "templates")],
        check=True, env=clean_environment(),
    )  # fmt: skip
    copied = copier(
        "copy", "--trust", "--defaults", "--quiet", "--vcs-ref=v0.1.0", "--data=kind=python-lib",
        "./templates", "demo", cwd=tmp_path,
    )  # fmt: skip
    assert copied.returncode == 0, copied.stderr
    project = tmp_path / "demo"
    _team_edits(project)

    result = update(project)

    assert result.returncode == 0, result.stderr
    assert "_commit: v0.2.0" in (project / ".copier-answers.yml").read_text("utf-8")
    _has_the_update_and_the_edits(project)
    assert (project / MOVED_TO).is_file()  # the migration, run in the project, found the templates too


def template_update_issue(project: Path) -> subprocess.CompletedProcess[str]:
    """What the weekly workflow runs, in the project."""
    return run([sys.executable, ".github/scripts/template_update.py"], cwd=project)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_drift_check_writes_an_issue_when_a_newer_release_exists(
    template_repo: Path, tmp_path: Path, kind: str
) -> None:
    project = render_at(template_repo, "v0.1.0", kind, tmp_path / "project")
    result = template_update_issue(project)
    assert result.returncode == 0, result.stderr
    body = result.stdout
    assert "newer release: **0.2.0** (this project follows 0.1.0)" in body
    assert "uvx copier update --trust" in body
    assert RELEASE_NOTES.strip() in body
    assert "## [0.1.0]" not in body


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_drift_check_says_nothing_when_current(template_repo: Path, tmp_path: Path, kind: str) -> None:
    project = render_at(template_repo, "v0.2.0", kind, tmp_path / "project")
    result = template_update_issue(project)
    assert (result.returncode, result.stdout) == (0, "")


def test_drift_check_does_nothing_in_the_collection() -> None:
    result = run([sys.executable, "templates/project/.github/scripts/template_update.py"], cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def _team_edits(project: Path) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text("utf-8") + "A line the team added.\n", "utf-8")
    _commit_all(project, "Team edits")


def _has_the_update_and_the_edits(project: Path) -> None:
    assert (project / ".gitignore").read_text("utf-8").endswith(NEW_TEMPLATE_LINE)
    assert (project / "README.md").read_text("utf-8").endswith("A line the team added.\n")


def cookiecutter_at_v010(template_repo: Path, kind: str, output: Path, home: Path, *answers: str) -> Path:
    """Render with cookiecutter, which keeps a replay file of the answers under `home`."""
    before = set(output.iterdir())
    rendered = run(
        [sys.executable, "-m", "cookiecutter", f"git+file://{template_repo}", "--checkout", "v0.1.0",
         "--directory", kind, "--no-input", "--output-dir", str(output), *answers],
        cwd=output, HOME=str(home),
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    (project,) = set(output.iterdir()) - before
    return project


def cookiecutter_to_copier(
    project: Path, template_repo: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return run(
        [sys.executable, str(ROOT / "hooks" / "cookiecutter_to_copier.py"), f"--template={template_repo}",
         "--release=v0.1.0"],
        cwd=project, **env,
    )  # fmt: skip


def made_before_the_answers_file(project: Path) -> Path:
    """A project as cookiecutter rendered it before its hook wrote copier's answers file."""
    git(project, "rm", "--quiet", ".copier-answers.yml")
    _commit_all(project, "As cookiecutter rendered it before it wrote .copier-answers.yml")
    return project


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_a_cookiecutter_project_follows_the_templates_from_its_first_commit(
    template_repo: Path, tmp_path: Path, kind: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    project = cookiecutter_at_v010(template_repo, kind, tmp_path, home)
    recorded = yaml.safe_load(git(project, "show", "HEAD:.copier-answers.yml"))
    assert (recorded["_src_path"], recorded["_commit"]) == (f"git+file://{template_repo}", "v0.1.0")
    _team_edits(project)

    result = update(project)

    assert result.returncode == 0, result.stderr
    _has_the_update_and_the_edits(project)
    changed = git(project, "status", "--porcelain").splitlines()
    assert sorted(changed) == [
        " D docs/usage.md", " M .copier-answers.yml", " M .gitignore", " M CONTRIBUTING.md", " M docs/index.md",
        "?? docs/guide.md",
    ]  # fmt: skip
    assert (project / "CONTRIBUTING.md").read_text("utf-8").startswith(TEMPLATE_LINE)
    assert yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))["_commit"] == "v0.2.0"


@pytest.mark.slow
def test_moving_to_copier_a_project_that_has_the_answers_file_writes_nothing(
    template_repo: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    project = cookiecutter_at_v010(template_repo, KINDS[0], tmp_path, home)
    before = (project / ".copier-answers.yml").read_bytes()

    result = cookiecutter_to_copier(project, template_repo, HOME=str(home))

    assert result.returncode == 0
    assert result.stderr == (
        ".copier-answers.yml is here already: the project follows the templates with `copier update --trust`. "
        "Nothing was written.\n"
    )
    assert (project / ".copier-answers.yml").read_bytes() == before
    assert git(project, "status", "--porcelain") == ""


@pytest.mark.slow
def test_a_cookiecutter_project_made_before_moves_to_copier_updates(
    template_repo: Path, tmp_path: Path
) -> None:
    """The move reads each answer from the project's files, the same for every kind (the test of
    every answer set below); one kind shows the update that follows."""
    home = tmp_path / "home"
    home.mkdir()
    project = made_before_the_answers_file(cookiecutter_at_v010(template_repo, KINDS[0], tmp_path, home))
    _team_edits(project)

    answers = cookiecutter_to_copier(project, template_repo, HOME=str(home))
    assert answers.returncode == 0, answers.stderr
    assert answers.stderr.startswith("Wrote .copier-answers.yml: commit it")
    _commit_all(project, "Follow the templates with copier")

    result = update(project)

    assert result.returncode == 0, result.stderr
    _has_the_update_and_the_edits(project)
    changed = git(project, "status", "--porcelain").splitlines()
    assert sorted(changed) == [
        " D docs/usage.md", " M .copier-answers.yml", " M .gitignore", " M CONTRIBUTING.md", " M docs/index.md",
        "?? docs/guide.md",
    ]  # fmt: skip
    assert (project / "CONTRIBUTING.md").read_text("utf-8").startswith(TEMPLATE_LINE)


@pytest.mark.slow
def test_moving_to_copier_keeps_the_projects_own_answers_not_the_last_renders(
    template_repo: Path, tmp_path: Path
) -> None:
    """cookiecutter's replay file holds the answers of the last render only: here another project's."""
    home = tmp_path / "home"
    home.mkdir()
    kind = unprefixed_kind()  # which takes these names
    old_lib = made_before_the_answers_file(
        cookiecutter_at_v010(template_repo, kind, tmp_path, home, "project_name=Old Lib")
    )
    cookiecutter_at_v010(template_repo, kind, tmp_path, home, "project_name=Second Lib")
    replay = json.loads((home / ".cookiecutter_replay" / f"{kind}.json").read_text("utf-8"))
    assert replay["cookiecutter"]["project_name"] == "Second Lib"

    answers = cookiecutter_to_copier(old_lib, template_repo, HOME=str(home))

    assert answers.returncode == 0, answers.stderr
    recorded = yaml.safe_load((old_lib / ".copier-answers.yml").read_text("utf-8"))
    assert (recorded["project_name"], recorded["project_slug"], recorded["module_name"]) == (
        "Old Lib", "old-lib", "old_lib",
    )  # fmt: skip
    _commit_all(old_lib, "Follow the templates with copier")
    result = update(old_lib)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((old_lib / ".copier-answers.yml").read_text("utf-8"))["project_name"] == "Old Lib"
    assert [path for path, data in working_files(old_lib).items() if b"Second" in data] == []
    assert 'project = "Old Lib"' in (old_lib / "docs" / "conf.py").read_text("utf-8")


@pytest.mark.slow
def test_moving_to_copier_outside_a_project_refuses_in_one_line(template_repo: Path, tmp_path: Path) -> None:
    result = cookiecutter_to_copier(tmp_path, template_repo)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Cannot tell project_slug: there is no pyproject.toml here. Nothing was written;"
    )
    assert len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("answer_set", EVERY_ANSWER_SET)
def test_moving_to_copier_reads_every_answer_cookiecutter_was_given(baked: Baked) -> None:
    """What the project's files state is what copier records for the same answers."""
    recorded = yaml.safe_load((baked.copier / ".copier-answers.yml").read_text("utf-8"))
    answers = {name: value for name, value in recorded.items() if not name.startswith("_")}
    assert answers_of(baked.cookiecutter) == answers


@pytest.mark.slow
def test_cruft_creates_and_updates(template_repo: Path, tmp_path: Path) -> None:
    """cruft renders through cookiecutter, which every kind is rendered with elsewhere, and
    updates by applying the diff of two renders: a kind changes nothing in that."""
    kind = KINDS[0]
    cruft = [shutil.which("cruft", path=str(Path(sys.executable).parent)) or "cruft"]
    created = run(
        [*cruft, "create", "--no-input", "--directory", kind, "--checkout", "v0.1.0", str(template_repo)],
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    (project,) = tmp_path.iterdir()
    assert not (project / ".git").exists()  # under cruft, the first commit is the user's
    subprocess.run(["git", "init", "--quiet"], cwd=project, check=True, env=clean_environment())
    _commit_all(project, "Start from the templates")
    _team_edits(project)

    result = run([*cruft, "update", "--skip-apply-ask"], cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr
    _has_the_update_and_the_edits(project)


@pytest.mark.parametrize(
    ("source", "url"),
    [
        ("gh:acme/templates", "https://github.com/acme/templates.git"),
        ("gh:acme/templates.git", "https://github.com/acme/templates.git"),
        ("gl:acme/templates", "https://gitlab.com/acme/templates.git"),
        ("git+https://git.acme.example/templates.git", "https://git.acme.example/templates.git"),
        ("https://github.com/acme/templates.git", "https://github.com/acme/templates.git"),
        ("/srv/templates", "/srv/templates"),
    ],
)
def test_the_drift_check_clones_what_copier_would(source: str, url: str) -> None:
    assert drift_check().clone_url(source) == url


def drift_check() -> Any:
    script = ROOT / "templates" / "project" / ".github" / "scripts" / "template_update.py"
    spec = importlib.util.spec_from_file_location("template_update", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_drift_check_quotes_every_release_to_a_project_that_follows_a_commit() -> None:
    """Rendered before the template's first release, copier records a commit, as this version."""
    changelog = (
        "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\nB.\n\n## [0.1.0] - 2026-11-01\n\nA.\n"
    )
    quoted = drift_check().releases_between(changelog, "0.0.0.post1.dev0+a92c0a0", "0.2.0")
    assert quoted == "## [0.2.0] - 2026-12-01\n\nB.\n\n## [0.1.0] - 2026-11-01\n\nA."
    assert drift_check()._follows("0.0.0.post1.dev0+a92c0a0") == "commit a92c0a0"
    assert drift_check()._follows("0.2.0") == "0.2.0"
