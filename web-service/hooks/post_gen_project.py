"""The cookiecutter post-generation hook: write the answers file copier would have written, make
the project a git repository, then say what's next.

The scripts below are inlined from the collection's hooks/copier_answers.py, hooks/git_init.py
and hooks/next_steps.py by templates/assemble.py (cruft gives a hook no way to find the
collection's files); copier runs the same git script as a task, with the same arguments, and
prints the same message.
"""

import json
import os
import sys

# cruft (which records the template's `_commit`) renders the template again on every update
# to compute a diff: a repository there would be part of that diff. Under cruft, the first
# commit is the user's, with the .cruft.json file cruft writes after this hook.
if {{ "True" if cookiecutter._commit is defined else "False" }}:
    sys.exit(0)

{% raw %}"""Write, in a project cookiecutter rendered, the answers file copier writes in the projects it renders.

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
{% endraw %}
{% raw %}"""Make the freshly rendered project a git repository with one first commit.

Run by cookiecutter's post-generation hook and by copier's first-copy task, in the project
directory. Git is a convenience here, never a reason to fail a render: when git is missing,
when the project sits inside another work tree, or when a git command fails, it prints one
line saying so, leaves no half-made repository behind, and exits 0.
"""

# Every render waits for this script, so it imports no more than it needs: paths are plain
# strings, because importing pathlib would add a tenth to the script's run time.
# ruff: noqa: PTH109, PTH118
import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence

# The user's git configuration must not break or sign the first commit, and the user's hook
# templates (pre-commit installed globally, say) must not run on it. Nor does git start its
# background maintenance, which has nothing to do in a repository of one commit.
_ISOLATED = [
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.hooksPath=.git/no-hooks",
    "-c",
    "maintenance.auto=false",
]


def _git_environment(author_name: str, author_email: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME=author_name,
        GIT_AUTHOR_EMAIL=author_email,
        GIT_COMMITTER_NAME=author_name,
        GIT_COMMITTER_EMAIL=author_email,
    )
    return env


def _run(git: str, *args: str, env: dict[str, str], cwd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [git, *_ISOLATED, *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )


def _inside_work_tree(git: str, project: str, env: dict[str, str]) -> bool:
    probe = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    return probe.stdout.strip() == "true"


def _init(git: str, project: str, branch: str, env: dict[str, str]) -> None:
    try:
        _run(git, "init", "--quiet", f"--initial-branch={branch}", env=env, cwd=project)
    except subprocess.CalledProcessError:
        # git older than 2.28 has no --initial-branch
        _run(git, "init", "--quiet", env=env, cwd=project)
        _run(git, "symbolic-ref", "HEAD", f"refs/heads/{branch}", env=env, cwd=project)


def initialise(project: str, author_name: str, author_email: str, message: str, branch: str) -> str | None:
    """Create the repository and its first commit; return a notice when it did not."""
    git = shutil.which("git")
    if git is None:
        return "git not found on PATH: the project was not made a git repository (run `git init` later)."
    env = _git_environment(author_name, author_email)
    if _inside_work_tree(git, project, env):
        return "The project is inside an existing git work tree: no repository of its own was made."
    try:
        _init(git, project, branch, env)
        _run(git, "add", "--all", env=env, cwd=project)
        _run(git, "commit", "--quiet", "--no-verify", "--message", message, env=env, cwd=project)
    except (OSError, subprocess.CalledProcessError) as error:
        shutil.rmtree(os.path.join(project, ".git"), ignore_errors=True)
        detail = getattr(error, "stderr", None) or str(error)
        first_line = (detail.strip().splitlines() or ["unknown error"])[0]
        return f"git could not make the first commit ({first_line}): the project has no repository yet."
    except KeyboardInterrupt:
        # Interrupted (Ctrl+C): a complete project without a repository, never half of one.
        shutil.rmtree(os.path.join(project, ".git"), ignore_errors=True)
        raise
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--author-name", required=True)
    parser.add_argument("--author-email", required=True)
    parser.add_argument("--kind", required=True)
    parser.add_argument("--branch", required=True, help="the organisation's default branch")
    parser.add_argument("project", nargs="?", default=os.getcwd())
    args = parser.parse_args(argv)
    notice = initialise(
        os.path.realpath(args.project),
        args.author_name,
        args.author_email,
        message=f"Start the project from the {args.kind} template",
        branch=args.branch,
    )
    if notice:
        print(notice, file=sys.stderr)
    return 0


{% endraw %}
{% raw %}"""What a person does right after a render: where the project is, and the commands that come next.

cookiecutter's post-generation hook prints `message()` (inlined there by templates/assemble.py);
copier prints the same text as `_message_after_copy`, which templates/assemble.py writes by
calling `message()` with Jinja in place of the path and the command. Standard library only, and
no `from __future__` import: the hook inlines this file after code of its own.
"""

import re

# A path made of these characters is one word, as it is, in bash, zsh, fish, PowerShell and cmd;
# any other path (one with a space, say) is put in double quotes, which all of them understand.
PLAIN_PATH = r"[A-Za-z0-9_@%+=:,./\\-]+"

# Each step: what it does, then what to type.
STEPS = (
    ("go into it", "cd {path}"),
    ("run its tests", "uv run pytest"),
    ("run every check CI runs", "uvx nox"),
)
# `uv run` runs the command from the project as it is: nothing to install or publish first.
COMMAND_STEP = ("run your command", "uv run {command} --help")


def for_shell(path: str) -> str:
    """`path` as one word that a shell passes on unchanged."""
    return path if re.fullmatch(PLAIN_PATH, path) else f'"{path}"'


def message(path: str, command: str = "") -> str:
    """The lines to print: `path` ready for a shell, `command` the click-app's (or none)."""
    steps = [*STEPS, COMMAND_STEP] if command else list(STEPS)
    width = max(len(what) for what, _ in steps) + len(":  ")
    lines = [f"  {what + ':':<{width}}{typed.format(path=path, command=command)}" for what, typed in steps]
    return "\n".join(["The project is ready. Next:", *lines])
{% endraw %}

# The answers, as copier records them (the questions it asks, the kind among them), so that the
# first commit holds them and `copier update` follows the templates from there. (cruft, which
# stopped above, renders this file too, without cookiecutter's _repo_dir and _output_dir.)
write_copier_answers(
    {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
        {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
        "kind": json.loads({{ cookiecutter._kind | tojson | tojson }}),
    },
    template=json.loads({{ cookiecutter._template | default("") | tojson | tojson }}),
    repo_dir=json.loads({{ cookiecutter._repo_dir | default("") | tojson | tojson }}),
    output_dir=json.loads({{ cookiecutter._output_dir | default("") | tojson | tojson }}),
)

# --option=value, as copier's task passes them: an answer such as "-A" is then a value, never
# an option of its own.
status = main(
    [
        "--author-name=" + json.loads({{ cookiecutter.author_name | tojson | tojson }}),
        "--author-email=" + json.loads({{ cookiecutter.author_email | tojson | tojson }}),
        "--kind=" + json.loads({{ cookiecutter._kind | tojson | tojson }}),
        "--branch=" + json.loads({{ cookiecutter._default_branch | tojson | tojson }}),
    ]
)
# The hook runs in the project's folder; only a click-app asks for a command name.
command = json.loads({{ cookiecutter.command_name | default("") | tojson | tojson }})
print(message(for_shell(os.path.realpath(os.getcwd())), command), file=sys.stderr)
sys.exit(status)
