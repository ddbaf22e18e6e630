"""The cookiecutter post-generation hook: make the project a git repository, then say what's next.

The scripts below are inlined from the collection's hooks/git_init.py and hooks/next_steps.py
by templates/assemble.py (cruft gives a hook no way to find the collection's files); copier
runs the same git script as a task, with the same arguments, and prints the same message.
"""

import json
import os
import sys

# cruft (which records the template's `_commit`) renders the template again on every update
# to compute a diff: a repository there would be part of that diff. Under cruft, the first
# commit is the user's, with the .cruft.json file cruft writes after this hook.
if {{ "True" if cookiecutter._commit is defined else "False" }}:
    sys.exit(0)

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
