"""A project cookiecutter renders holds the answers file copier would have written for the same
template, byte for byte: whichever way the template is named, whichever release is rendered.

One kind shows it (every kind's file is compared in test_render.py); the collection here is a
repository released as v0.1.0 with a commit after it, also served as "GitHub" (git rewrites
https://github.com/ to a local folder, for cookiecutter's clones and copier's alike).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from answer_sets import unprefixed_kind
from rendering import (
    KINDS,
    SOURCE,
    clean_environment,
    committed_collection,
    cookiecutter_command,
    copier_command,
    copy_of_collection,
    git,
    run,
)

ANSWERS = ".copier-answers.yml"
KIND = unprefixed_kind()  # its defaults make a project named my-project
SLUG = "my-project"
OWNER_REPO = "acme/templates"
GITHUB_URL = f"https://github.com/{OWNER_REPO}.git"


@dataclass(frozen=True)
class Collection:
    path: Path  # a local clone, tagged v0.1.0, one commit after it
    home: Path  # whose git configuration serves github.com from a local folder
    after_release: str  # git's name for the commit after v0.1.0


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    workdir = tmp_path_factory.mktemp("answers-file").resolve()
    path = committed_collection(workdir / "templates")
    git(path, "tag", "v0.1.0")
    (path / "NOTES.md").write_text("A maintainer's notes, after the release.\n", "utf-8")
    git(path, "add", "NOTES.md")
    git(path, "-c", "user.name=M", "-c", "user.email=m@example.com", "commit", "--quiet", "-m", "Notes")
    github = workdir / "github"
    git(workdir, "clone", "--quiet", "--bare", str(path), str(github / f"{OWNER_REPO}.git"))
    home = workdir / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        f'[url "{github.as_uri()}/"]\n\tinsteadOf = https://github.com/\n', "utf-8"
    )
    return Collection(path, home, git(path, "describe", "--tags", "--always").strip())


def cookiecutter(
    template: str,
    cwd: Path,
    output: Path,
    home: Path,
    *options: str,
    menu: bool = False,
    directory: str = "",
    **env: str,
) -> Path:
    """Render KIND with its defaults, through the menu or `--directory KIND`, from a shell in
    `cwd` (which sets PWD); return the project."""
    output.mkdir()
    env = {"HOME": str(home), "PWD": str(cwd), **env}
    if menu:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "cookiecutter",
                template,
                "--output-dir",
                str(output),
                *options,
                *(["--directory", directory] if directory else []),
            ],
            cwd=cwd,
            input=f"{KINDS.index(KIND) + 1}\n" + "\n" * len(SOURCE["questions"]),
            env=clean_environment(**env),
            capture_output=True,
            text=True,
            check=False,
        )
    else:
        command = cookiecutter_command(KIND, {}, output)
        command[3] = template
        result = run([*command, *options], cwd=cwd, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    (project,) = output.iterdir()
    return project


def copier(template: str, cwd: Path, destination: Path, home: Path, *options: str) -> Path:
    """Render KIND with its defaults, as `copier copy` does."""
    command = copier_command(KIND, {}, destination)
    result = run([*command[:-2], *options, template, str(destination)], cwd=cwd, HOME=str(home))
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def answers_file(project: Path) -> str:
    return (project / ANSWERS).read_text("utf-8")


def recorded(project: Path) -> dict[str, str]:
    return yaml.safe_load(answers_file(project))


# How a user names the template to each engine, and the commit each renders: cookiecutter
# renders a local folder as it is (its --checkout is for clones), where copier renders the
# newest release unless told HEAD. cookiecutter's menu gives the hook the kind's folder only:
# the collection is its parent, or, in cookiecutter's clone, the address it cloned.
# way: (cookiecutter's template, its options, through the menu, copier's template, its options)
WAYS = {
    "full-path": ("{path}", [], False, "{path}", ["--vcs-ref=HEAD"]),
    "relative-path": ("./templates", [], False, "./templates", ["--vcs-ref=HEAD"]),
    "menu-here": (".", [], True, ".", ["--vcs-ref=HEAD"]),
    "gh-abbreviation": (
        f"gh:{OWNER_REPO}",
        ["--checkout", "v0.1.0"],
        False,
        f"gh:{OWNER_REPO}",
        ["--vcs-ref=v0.1.0"],
    ),
    "https-url": (GITHUB_URL, ["--checkout", "v0.1.0"], False, GITHUB_URL, ["--vcs-ref=v0.1.0"]),
    "menu-gh": (f"gh:{OWNER_REPO}", ["--checkout", "v0.1.0"], True, GITHUB_URL, ["--vcs-ref=v0.1.0"]),
}


@pytest.mark.parametrize("way", WAYS)
def test_cookiecutter_writes_the_answers_file_copier_writes(
    collection: Collection, tmp_path: Path, way: str
) -> None:
    template, options, menu, copier_template, copier_options = WAYS[way]
    cwd = {"relative-path": collection.path.parent, "menu-here": collection.path}.get(way, tmp_path)
    from_copier = copier(
        copier_template.format(path=collection.path),
        cwd,
        tmp_path / "copier",
        collection.home,
        *copier_options,
    )
    from_cookiecutter = cookiecutter(
        template.format(path=collection.path), cwd, tmp_path / "cookiecutter", collection.home, *options,
        menu=menu,
    )  # fmt: skip

    assert answers_file(from_cookiecutter) == answers_file(from_copier)
    local = "path" in way or way == "menu-here"
    expected_source = str(collection.path) if local else copier_template
    expected_commit = collection.after_release if local else "v0.1.0"
    assert (recorded(from_cookiecutter)["_src_path"], recorded(from_cookiecutter)["_commit"]) == (
        expected_source, expected_commit,
    )  # fmt: skip
    # in the first commit
    assert git(from_cookiecutter, "show", f"HEAD:{ANSWERS}") == answers_file(from_cookiecutter)


def test_a_replayed_render_writes_the_same_answers_file(collection: Collection, tmp_path: Path) -> None:
    first = cookiecutter(str(collection.path), tmp_path, tmp_path / "first", collection.home)
    replayed = cookiecutter(
        str(collection.path), tmp_path, tmp_path / "replayed", collection.home, "--replay", menu=True,
        directory=KIND,
    )  # fmt: skip
    assert answers_file(replayed) == answers_file(first)


@pytest.mark.parametrize("state", ["not-git", "no-commit"])
def test_a_template_outside_git_or_without_a_commit_records_no_commit(
    collection: Collection, tmp_path: Path, state: str
) -> None:
    """copier records no `_commit` for a folder outside git; in a repository without a commit, it
    commits the files in a throwaway clone and records that commit, which the template never has
    (so no update can start from it): the cookiecutter project records none."""
    template = copy_of_collection(tmp_path / "templates")
    if state == "no-commit":
        git(template, "init", "--quiet")
    from_copier = copier(str(template), tmp_path, tmp_path / "copier", collection.home)
    from_cookiecutter = cookiecutter(str(template), tmp_path, tmp_path / "cookiecutter", collection.home)

    assert "_commit" not in recorded(from_cookiecutter)
    assert recorded(from_cookiecutter)["_src_path"] == str(template)
    if state == "not-git":
        assert answers_file(from_cookiecutter) == answers_file(from_copier)
    else:
        copiers_commit = recorded(from_copier)["_commit"]
        missing = subprocess.run(["git", "cat-file", "-e", copiers_commit], cwd=template, check=False)
        assert missing.returncode != 0
        without_commit = {key: value for key, value in recorded(from_copier).items() if key != "_commit"}
        assert recorded(from_cookiecutter) == without_commit


def test_a_relative_path_the_hook_cannot_place_is_named_as_given_and_said(
    collection: Collection, tmp_path: Path
) -> None:
    """Started by a program, not a shell (no PWD), with its output elsewhere."""
    elsewhere = tmp_path / "elsewhere"
    project = cookiecutter(
        "./templates", collection.path.parent, elsewhere, collection.home, PWD=str(tmp_path)
    )
    assert recorded(project)["_src_path"] == "./templates"
    assert "_commit" not in recorded(project)
