"""A bad answer, through either engine: exit status 1, the rule's one line, nothing left behind.

cookiecutter (2.7.1) logs its own traceback after any failing hook and copier (9.19.1) raises
one for a failing validator outside an interactive prompt; neither can be switched off from a
template. What the template controls is asserted strictly: the status, our one line (first on
cookiecutter's stderr, the closing line of copier's), and an output directory left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rendering import KINDS, SOURCE, cookiecutter_command, copier_command, run

from hooks import answers

CHOICES = {"min_python": SOURCE["python_versions"], "license": SOURCE["questions"]["license"]["choices"]}

# One bad answer per rule class: the kinds it applies to, the question named, the answers.
BAD_ANSWERS = [
    (KINDS, "project_name", {"project_name": ""}),
    (KINDS, "project_slug", {"project_slug": "Demo_Thing"}),
    (KINDS, "module_name", {"module_name": "logging"}),
    (KINDS, "module_name", {"module_name": "2fast"}),
    (KINDS, "module_name", {"module_name": "class"}),
    (KINDS, "description", {"description": "two\nlines"}),
    (KINDS, "author_name", {"author_name": ""}),
    (KINDS, "author_email", {"author_email": "not-an-address"}),
    (KINDS, "github_owner", {"github_owner": "-acme-"}),
    (KINDS, "min_python", {"min_python": "3.7"}),
    (KINDS, "license", {"license": "GPL-3.0"}),
    (["click-app"], "command_name", {"command_name": "Demo Tool"}),
    (["pytest-plugin"], "project_slug", {"project_slug": "demo"}),
    (["pytest-plugin"], "module_name", {"module_name": "demo"}),
]
CASES = [
    pytest.param(kind, question, given, id=f"{kind}-{question}-{given[question]!r}")
    for kinds, question, given in BAD_ANSWERS
    for kind in kinds
    if kind in KINDS
]


@pytest.mark.parametrize(("kind", "question", "given"), CASES)
def test_cookiecutter_refuses(tmp_path: Path, kind: str, question: str, given: dict[str, str]) -> None:
    result = run(cookiecutter_command(kind, given, tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    expected = answers.problem(question, given[question], CHOICES, kind)
    assert expected is not None
    assert result.stderr.splitlines()[0] == f"Invalid answer: {expected}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("kind", "question", "given"), CASES)
def test_copier_refuses(tmp_path: Path, kind: str, question: str, given: dict[str, str]) -> None:
    destination = tmp_path / "project"
    result = run(copier_command(kind, given, destination), cwd=tmp_path)
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    value = given[question]
    if "choices" in SOURCE["questions"][question]:
        # copier checks choices itself, before any validator
        expected = f"ValueError: Invalid choice for '{question}': {value!r} is not in {CHOICES[question]}"
        assert last_line == expected
    else:
        assert last_line.endswith(f": {answers.problem(question, value, CHOICES, kind)}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_copier_names_an_answer_to_a_question_it_does_not_ask(tmp_path: Path, kind: str) -> None:
    destination = tmp_path / "project"
    result = run(copier_command(kind, {"projetc_name": "Typo"}, destination), cwd=tmp_path)
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(
        "ValueError: Validation error for question 'kind': unknown answer projetc_name: "
    )
    assert "the questions are kind, project_name, " in last_line
    assert list(tmp_path.iterdir()) == []


def test_cookiecutter_names_every_refused_answer_at_once(tmp_path: Path) -> None:
    """cookiecutter checks the answers once all are given: each refused one gets its line."""
    given = {"github_owner": "-acme-", "author_email": "not-an-address", "module_name": "logging"}
    result = run(cookiecutter_command(KINDS[0], given, tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    in_question_order = [name for name in SOURCE["questions"] if name in given]
    expected = [
        f"Invalid answer: {answers.problem(name, given[name], CHOICES)}" for name in in_question_order
    ]
    assert result.stderr.splitlines() == expected  # cookiecutter's own report is on stdout
    assert list(tmp_path.iterdir()) == []


def everything_in(folder: Path) -> dict[str, bytes | None]:
    """Each folder (None) and file (its bytes) below `folder`."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in folder.rglob("*")
    }


@pytest.mark.parametrize("slug", ["a/b", "a/b/c", "x/../y", "ours/new", "ours/new/deeper"])
def test_a_refused_slug_with_a_slash_leaves_the_output_folder_as_it_was(tmp_path: Path, slug: str) -> None:
    """cookiecutter makes the project's folder and its parents before the hook runs; the hook
    removes the parents it made, and cookiecutter the project's folder."""
    out = tmp_path / "out"
    (out / "ours").mkdir(parents=True)
    (out / "ours" / "notes.txt").write_text("the team's", "utf-8")
    before = everything_in(out)
    result = run(cookiecutter_command(KINDS[0], {"project_slug": slug}, out), cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0] == f"Invalid answer: {answers.problem('project_slug', slug, CHOICES)}"
    )
    assert everything_in(out) == before
