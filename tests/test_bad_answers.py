"""A bad answer, through either engine: exit status 1, the rule's one line, nothing left behind.

cookiecutter (2.7.1) logs its own traceback after any failing hook and copier (9.19.1) raises
one for a failing validator outside an interactive prompt; neither can be switched off from a
template. What the template controls is asserted strictly: the status, our one line (first on
cookiecutter's stderr, the closing line of copier's), and an output directory left as it was.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import copier
import pytest
import yaml
from answer_sets import asked_by, name_prefix
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter
from rendering import KINDS, ROOT, SOURCE, cookiecutter_command, copier_command, replay_context, run

from hooks import answers

CHOICES = {"min_python": SOURCE["python_versions"], "license": SOURCE["questions"]["license"]["choices"]}

PREFIXED_KINDS = [kind for kind in KINDS if name_prefix(kind)]

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
    (asked_by("command_name"), "command_name", {"command_name": "Demo Tool"}),
    # names without the prefix of a kind that has one
    (PREFIXED_KINDS, "project_slug", {"project_slug": "demo"}),
    (PREFIXED_KINDS, "module_name", {"module_name": "demo"}),
]


def _case(kind: str, question: str, given: dict[str, str]) -> object:
    return pytest.param(kind, question, given, id=f"{kind}-{question}-{given[question]!r}")


# Each rule on the command line a user types, for the first kind it applies to; the same rule
# for every other kind in-process, which skips the engine's start-up: what the command line adds
# (its exit status, where the line is printed) is the same for every kind.
ON_THE_COMMAND_LINE = [_case(kinds[0], question, given) for kinds, question, given in BAD_ANSWERS]
IN_PROCESS = [_case(kind, question, given) for kinds, question, given in BAD_ANSWERS for kind in kinds[1:]]


def cookiecutter_says(kind: str, question: str, value: str) -> str:
    """cookiecutter's refusal: its own for a menu (it checks a choice itself, before any hook,
    and lists its menu), else the hook's one line."""
    if "choices" in SOURCE["questions"][question]:
        menu = json.loads((ROOT / kind / "cookiecutter.json").read_text("utf-8"))[question]
        return f"ValueError: {value} provided for choice variable {question}, but the choices are {menu}."
    return f"Invalid answer: {answers.problem(question, value, CHOICES, kind)}"


@pytest.mark.parametrize(("kind", "question", "given"), ON_THE_COMMAND_LINE)
def test_cookiecutter_refuses(tmp_path: Path, kind: str, question: str, given: dict[str, str]) -> None:
    result = run(cookiecutter_command(kind, given, tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    expected = cookiecutter_says(kind, question, given[question])
    if expected.startswith("ValueError: "):
        assert result.stderr.strip().splitlines()[-1] == expected
    else:
        assert result.stderr.splitlines()[0] == expected
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("kind", "question", "given"), IN_PROCESS)
def test_cookiecutter_refuses_in_process(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], kind: str, question: str, given: dict[str, str]
) -> None:
    expected = cookiecutter_says(kind, question, given[question])
    with pytest.raises((FailedHookException, ValueError)) as refused:
        cookiecutter(str(ROOT), directory=kind, no_input=True, output_dir=str(tmp_path), extra_context=given)
    if expected.startswith("ValueError: "):
        assert f"ValueError: {refused.value}" == expected
    else:
        assert isinstance(refused.value, FailedHookException)
        assert capfd.readouterr().err.splitlines()[0] == expected
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("kind", "question", "given"), ON_THE_COMMAND_LINE)
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


@pytest.mark.parametrize(("kind", "question", "given"), IN_PROCESS)
def test_copier_refuses_in_process(tmp_path: Path, kind: str, question: str, given: dict[str, str]) -> None:
    value = given[question]
    if "choices" in SOURCE["questions"][question]:
        expected = (
            rf"\A{re.escape(f'Invalid choice for {question!r}: {value!r} is not in {CHOICES[question]}')}\Z"
        )
    else:
        expected = rf": {re.escape(answers.problem(question, value, CHOICES, kind))}\Z"
    with pytest.raises(ValueError, match=expected):
        copier.run_copy(
            str(ROOT),
            str(tmp_path / "project"),
            data={"kind": kind, **given},
            defaults=True,
            unsafe=True,
            quiet=True,
        )
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


# A value outside a menu, in the files cookiecutter reads answers from (the command line is above).
OUTSIDE_THE_MENUS = {"min_python": "3.7", "license": "GPL-3.0"}


@pytest.mark.parametrize(("question", "value"), OUTSIDE_THE_MENUS.items())
def test_cookiecutter_refuses_a_replay_file_outside_the_menu(
    tmp_path: Path, question: str, value: str
) -> None:
    """A replay file's answers skip cookiecutter's own choice check; the hook names the menu."""
    replay = tmp_path / "replay.json"
    replay.write_text(json.dumps({"cookiecutter": replay_context(KINDS[0], {question: value})}), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", KINDS[0],
               "--replay-file", str(replay), "--output-dir", str(out)]  # fmt: skip
    result = run(command, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"Invalid answer: {answers.problem(question, value, CHOICES)}"
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("question", "value"), OUTSIDE_THE_MENUS.items())
def test_cookiecutter_warns_of_a_user_config_outside_the_menu(
    tmp_path: Path, question: str, value: str
) -> None:
    """cookiecutter only warns of a default it cannot use, and renders the menu's own default.

    docs/troubleshooting.md says so; this test says when cookiecutter stops doing it.
    """
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"default_context": {question: value}}), "utf-8")
    command = [*cookiecutter_command(KINDS[0], {}, tmp_path / "out"), "--config-file", str(config)]
    result = run(command, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    menu = json.loads((ROOT / KINDS[0] / "cookiecutter.json").read_text("utf-8"))[question]
    warning = f"UserWarning: Invalid default received: {value} provided for choice variable {question}, "
    assert f"{warning}but the choices are {menu}." in result.stderr
    (project,) = (tmp_path / "out").iterdir()
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    rendered = {"license": metadata["license"], "min_python": metadata["requires-python"].removeprefix(">=")}
    assert rendered[question] == menu[0]


# A name whose suggestion breaks a later question's rule: (kind, the name, the later question,
# the suggestion). Both engines blame the name typed, not the suggestion the user never typed.
MAKES = [
    (KINDS[0], "123", "module_name", "123"),
    *((kind, name_prefix(kind), "project_slug", name_prefix(kind)) for kind in PREFIXED_KINDS),
]


@pytest.mark.parametrize(("kind", "name", "later", "made"), MAKES)
@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_a_name_that_makes_an_invalid_suggestion_is_named(
    tmp_path: Path, engine: str, kind: str, name: str, later: str, made: str
) -> None:
    complaint = answers.problem(later, made, CHOICES, kind)
    assert complaint is not None
    expected = answers.makes("project_name", name, complaint)
    if engine == "cookiecutter":
        command = cookiecutter_command(kind, {"project_name": name}, tmp_path)
    else:
        command = copier_command(kind, {"project_name": name}, tmp_path / "project")
    result = run(command, cwd=tmp_path)
    assert result.returncode == 1
    if engine == "cookiecutter":
        assert result.stderr.splitlines()[0] == f"Invalid answer: {expected}"
    else:
        assert result.stderr.strip().splitlines()[-1].endswith(f": {expected}")
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
