"""The questions as a person meets them at a terminal: menus for the choices, then what comes next.

Each test starts an engine in a pseudo-terminal (pexpect) and answers as a person types: Enter
takes a default, a number picks from a cookiecutter menu and the arrow keys from a copier one.
The project's folder has a space in its path, which the printed `cd` line must survive.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest
import yaml
from answer_sets import asked_by, default_slug
from rendering import KINDS, ROOT, SOURCE, screen, terminal

# What the tests pick from the two menus: neither is the default.
PICKED = {"min_python": SOURCE["python_versions"][1], "license": "BSD-3-Clause"}
STYLE = r"(?:\x1b\[[0-9;]*m)*"  # colours and bold type, which a terminal shows and a test skips
DOWN = "\x1b[B"  # what the down-arrow key sends
CLEAR = "\x15"  # Ctrl+U, which clears a copier answer typed so far
FIRST_PROJECT_KIND = "python-lib"  # the kind docs/first-project.md makes, which asks no command name
# A kind that asks for a command name, and one that does not
COMMAND_KIND = asked_by("command_name")[0]
COMMANDLESS_KIND = next(kind for kind in KINDS if kind not in asked_by("command_name"))


def questions(kind: str) -> dict[str, dict[str, object]]:
    asked = SOURCE["questions"].items()
    return {name: question for name, question in asked if kind in question.get("kinds", KINDS)}


def menu(kind: str, question: str) -> list[str]:
    """A cookiecutter menu's options, in order."""
    return json.loads((ROOT / kind / "cookiecutter.json").read_text("utf-8"))[question]


def copier_menu(question: str) -> list[str]:
    """A copier menu's options, in order."""
    return yaml.safe_load((ROOT / "copier.yml").read_text("utf-8"))[question]["choices"]


def numbered_menu(shown: list[str], size: int) -> dict[str, str]:
    """The last menu cookiecutter showed, as number -> option."""
    return dict(re.findall(r"^ +(\d+) - (.+)$", "\n".join(shown), re.MULTILINE)[-size:])


def next_steps(shown: list[str]) -> list[str]:
    """The message after a render, each line with its runs of spaces made one."""
    start = shown.index("The project is ready. Next:")
    lines = [shown[start]]
    for line in shown[start + 1 :]:
        if not line.startswith("  "):
            break
        lines.append(" ".join(line.split()))
    return lines


def expected_next_steps(project: Path, kind: str) -> list[str]:
    steps = [
        "The project is ready. Next:",
        f'go into it: cd "{project.resolve()}"',  # in quotes: the path has a space
        "run its tests: uv run pytest",
        "run every check CI runs: uvx nox",
    ]
    if kind in asked_by("command_name"):
        command = default_slug(kind)[:40].rstrip("-")  # the command_name default
        steps.append(f"run your command: uv run {command} --help")
    return steps


def rendered_choices(project: Path) -> dict[str, str]:
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    return {"min_python": metadata["requires-python"].removeprefix(">="), "license": metadata["license"]}


@pytest.mark.parametrize("kind", [COMMANDLESS_KIND, COMMAND_KIND])
def test_cookiecutter_numbers_the_choices_and_says_what_comes_next(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "my projects"
    command = [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", kind, "--output-dir", str(out)]
    log = io.StringIO()
    with terminal(command, tmp_path / "home", log) as child:
        for name, question in questions(kind).items():
            child.expect_exact(str(question["prompt"]))
            if name not in PICKED:
                child.send("\r")  # Enter: the default
                continue
            # a menu asks for a number, the first its default; a free-text question ends "(DEFAULT): "
            shown = child.expect([r"Choose from", rf"\){STYLE}: "])
            assert shown == 0, f"{name} is asked as free text: {screen(log)[-1]!r}"
            child.expect(rf"\(1\){STYLE}: ")
            numbered = numbered_menu(screen(log), len(menu(kind, name)))
            assert list(numbered.values()) == menu(kind, name)
            assert numbered["1"] == question["default"]
            number = next(number for number, option in numbered.items() if option == PICKED[name])
            child.send(f"{number}\r")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 0, "\n".join(screen(log)[-30:])
    (project,) = out.iterdir()
    assert rendered_choices(project) == PICKED
    assert next_steps(screen(log)) == expected_next_steps(project, kind)


@pytest.mark.parametrize("kind", [FIRST_PROJECT_KIND, COMMAND_KIND])
def test_copier_lists_the_choices_and_says_what_comes_next(tmp_path: Path, kind: str) -> None:
    """And a default as an answer typed in (docs/first-project.md): Ctrl+U clears it, typing adds to it."""
    project = tmp_path / "my projects" / "demo"
    command = [sys.executable, "-m", "copier", "copy", "--trust", str(ROOT), str(project)]
    page_kind = kind == FIRST_PROJECT_KIND
    typed = {"project_name": CLEAR + "Demo Thing", "description": " Friendlier."} if page_kind else {}
    log = io.StringIO()
    with terminal(command, tmp_path / "home", log) as child:
        child.expect_exact("Which template?")
        child.send(DOWN * KINDS.index(kind) + "\r")
        for name, question in questions(kind).items():
            child.expect_exact(str(question["prompt"]))
            if name == "project_name" and page_kind:
                documented = first_project_copier_prompt()
                child.expect_exact(documented[-1].strip(), timeout=10)  # the default, typed in
                shown = [line.rstrip() for line in screen(log) if line.strip()]
                assert shown[-len(documented) :] == documented
            if name not in PICKED:
                child.send(typed.get(name, "") + "\r")
                continue
            child.expect_exact("(Use arrow keys)")
            options = copier_menu(name)
            # the menu starts on the default
            child.send(DOWN * (options.index(PICKED[name]) - options.index(str(question["default"]))) + "\r")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 0, "\n".join(screen(log)[-30:])
    assert rendered_choices(project) == PICKED
    assert next_steps(screen(log)) == expected_next_steps(project, kind)
    if page_kind:
        answers = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
        assert answers["project_name"] == "Demo Thing"
        assert answers["description"] == f"{SOURCE['questions']['description']['default']} Friendlier."


def first_project_copier_prompt() -> list[str]:
    """The copier question docs/first-project.md shows: its text block starting with copier's 🎤."""
    page = (ROOT / "docs" / "first-project.md").read_text("utf-8")
    block = re.search(r"^```text\n(🎤 .*?)^```", page, re.MULTILINE | re.DOTALL)
    assert block, "first-project.md no longer shows copier's prompt"
    return block.group(1).splitlines()


def first_project_session() -> list[str]:
    """What docs/first-project.md shows of its render: the lines after the command."""
    page = (ROOT / "docs" / "first-project.md").read_text("utf-8")
    command = "$ uvx cookiecutter . --output-dir ..\n"
    block = page[page.index(command) + len(command) :]
    return block[: block.index("```")].splitlines()


def test_the_first_project_page_shows_what_the_terminal_shows(tmp_path: Path) -> None:
    """The page's session, typed as the page shows it: the same menus, questions and defaults."""
    documented = first_project_session()
    home = tmp_path / "ada"  # the page's clone is /home/ada/templates, its project ../demo-thing
    command = [sys.executable, "-m", "cookiecutter", str(ROOT), "--output-dir", str(home)]
    log = io.StringIO()
    with terminal(command, tmp_path / "home", log) as child:
        for line in documented:
            if "):" in line:  # a prompt: what follows it is what the page types
                child.expect(rf"\){STYLE}: ")
                child.send(line.rpartition("):")[2].strip() + "\r")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 0, "\n".join(screen(log)[-30:])
    shown = screen(log)
    start = shown.index(documented[0])
    terminal_lines = [line.rstrip().replace(str(home), "/home/ada") for line in shown[start:] if line.strip()]
    # left, the terminal; right, docs/first-project.md, section 3
    assert terminal_lines == [line.rstrip() for line in documented]
