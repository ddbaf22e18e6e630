"""Write, in a project cookiecutter rendered, the answers file copier writes in the projects it renders.

cookiecutter's post-generation hook runs this (inlined there by templates/assemble.py) in the
project's folder, before the first commit, so a project made with either engine follows the
templates with `copier update` from its first commit, and the two engines' projects are the
same bytes. The file records what copier records: the template as the user named it
(`_src_path`), the release rendered (`_commit`, git's description of the template's commit,
`v0.2.0` or `v0.2.0-3-g1a2b3c4`, or the commit alone before the first tag), and the answers.

It runs in cookiecutter's own Python, which has PyYAML (copier writes the file with it), and
needs no file of the collection: cruft renders a kind's folder with nothing around it.
"""

# Paths are plain strings, as in hooks/git_init.py, which the hook inlines beside this: every
# render waits for the hook, and pathlib would add to its start-up.
# ruff: noqa: PTH113, PTH117, PTH118, PTH120, PTH123
import os
import subprocess
import sys

import yaml

COPIER_ANSWERS_FILE = ".copier-answers.yml"
# the first line copier writes (the kinds' `{{cookiecutter.__answers}}` file)
COPIER_ANSWERS_HEADER = "# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n"


def _git_output(folder: str, *args: str) -> str | None:
    """What git prints for `args` in `folder`, or None when git is missing or fails."""
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def kinds_collection(repo_dir: str, output_dir: str) -> str | None:
    """The folder that holds the kind's folder `repo_dir` (cookiecutter's `_repo_dir`).

    cookiecutter gives `_repo_dir` as the user typed it, relative to the folder cookiecutter ran
    in, which the hook does not run in: a relative one is found from the shell's folder ($PWD)
    or the output folder (the same one when no --output-dir was given), else not at all.
    """
    if os.path.isabs(repo_dir):
        return os.path.dirname(os.path.normpath(repo_dir))
    for base in (os.environ.get("PWD"), output_dir):
        if base and os.path.isfile(os.path.join(base, repo_dir, "cookiecutter.json")):
            return os.path.dirname(os.path.normpath(os.path.join(base, repo_dir)))
    return None


def _cookiecutters_clone_origin(collection: str) -> str | None:
    """The address cookiecutter cloned `collection` from, when it is cookiecutter's own clone.

    The menu (`cookiecutter gh:ORG/templates` without --directory) renders the kind from
    cookiecutter's clone, and gives the hook only that clone's path.
    """
    try:
        from cookiecutter.config import get_user_config  # the one part that needs cookiecutter

        clones = get_user_config()["cookiecutters_dir"]
    except Exception:  # noqa: BLE001 (an unreadable configuration: not a clone of cookiecutter's)
        return None
    if os.path.normcase(os.path.realpath(os.path.dirname(collection))) != os.path.normcase(
        os.path.realpath(clones)
    ):
        return None
    # as configured: `git remote get-url` would apply the user's insteadOf rewrites
    return _git_output(collection, "config", "--get", "remote.origin.url")


def template_source(template: str, repo_dir: str, collection: str | None) -> str:
    """`_src_path` as copier records it when given what cookiecutter was given (`_template`).

    copier keeps an address with a colon (gh:, a URL, a Windows drive), an absolute path or ~ as
    typed, and the kinds' answers file makes a relative path absolute (`copier update` runs in
    the project). cookiecutter's menu gives only the kind's folder, as `_template` and
    `_repo_dir` both: the collection is its parent, or, for a repository cookiecutter cloned,
    the address of the clone.
    """
    names_the_kind = os.path.normpath(template) == os.path.normpath(repo_dir)
    if not names_the_kind and (":" in template or template.startswith(("/", "\\", "~"))):
        return template
    if collection is None:
        return template
    return _cookiecutters_clone_origin(collection) or os.path.realpath(collection)


def template_commit(collection: str | None) -> str | None:
    """`_commit` as copier records it: `git describe --tags --always` of the template, when the
    template's folder is the top of a git repository with a commit (copier records no `_commit`
    for a folder outside git; for a repository without a commit, it commits the files in a
    throwaway clone and records that commit, which no later update can find: nothing here)."""
    if collection is None:
        return None
    top = _git_output(collection, "rev-parse", "--show-toplevel")
    if top is None or os.path.normcase(os.path.realpath(top)) != os.path.normcase(
        os.path.realpath(collection)
    ):
        return None
    return _git_output(collection, "describe", "--tags", "--always")


def copier_answers_text(answers: dict[str, str], source: str, commit: str | None) -> str:
    """The file, byte for byte as copier writes it (its to_nice_yaml filter: PyYAML, sorted)."""
    recorded = {**answers, "_src_path": source, **({"_commit": commit} if commit else {})}
    return COPIER_ANSWERS_HEADER + yaml.dump(recorded, indent=4, allow_unicode=True, default_flow_style=False)


def write_copier_answers(answers: dict[str, str], template: str, repo_dir: str, output_dir: str) -> None:
    """Write the answers file in the current folder, the project's."""
    collection = kinds_collection(repo_dir, output_dir)
    source = template_source(template, repo_dir, collection)
    if collection is None:
        print(
            f"{COPIER_ANSWERS_FILE} names the template as given, {source}, a path relative to a folder "
            "the hook cannot tell: before `copier update`, put its full path there as _src_path.",
            file=sys.stderr,
        )
    text = copier_answers_text(answers, source, template_commit(collection))
    with open(COPIER_ANSWERS_FILE, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
