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

# One bad answer per rule class; the question the message must name comes first.
BAD_ANSWERS = [
    ("project_name", {"project_name": ""}),
    ("project_slug", {"project_name": "Demo", "project_slug": "Demo_Thing"}),
    ("module_name", {"project_name": "Logging"}),
    ("module_name", {"project_name": "2fast"}),
    ("module_name", {"project_name": "class"}),
    ("description", {"description": "two\nlines"}),
    ("author_name", {"author_name": ""}),
    ("author_email", {"author_email": "not-an-address"}),
    ("github_owner", {"github_owner": "-acme-"}),
    ("min_python", {"min_python": "3.7"}),
    ("license", {"license": "GPL-3.0"}),
]


def _derived(answers_given: dict[str, str], question: str) -> str:
    if question in answers_given:
        return answers_given[question]
    slug = answers_given["project_name"].lower().replace(" ", "-")
    return slug.replace("-", "_") if question == "module_name" else slug


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("question", "given"), BAD_ANSWERS, ids=lambda v: v if isinstance(v, str) else None)
def test_cookiecutter_refuses(tmp_path: Path, kind: str, question: str, given: dict[str, str]) -> None:
    result = run(cookiecutter_command(kind, given, tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    expected = answers.problem(question, _derived(given, question), CHOICES)
    assert expected is not None
    assert result.stderr.splitlines()[0] == f"Invalid answer: {expected}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("question", "given"), BAD_ANSWERS, ids=lambda v: v if isinstance(v, str) else None)
def test_copier_refuses(tmp_path: Path, kind: str, question: str, given: dict[str, str]) -> None:
    destination = tmp_path / "project"
    result = run(copier_command(kind, given, destination), cwd=tmp_path)
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    value = _derived(given, question)
    if "choices" in SOURCE["questions"][question]:
        # copier checks choices itself, before any validator
        assert (
            last_line
            == f"ValueError: Invalid choice for '{question}': {value!r} is not in {CHOICES[question]}"
        )
    else:
        assert last_line.endswith(f": {answers.problem(question, value, CHOICES)}")
    assert list(tmp_path.iterdir()) == []
