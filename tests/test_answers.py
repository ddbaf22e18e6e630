"""The answer rules, and proof that copier's validators apply exactly the same ones."""

from __future__ import annotations

import sys

import jinja2
import pytest
import yaml
from rendering import KINDS, ROOT, SOURCE

from hooks import answers

CHOICES = {
    "min_python": SOURCE["python_versions"],
    "license": SOURCE["questions"]["license"]["choices"],
}

# Names pytest's convention settles: valid for every kind but pytest-plugin unless prefixed.
PLUGIN_NAMES = [
    ("project_slug", "pytest-demo"),
    ("project_slug", "pytest-demo-2"),
    ("project_slug", "demo"),
    ("project_slug", "pytest"),
    ("module_name", "pytest_demo"),
    ("module_name", "demo"),
]

VALID = [
    ("project_name", "Demo Thing"),
    ("project_name", 'Ünïcode "quoted" \\ {{ x }} 🚀'),
    ("project_slug", "demo-thing"),
    ("project_slug", "2fast"),
    ("module_name", "demo_thing"),
    ("module_name", "json5"),
    ("description", ""),
    ("description", 'It\'s "fine" \\ {% raw %} \u2013 naïve'),
    ("author_name", "Zoë O'Brien"),
    ("author_email", "zoe.o-brien+tag@example.co.uk"),
    ("github_owner", "a"),
    ("github_owner", "Acme-Corp-2"),
    ("github_owner", "a" * 39),
    ("min_python", "3.11"),
    ("license", "Proprietary"),
    ("command_name", "demo-tool"),
    ("command_name", "dt2"),
    ("command_name", "a" * 40),
]

INVALID = [
    ("project_name", ""),
    ("project_name", "   "),
    ("project_name", "two\nlines"),
    ("project_name", "bell\a"),
    ("project_slug", "Demo_Thing"),
    ("project_slug", "demo--thing"),
    ("project_slug", "-demo"),
    ("project_slug", "demo thing"),
    ("project_slug", ""),
    ("module_name", "2fast"),
    ("module_name", "demo-thing"),
    ("module_name", "Demo"),
    ("module_name", "class"),
    ("module_name", "logging"),
    ("module_name", "json"),
    ("module_name", "test"),
    ("module_name", "pytest"),
    ("module_name", "click"),
    ("module_name", ""),
    ("description", "line one\nline two"),
    ("description", "separator\u2028inside"),
    ("author_name", ""),
    ("author_email", "not-an-address"),
    ("author_email", "a@b"),
    ("author_email", "a b@example.com"),
    ("github_owner", "-acme"),
    ("github_owner", "acme-"),
    ("github_owner", "ac--me"),
    ("github_owner", "a" * 40),
    ("github_owner", "acme_corp"),
    ("min_python", "3.7"),
    ("min_python", "3.11 "),
    ("license", "GPL-3.0"),
    ("license", "mit"),
    ("command_name", "Demo"),
    ("command_name", "demo tool"),
    ("command_name", "demo_tool"),
    ("command_name", "-demo"),
    ("command_name", "2demo"),
    ("command_name", "a" * 41),
]


@pytest.mark.parametrize(("question", "value"), VALID)
def test_accepts(question: str, value: str) -> None:
    assert answers.problem(question, value, CHOICES) is None


@pytest.mark.parametrize(("question", "value"), INVALID)
def test_refuses_with_one_line_naming_question_value_and_what_is_allowed(question: str, value: str) -> None:
    message = answers.problem(question, value, CHOICES)
    assert message is not None
    assert "\n" not in message
    assert message.startswith(f"{question} {answers.quote(value)}: use ")


def test_main_prints_the_first_problem_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    status = answers.main(
        {"project_name": "Demo", "module_name": "json", "license": "GPL"}, CHOICES, "python-lib"
    )
    assert status == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"Invalid answer: {answers.problem('module_name', 'json', CHOICES)}"]


def test_main_passes_valid_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert answers.main({"project_name": "Demo", "module_name": "demo"}, CHOICES, "python-lib") == 0
    assert capsys.readouterr() == ("", "")


def test_every_standard_library_module_of_this_python_is_refused() -> None:
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public - answers.STDLIB_MODULES == set()


def test_every_question_has_a_rule_and_every_rule_a_question() -> None:
    assert set(answers.RULES) == set(SOURCE["questions"])


# copier renders validators with this extension loaded; so do we.
COPIER_JINJA = jinja2.Environment(extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"])
COPIER_QUESTIONS = yaml.safe_load((ROOT / "copier.yml").read_text("utf-8"))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("question", "value"), [*VALID, *INVALID, *PLUGIN_NAMES])
def test_copier_validator_agrees_with_the_hook_word_for_word(kind: str, question: str, value: str) -> None:
    entry = COPIER_QUESTIONS[question]
    if "choices" in entry:
        verdict = None if value in entry["choices"] else "refused"
        assert (verdict is None) == (answers.problem(question, value, CHOICES, kind) is None)
        return
    said = COPIER_JINJA.from_string(entry["validator"]).render({question: value, "kind": kind}).strip()
    assert (said or None) == answers.problem(question, value, CHOICES, kind)


@pytest.mark.parametrize(("question", "value"), PLUGIN_NAMES)
def test_a_pytest_plugin_follows_pytest_naming(question: str, value: str) -> None:
    valid_for_plugin = value.startswith(("pytest-", "pytest_")) and value not in ("pytest-", "pytest_")
    said = answers.problem(question, value, CHOICES, "pytest-plugin")
    assert (said is None) == valid_for_plugin
    assert answers.problem(question, value, CHOICES, "python-lib") is None
