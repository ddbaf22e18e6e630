"""What a person does right after a render: where the project is, and the commands that come next.

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
