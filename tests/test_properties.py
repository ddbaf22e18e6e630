"""Any free text the rules accept renders a valid, identical project through both engines;
any they refuse stops both engines with the rule's one line and leaves nothing behind; and
every name the rules accept gets, in both engines, suggestions that their rules accept.

Examples per test: TEMPLATES_HYPOTHESIS_EXAMPLES (default 4, kept small for CI; raise it
for a deeper search). Running a project's own tests takes seconds, so only a sample of the
accepted texts, a quarter of that number (at least one), goes that far. cookiecutter gets the answers through a replay file, which passes
them as they are (`--no-input` answers are rendered as Jinja first).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from answer_sets import asked_by, name_prefix, with_prefix
from cookiecutter.prompt import prompt_for_config
from copier._main import Worker
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jinja2 import Template
from rendering import (
    KINDS,
    ROOT,
    SOURCE,
    assert_files_parse,
    assert_ruff_finds_nothing,
    cookiecutter_command,
    cookiecutter_literal,
    copier_command,
    copy_of_collection,
    fresh_clone,
    markdown_shows,
    replay_context,
    run,
    tree,
    uv,
)

# Both engines render the work tree here, uncommitted changes included, from which copier
# records a throwaway commit as the release: the answers files are compared in test_render.py
# and test_copier_answers.py, where the engines render one commit.
FROM_THE_WORK_TREE = (".git", ".copier-answers.yml")

from hooks import answers

Result = subprocess.CompletedProcess[str]
EXAMPLES = int(os.environ.get("TEMPLATES_HYPOTHESIS_EXAMPLES", "4"))
CHOICES = {"min_python": SOURCE["python_versions"], "license": SOURCE["questions"]["license"]["choices"]}

FREE_TEXT = ("project_name", "description", "author_name")
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# No NUL: no command line can carry one, so no user can pass it to copier's --data.
any_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)


def fixed(kind: str) -> dict[str, str]:
    """The answers the free text does not vary: names the kind's rules accept, and an e-mail
    (its default is made from author_name, which varies here)."""
    return {
        "project_slug": with_prefix(kind, "prop-test"),
        "module_name": with_prefix(kind, "prop_test", "_"),
        "command_name": "prop-test",
        "author_email": "prop@example.com",
    }


def valid(question: str) -> st.SearchStrategy[str]:
    return any_text.filter(lambda value: answers.problem(question, value, CHOICES) is None)


def invalid(question: str) -> st.SearchStrategy[str]:
    return any_text.filter(lambda value: answers.problem(question, value, CHOICES) is not None)


def render_both(kind: str, given_answers: dict[str, str], workdir: Path) -> tuple[Result, Result, Path]:
    """cookiecutter through a replay file, copier through --data; both results and the out dir."""
    answers_given = {**fixed(kind), **given_answers}
    context = replay_context(kind, answers_given)
    replay = workdir / "replay.json"
    replay.write_text(json.dumps({"cookiecutter": context}), "utf-8")
    out = workdir / "out"
    cookiecutter = run(
        [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", kind,
         "--replay-file", str(replay), "--output-dir", str(out)],
        cwd=workdir,
    )  # fmt: skip
    copier_answers = {name: value for name, value in answers_given.items() if name in context}
    copier = run(copier_command(kind, copier_answers, out / "copier"), cwd=workdir)
    return cookiecutter, copier, out


@SETTINGS
@given(
    kind=st.sampled_from(KINDS),
    text=st.fixed_dictionaries({question: valid(question) for question in FREE_TEXT}),
    owner=st.from_regex(r"\A[A-Za-z0-9]{1,10}(-[A-Za-z0-9]{1,10}){0,2}\Z"),
)
# Found by hypothesis: an author name that looks like an option broke the first commit's hook.
@example(kind=KINDS[0], text={"project_name": "0", "description": "", "author_name": "-A"}, owner="0")
# What people type, which ruff flags in Python source: typographic marks, a lone Greek letter,
# and invisible characters (a zero-width space, bidirectional controls), in each place.
@example(
    kind=asked_by("command_name")[0],
    text={
        "project_name": "\u03b1\u200b\u202eTools\u2069",
        "description": "Summarise the café’s daily sales reports – 2×3\u00a0kg…",  # noqa: RUF001
        "author_name": "Zoë O’Brien\u200f",  # noqa: RUF001
    },
    owner="a",
)
def test_accepted_text_renders_the_same_valid_project(kind: str, text: dict[str, str], owner: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        cookiecutter, copier, out = render_both(kind, {**text, "github_owner": owner}, Path(scratch))
        assert cookiecutter.returncode == 0, cookiecutter.stderr
        assert copier.returncode == 0, copier.stderr
        project = out / fixed(kind)["project_slug"]
        assert tree(project, skip=FROM_THE_WORK_TREE) == tree(out / "copier", skip=FROM_THE_WORK_TREE)
        assert_files_parse(project)
        assert_ruff_finds_nothing(project)
        shown = markdown_shows((project / "README.md").read_text("utf-8"))
        assert shown[0] == text["project_name"].strip()
        assert not text["description"].strip() or text["description"].strip() in shown


@SETTINGS
@given(
    kind=st.sampled_from(KINDS),
    refused=st.sampled_from([*FREE_TEXT, "author_email", "github_owner"]).flatmap(
        lambda question: st.tuples(st.just(question), invalid(question))
    ),
)
def test_refused_text_stops_both_engines_with_one_line(kind: str, refused: tuple[str, str]) -> None:
    question, value = refused
    line = answers.problem(question, value, CHOICES)
    with tempfile.TemporaryDirectory() as scratch:
        cookiecutter, copier, out = render_both(kind, {question: value}, Path(scratch))
        # Lines end at \n only: the refused answer, quoted in the line, may hold a character
        # such as U+0085 that str.splitlines() also breaks at.
        assert cookiecutter.returncode == 1
        assert cookiecutter.stderr.split("\n")[0] == f"Invalid answer: {line}"
        assert copier.returncode == 1
        assert copier.stderr.rstrip("\n").split("\n")[-1].endswith(f": {line}")
        assert not out.exists() or list(out.iterdir()) == []


@settings(SETTINGS, max_examples=max(1, EXAMPLES // 4))
@given(
    kind=st.sampled_from(KINDS),
    text=st.fixed_dictionaries({question: valid(question) for question in FREE_TEXT}),
)
def test_accepted_text_gives_a_project_whose_own_tests_pass(kind: str, text: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        cookiecutter, _, out = render_both(kind, text, Path(scratch))
        assert cookiecutter.returncode == 0, cookiecutter.stderr
        clone = fresh_clone(out / fixed(kind)["project_slug"], Path(scratch) / "clone")
        result = run([uv(), "run", "pytest", "-q", "-p", "no:cacheprovider"], cwd=clone)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


# --- The names suggested from a project name ------------------------------------------------
# Each engine's own Jinja computes the suggestions in-process, as it does at the prompt:
# cookiecutter through its prompt_for_config, copier by going through its questions as
# `copier copy --defaults` does, checking each default with its validator.

MADE_FROM_THE_NAME = ["project_slug", "module_name", "command_name"]
COMMAND_KIND = asked_by("command_name")[0]
PREFIXED_KIND = next(kind for kind in KINDS if name_prefix(kind))

# Names from the issue, and the edges: a name cut at the limit, one that is all accents; then
# names with each kind's prefix, one of them with a letter that becomes two.
AWKWARD_NAMES = [
    "my project!",
    "Acme's Parser",
    "Café  Tools",
    "v1.2 (beta) [test]",
    "_Ünïcode_-",
    "Straße Œuvre Ĳssel",
    "e\u0301te\u0301",
    "日本語 Tools",
    "\uff21\uff22\uff23\u3000\uff11\uff12",  # full-width letters, digits and space
    "x" * 99 + " " + "y" * 200,
    "x" * 99 + "-y",
    "3D Tools",
    "Logging",
    "!!!",
    "日本語",
    # names without a plugin kind's prefix, from the issue, and the prefixes alone
    "My Checker",
    "UPPER Case Name",
    "Acme's Parser (v2)",
    "pytest Flaky Finder",
    *sorted({name_prefix(kind) for kind in KINDS} - {""}),
    *(
        f"{prefix}-{name}"
        for prefix in sorted({name_prefix(kind) for kind in KINDS} - {""})
        for name in ("My Plugin", "Ĳssel")
    ),
]

# Text rich in what names are made of: ASCII, accents on their own and composed, separators.
namish = st.text(st.sampled_from("aZ9 -_.'!/ éÆßĳ\u0301\uff21Œ日🚀"), max_size=120)


@functools.cache
def copier_questions() -> tuple[Any, dict[str, Any]]:
    """copier's Jinja environment for the collection, and its questions."""
    with tempfile.TemporaryDirectory() as scratch:  # a copy outside git: copier reads it as it is
        collection = copy_of_collection(Path(scratch) / "collection")
        environment = Worker(src_path=str(collection), dst_path=Path(scratch) / "project").jinja_env
        questions = yaml.safe_load((collection / "copier.yml").read_text("utf-8"))
    return environment, {name: entry for name, entry in questions.items() if not name.startswith("_")}


@functools.cache
def copier_template(text: str) -> Template:
    return copier_questions()[0].from_string(text)


def copier_suggestions(kind: str, project_name: str) -> tuple[str, dict[str, str]]:
    """What `copier copy --defaults --data kind=KIND --data project_name=NAME` answers up to the
    last name made from the project name: a validator's refusal ("" for none), the answers."""
    context: dict[str, Any] = {"kind": kind, "project_name": project_name}
    for name, entry in copier_questions()[1].items():
        if (
            name in ("kind", "cookiecutter")
            or copier_template(str(entry.get("when", True))).render(context) == "False"
        ):
            continue
        answer = context[name] if name in context else copier_template(entry["default"]).render(context)
        refused = copier_template(entry["validator"]).render({**context, name: answer}).strip()
        if refused:
            return refused, context
        context[name] = answer
        if name == [made for made in MADE_FROM_THE_NAME if kind in asked_by(made)][-1]:
            break
    return "", context


def cookiecutter_suggestions(kind: str, project_name: str) -> dict[str, Any]:
    """What cookiecutter suggests for every question once the project name is typed."""
    context = json.loads((ROOT / kind / "cookiecutter.json").read_text("utf-8"))
    context["project_name"] = cookiecutter_literal(project_name)
    return prompt_for_config({"cookiecutter": context}, no_input=True)


def first_broken_suggestion(kind: str, made: dict[str, str]) -> str | None:
    asked = [name for name in MADE_FROM_THE_NAME if name in made]
    found = (answers.problem(name, made[name], CHOICES, kind) for name in asked)
    return next((line for line in found if line), None)


@settings(
    max_examples=max(100, EXAMPLES * 25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(kind=st.sampled_from(KINDS), project_name=st.one_of(any_text, namish))
def test_every_name_gets_suggestions_its_rules_accept_in_both_engines(kind: str, project_name: str) -> None:
    check_suggestions(kind, project_name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("project_name", AWKWARD_NAMES)
def test_the_awkward_names_get_suggestions_their_rules_accept(kind: str, project_name: str) -> None:
    check_suggestions(kind, project_name)


def check_suggestions(kind: str, project_name: str) -> None:
    """Refused right after the name only when no suggestion could be valid; else valid
    suggestions, the same in both engines."""
    refused, from_copier = copier_suggestions(kind, project_name)
    own = answers.problem("project_name", project_name, CHOICES, kind)
    slug = answers.ascii_name(project_name, "-", answers.NAME_LIMIT, name_prefix(kind))
    if own:
        # only a name with no letter or digit to make names of (or not one line) is refused as such
        assert refused == own
        assert not slug or answers.problem("description", project_name, CHOICES)  # not one line
        return
    assert slug  # a name the rules accept always makes one
    from_cookiecutter = cookiecutter_suggestions(kind, project_name)
    made = {name: from_cookiecutter[name] for name in MADE_FROM_THE_NAME if name in from_cookiecutter}
    assert made["project_slug"] == slug  # the Jinja macro is the Python definition
    broken = first_broken_suggestion(kind, made)
    if refused:
        # refused right after the name, for a reason no suggestion could avoid
        assert broken is not None
        assert refused == answers.makes("project_name", project_name, broken)
        # a plugin kind's name is its prefix, not the prefix and the plugin's name
        module = made["module_name"]
        assert (
            module[0].isdigit() or module in answers.RULES["module_name"].refused or slug == name_prefix(kind)
        )
        return
    # accepted: every suggestion is valid as it stands, and both engines suggest the same
    assert broken is None
    assert {name: from_copier[name] for name in made} == made


@settings(max_examples=max(50, EXAMPLES * 10), deadline=None)
@given(author_name=st.one_of(any_text, namish))
@example(author_name="back\\slash")
@example(author_name="日本語")
def test_every_author_name_gets_an_email_its_rule_accepts_in_both_engines(author_name: str) -> None:
    if answers.problem("author_name", author_name, CHOICES):
        return
    context = json.loads((ROOT / KINDS[0] / "cookiecutter.json").read_text("utf-8"))
    context["author_name"] = cookiecutter_literal(author_name)
    email = prompt_for_config({"cookiecutter": context}, no_input=True)["author_email"]
    entry = copier_questions()[1]["author_email"]
    assert copier_template(entry["default"]).render({"author_name": author_name}) == email
    assert answers.problem("author_email", email, CHOICES) is None
    local_part = answers.ascii_name(author_name, ".", 64) or "you"  # the Python definition
    assert email == f"{local_part}@{SOURCE['organisation']['email_domain']}"
    name_validator = copier_questions()[1]["author_name"]["validator"]
    assert (
        copier_template(name_validator).render({"author_name": author_name, "kind": KINDS[0]}).strip() == ""
    )


@pytest.mark.parametrize(
    ("kind", "project_name"),
    [
        pytest.param(KINDS[0], with_prefix(KINDS[0], "my project!"), id="punctuation"),
        # where the command's name is made from it too
        pytest.param(
            COMMAND_KIND, with_prefix(COMMAND_KIND, "Café  Tools (v2.0)"), id="accents-and-brackets"
        ),
        pytest.param(KINDS[0], with_prefix(KINDS[0], "x" * 300), id="300-characters"),
        # a plugin kind's suggestions start with its prefix
        pytest.param(PREFIXED_KIND, "My Checker", id="a-plugin-named-without-its-prefix"),
    ],
)
def test_every_default_taken_after_an_awkward_name_renders(
    kind: str, project_name: str, tmp_path: Path
) -> None:
    """The whole way, as a user who types only the name: both engines, the same project."""
    from_cookiecutter = run(
        cookiecutter_command(kind, {"project_name": project_name}, tmp_path / "cc"), cwd=tmp_path
    )
    assert from_cookiecutter.returncode == 0, from_cookiecutter.stderr
    from_copier = run(copier_command(kind, {"project_name": project_name}, tmp_path / "copier"), cwd=tmp_path)
    assert from_copier.returncode == 0, from_copier.stderr
    slug = answers.ascii_name(project_name, "-", answers.NAME_LIMIT, name_prefix(kind))
    assert tree(tmp_path / "cc" / slug, skip=FROM_THE_WORK_TREE) == tree(
        tmp_path / "copier", skip=FROM_THE_WORK_TREE
    )
