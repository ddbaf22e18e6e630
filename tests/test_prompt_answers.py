"""Suggestions and refusals as a person meets them at a terminal.

A name typed at the first question suggests the next answers, and Enter takes them: they must
be valid. copier refuses a name whose suggestion no rule would accept as soon as it is typed;
cookiecutter, which checks the answers only after the last question, names every refused
answer then, each on its line.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pexpect
import yaml
from answer_sets import unprefixed_kind
from rendering import KINDS, ROOT, SOURCE, screen, terminal

from hooks import answers

KIND = unprefixed_kind()  # which takes names of any shape
CHOICES = {"min_python": SOURCE["python_versions"], "license": SOURCE["questions"]["license"]["choices"]}
ERASE_LINE = "\x15"  # Ctrl+U, which empties the answer being edited


def questions(kind: str) -> list[str]:
    """The questions a kind asks, in order."""
    return [name for name, question in SOURCE["questions"].items() if kind in question.get("kinds", KINDS)]


def test_cookiecutter_suggests_names_its_rules_accept_for_an_awkward_name(tmp_path: Path) -> None:
    name = "Acme's Café  (v2.0)"
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", KIND, "--output-dir", str(out)]
    log = io.StringIO()
    with terminal(command, tmp_path / "home", log) as child:
        for question in questions(KIND):
            child.expect_exact(str(SOURCE["questions"][question]["prompt"]))
            child.send(f"{name}\r" if question == "project_name" else "\r")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 0, "\n".join(screen(log)[-30:])
    assert "(acmes-cafe-v2-0)" in "\n".join(screen(log))  # the suggestion Enter took
    assert [path.name for path in out.iterdir()] == ["acmes-cafe-v2-0"]
    assert (out / "acmes-cafe-v2-0" / "src" / "acmes_cafe_v2_0" / "__init__.py").is_file()


def test_copier_asks_again_right_after_a_name_whose_suggestion_breaks_its_rule(tmp_path: Path) -> None:
    project = tmp_path / "project"
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--data", f"kind={KIND}"]
    command += [str(ROOT), str(project)]
    log = io.StringIO()
    with terminal(command, tmp_path / "home", log) as child:
        child.expect_exact(str(SOURCE["questions"]["project_name"]["prompt"]))
        child.send(ERASE_LINE + "3D Tools\r")  # copier shows the default as text to edit
        complaint = answers.problem("module_name", "3d_tools", CHOICES)
        assert complaint is not None
        refusal = answers.makes("project_name", "3D Tools", complaint)
        child.expect_exact(refusal[:60])  # the start of it: the terminal may wrap the rest
        child.send(ERASE_LINE + "Tools 3D\r")
        for question in questions(KIND)[1:]:
            child.expect_exact(str(SOURCE["questions"][question]["prompt"]))
            child.send("\r")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 0, "\n".join(screen(log)[-30:])
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    assert (recorded["project_name"], recorded["project_slug"], recorded["module_name"]) == (
        "Tools 3D",
        "tools-3d",
        "tools_3d",
    )


def test_cookiecutter_names_every_refused_answer_after_the_last_question(tmp_path: Path) -> None:
    typed = {"author_email": "ada at example.com", "github_owner": "-ada-"}
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", KIND, "--output-dir", str(out)]
    log = io.StringIO()
    with terminal(command, tmp_path / "home", log) as child:
        for question in questions(KIND):
            child.expect_exact(str(SOURCE["questions"][question]["prompt"]))
            child.send(f"{typed[question]}\r" if question in typed else "\r")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 1
    refused = [line for line in screen(log) if line.startswith("Invalid answer: ")]
    expected = [f"Invalid answer: {answers.problem(name, value, CHOICES)}" for name, value in typed.items()]
    assert refused == expected
    assert list(out.iterdir()) == []
