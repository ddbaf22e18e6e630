"""The answer rules, and proof that copier's validators apply exactly the same ones."""

from __future__ import annotations

import re
import sys

import jinja2
import pytest
import yaml
from answer_sets import name_prefix, unprefixed_kind
from rendering import KINDS, ROOT, SOURCE

from hooks import answers

CHOICES = {
    "min_python": SOURCE["python_versions"],
    "license": SOURCE["questions"]["license"]["choices"],
}

# Names a kind's name_prefix settles: valid for a kind without one, and for a kind with one
# only when they start with PREFIX- (the distribution) or PREFIX_ (the module) and go on.
PREFIXED_NAMES = list(
    dict.fromkeys(
        name
        for prefix in sorted({name_prefix(kind) for kind in KINDS} - {""})
        for name in [
            ("project_slug", f"{prefix}-demo"),
            ("project_slug", f"{prefix}-demo-2"),
            ("project_slug", "demo"),
            ("project_slug", prefix),
            ("module_name", f"{prefix}_demo"),
            ("module_name", "demo"),
        ]
    )
)

VALID = [
    ("project_name", "Demo Thing"),
    ("project_name", 'Ünïcode "quoted" \\ {{ x }} 🚀'),
    ("project_name", "日本語 2"),  # the 2 makes a name
    ("project_name", "Ĳssel"),
    ("project_name", "x" * 300),  # the names made from it are cut at 100 characters
    ("project_slug", "demo-thing"),
    ("project_slug", "2fast"),
    ("project_slug", "a" * 100),
    ("module_name", "demo_thing"),
    ("module_name", "json5"),
    ("module_name", "a" * 100),
    ("description", ""),
    ("description", 'It\'s "fine" \\ {% raw %} \u2013 naïve'),
    ("author_name", "Zoë O'Brien"),
    ("author_email", "zoe.o-brien+tag@example.co.uk"),
    ("author_email", "zoë@example.com"),
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
    ("project_name", "!!!"),
    ("project_name", "日本語"),  # no letter a name can be made of
    ("project_name", "_"),
    ("project_name", "two\nlines"),
    ("project_name", "bell\a"),
    ("project_slug", "Demo_Thing"),
    ("project_slug", "demo--thing"),
    ("project_slug", "-demo"),
    ("project_slug", "demo thing"),
    ("project_slug", ""),
    ("project_slug", "a/b"),
    ("project_slug", "a" * 101),
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
    ("module_name", "a" * 101),
    ("description", "line one\nline two"),
    ("description", "separator\u2028inside"),
    ("author_name", ""),
    ("author_name", "Ada <ada@example.com>"),
    ("author_email", "not-an-address"),
    ("author_email", "a@b"),
    ("author_email", "a b@example.com"),
    ("author_email", "back\\slash@example.com"),
    ("author_email", "a(b)@example.com"),
    ("author_email", "a:b@example.com"),
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


def test_main_prints_every_problem_a_line_each_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    given = {
        "project_name": "Demo",
        "module_name": "json",
        "author_email": "not-an-address",
        "github_owner": "-acme",
        "min_python": "3.7",
    }
    status = answers.main(given, CHOICES, unprefixed_kind())
    assert status == 1
    out, err = capsys.readouterr()
    assert out == ""
    wrong = ["module_name", "author_email", "github_owner", "min_python"]
    assert err.splitlines() == [
        f"Invalid answer: {answers.problem(name, given[name], CHOICES)}" for name in wrong
    ]


def test_main_passes_valid_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert answers.main({"project_name": "Demo", "module_name": "demo"}, CHOICES, unprefixed_kind()) == 0
    assert capsys.readouterr() == ("", "")


def test_every_standard_library_module_of_this_python_is_refused() -> None:
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public - answers.STDLIB_MODULES == set()


def test_every_question_has_a_rule_and_every_rule_a_question() -> None:
    assert set(answers.RULES) == set(SOURCE["questions"])


# copier renders validators with this extension loaded; so do we.
COPIER_JINJA = jinja2.Environment(extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"])
COPIER_QUESTIONS = yaml.safe_load((ROOT / "copier.yml").read_text("utf-8"))


# Every other answer given, as in an update or with --data: a validator then checks its own
# question only, not the defaults it would make.
GIVEN = {"project_slug": "demo", "module_name": "demo", "command_name": "demo", "author_email": "a@b.org"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("question", "value"), [*VALID, *INVALID, *PREFIXED_NAMES])
def test_copier_validator_agrees_with_the_hook_word_for_word(kind: str, question: str, value: str) -> None:
    entry = COPIER_QUESTIONS[question]
    if "choices" in entry:
        verdict = None if value in entry["choices"] else "refused"
        assert (verdict is None) == (answers.problem(question, value, CHOICES, kind) is None)
        return
    context = {**GIVEN, question: value, "kind": kind}
    said = COPIER_JINJA.from_string(entry["validator"]).render(context).strip()
    assert (said or None) == answers.problem(question, value, CHOICES, kind)


# An answer whose suggestion for a later question breaks that question's rule: copier would
# stop with a traceback at that default, so its validator refuses the answer the default is
# made from. (question, answer, the later question, its default, what else is given), for each
# kind whose names need no prefix.
MAKES = [
    ("project_name", "3D Tools", "module_name", "3d_tools", {}),
    ("project_name", "Logging", "module_name", "logging", {}),
    ("project_slug", "2fast", "module_name", "2fast", {}),
    # a later answer given: its own validator checks it, and the defaults made from it
    ("project_name", "3D Tools", None, None, {"project_slug": "3d-tools"}),
    ("project_slug", "3d-tools", "module_name", "3d_tools", {"project_name": "3D Tools"}),
    ("project_name", "Demo", None, None, {"project_slug": "Demo_Thing"}),
    ("project_name", "3D Tools", None, None, {"module_name": "tools3d", "command_name": "tools3d"}),
    ("project_name", "My Plugin", None, None, {}),
    ("author_name", "日本語", None, None, {}),  # its e-mail default is you@...
]


def prefixed_makes(prefix: str) -> list[tuple[str, str, str | None, str | None, dict[str, str]]]:
    """MAKES for a kind whose names start with `prefix`."""
    return [
        # the suggestion gets the prefix, unless the name has it already
        ("project_name", "My Plugin", None, None, {}),
        ("project_name", f"{prefix} Flaky Finder", None, None, {}),
        # the prefix alone names no plugin
        ("project_name", prefix, "project_slug", prefix, {}),
        ("project_name", prefix.upper() + "!", "project_slug", prefix, {}),
        ("project_name", prefix, None, None, {"project_slug": f"{prefix}-mine"}),
        ("author_name", "日本語", None, None, {}),
    ]


EVERY_KINDS_MAKES = [
    (kind, *case)
    for kind in KINDS
    for case in (prefixed_makes(name_prefix(kind)) if name_prefix(kind) else MAKES)
]


@pytest.mark.parametrize(("kind", "question", "value", "later", "default", "given"), EVERY_KINDS_MAKES)
def test_copier_refuses_an_answer_that_makes_an_invalid_default(
    kind: str, question: str, value: str, later: str | None, default: str | None, given: dict[str, str]
) -> None:
    context = {**given, question: value, "kind": kind}
    said = COPIER_JINJA.from_string(COPIER_QUESTIONS[question]["validator"]).render(context).strip()
    if later is None:
        assert said == ""
        return
    assert default is not None
    complaint = answers.problem(later, default, CHOICES, kind)
    assert complaint is not None
    assert said == answers.makes(question, value, complaint)


@pytest.mark.parametrize(
    ("text", "separator", "limit", "name"),
    [
        ("my project!", "-", 100, "my-project"),
        ("Acme's Parser", "-", 100, "acmes-parser"),
        ("Acme\u2019s Parser", "-", 100, "acmes-parser"),
        ("Café  Tools", "-", 100, "cafe-tools"),
        ("Cafe\u0301 [v2.0]", "-", 100, "cafe-v2-0"),  # an accent typed on its own
        ("-_lead and trail_-", "-", 100, "lead-and-trail"),
        ("Straße Œuvre Łódź Ĳssel", "-", 100, "strasse-oeuvre-lodz-ijssel"),
        ("日本語 tools", "-", 100, "tools"),
        ("\uff21\uff22\uff23\uff11", "-", 100, "abc1"),  # full-width
        ("!!!", "-", 100, ""),
        ("ab cd", "-", 3, "ab"),  # cut at the limit, then the separator trimmed
        ("Zoë O'Brien", ".", 64, "zoe.obrien"),
        ("back\\slash", ".", 64, "back.slash"),
    ],
)
def test_the_names_made_from_an_answer(text: str, separator: str, limit: int, name: str) -> None:
    assert answers.ascii_name(text, separator, limit) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My Checker", "pytest-my-checker"),
        ("pytest Flaky Finder", "pytest-flaky-finder"),
        ("Pytest-Flaky", "pytest-flaky"),
        ("pytestify", "pytest-pytestify"),  # the prefix is a word, not the start of one
        ("pytest", "pytest"),  # the prefix alone names no plugin: the kind's rule refuses it
        ("!!!", ""),  # no name at all: nothing to put the prefix before
        ("x" * 200, ("pytest-" + "x" * 200)[:100]),
        ("x" * 92 + " y", "pytest-" + "x" * 92),  # cut at the limit, then the separator trimmed
    ],
)
def test_the_names_made_for_a_kind_with_a_prefix(text: str, name: str) -> None:
    assert answers.ascii_name(text, "-", 100, "pytest") == name


def test_a_refused_suggestion_is_blamed_on_the_answer_typed() -> None:
    """As copier's validators blame it: cookiecutter's hook knows the suggestions it made."""
    kind = unprefixed_kind()
    suggested = {"project_slug": ["project_name", "123"], "module_name": ["project_slug", "123"]}
    given = {"project_name": "123", "project_slug": "123", "module_name": "123"}
    complaint = answers.problem("module_name", "123", CHOICES)
    assert complaint is not None
    assert answers.problems(given, CHOICES, kind, suggested) == [
        answers.makes("project_name", "123", complaint)
    ]
    # a slug typed: the module name made from it is blamed on it
    typed_slug = {**given, "project_slug": "1-2-3"}
    suggested["module_name"] = ["project_slug", "1_2_3"]
    complaint = answers.problem("module_name", "1_2_3", CHOICES)
    assert complaint is not None
    assert answers.problems({**typed_slug, "module_name": "1_2_3"}, CHOICES, kind, suggested) == [
        answers.makes("project_slug", "1-2-3", complaint)
    ]
    # an answer typed is its own to blame; one blamed answer, one line (its first complaint)
    assert answers.problems({**given, "module_name": "2fast"}, CHOICES, kind, suggested) == [
        answers.problem("module_name", "2fast", CHOICES)
    ]
    broken_slug = {"project_name": "Demo", "project_slug": "Demo_Thing", "module_name": "Demo_Thing"}
    suggested = {"project_slug": ["project_name", "demo"], "module_name": ["project_slug", "Demo_Thing"]}
    assert answers.problems(broken_slug, CHOICES, kind, suggested) == [
        answers.problem("project_slug", "Demo_Thing", CHOICES)
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("question", "value"), PREFIXED_NAMES)
def test_a_kinds_names_start_with_its_name_prefix(kind: str, question: str, value: str) -> None:
    """As pytest's convention has it: the pytest-NAME distribution installs the pytest_NAME module."""
    prefix = name_prefix(kind) + ("-" if question == "project_slug" else "_")
    valid = not name_prefix(kind) or (value.startswith(prefix) and value != prefix)
    assert (answers.problem(question, value, CHOICES, kind) is None) == valid


# --- The messages as copier shows them ---------------------------------------------------------
# copier shows a validator's message on one line and cuts it at the terminal's width. Each rule's
# must be read whole in 100 columns with a typical answer, also where it comes after an earlier
# answer that made the refused suggestion (`makes()`); docs/troubleshooting.md has the details.

COLUMNS = 100
TYPICAL = "x" * 8  # `3D Tools`, `Logging`, `demo-app`


def every_rule() -> list[tuple[str, answers.Rule]]:
    general = list(answers.RULES.items())
    return general + [
        (question, rule) for rules in answers.KIND_RULES.values() for question, rule in rules.items()
    ]


def refusal(question: str, rule: answers.Rule, value: str) -> str:
    """The line a rule's refusal prints, as `answers.problem()` writes it."""
    listed = f" {', '.join(CHOICES[rule.choices_from])}" if rule.choices_from else ""
    return f"{question} {answers.quote(value)}: {rule.allowed}{listed}"


def made_from(question: str) -> set[str]:
    """The answers a question's suggestions are made from, by any kind, directly or through
    another suggestion (project_name makes module_name through project_slug)."""
    defaults = [SOURCE["questions"][question].get("default") or ""]
    defaults += [meta.get("defaults", {}).get(question, "") for meta in SOURCE["kinds"].values()]
    direct = {name for default in defaults for name in re.findall(r"cookiecutter\.(\w+)", default)}
    return direct.union(*(made_from(name) for name in direct))


def shown_lines() -> list[str]:
    lines = []
    for question, rule in every_rule():
        own = refusal(question, rule, TYPICAL)
        lines += [own, *(answers.makes(earlier, TYPICAL, own) for earlier in sorted(made_from(question)))]
    return lines


@pytest.mark.parametrize("line", shown_lines())
def test_every_refusal_fits_on_one_terminal_line(line: str) -> None:
    assert len(line) <= COLUMNS


def test_the_typical_lines_include_a_suggestion_refused() -> None:
    assert 'project_name "xxxxxxxx" makes module_name "xxxxxxxx": ' + answers.RULES[
        "module_name"
    ].allowed in (shown_lines())


@pytest.mark.parametrize(("question", "rule"), every_rule())
def test_every_rule_is_explained_in_full_in_what_can_go_wrong(question: str, rule: answers.Rule) -> None:
    page = (ROOT / "docs" / "troubleshooting.md").read_text("utf-8")
    assert f"| `Invalid answer: {refusal(question, rule, 'VALUE')}` |" in page
