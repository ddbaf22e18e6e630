"""Any free text the rules accept renders a valid, identical project through both engines;
any they refuse stops both engines with the rule's one line and leaves nothing behind.

Examples per test: TEMPLATES_HYPOTHESIS_EXAMPLES (default 4, kept small for CI; raise it
for a deeper search). Running a project's own tests takes seconds, so only a sample of the
accepted texts, a quarter of that number (at least one), goes that far. cookiecutter gets the answers through a replay file, which passes
them as they are (`--no-input` answers are rendered as Jinja first).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rendering import (
    KINDS,
    ROOT,
    SOURCE,
    assert_files_parse,
    copier_command,
    fresh_clone,
    replay_context,
    run,
    tree,
    uv,
)

from hooks import answers

Result = subprocess.CompletedProcess[str]
EXAMPLES = int(os.environ.get("TEMPLATES_HYPOTHESIS_EXAMPLES", "4"))
CHOICES = {"min_python": SOURCE["python_versions"], "license": SOURCE["questions"]["license"]["choices"]}
FIXED = {
    "project_slug": "pytest-prop-test",
    "module_name": "pytest_prop_test",
    "command_name": "prop-test",
    # its default is made from author_name, which varies here
    "author_email": "prop@example.com",
}
FREE_TEXT = ("project_name", "description", "author_name")
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# No NUL: no command line can carry one, so no user can pass it to copier's --data.
any_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)


def valid(question: str) -> st.SearchStrategy[str]:
    return any_text.filter(lambda value: answers.problem(question, value, CHOICES) is None)


def invalid(question: str) -> st.SearchStrategy[str]:
    return any_text.filter(lambda value: answers.problem(question, value, CHOICES) is not None)


def render_both(kind: str, given_answers: dict[str, str], workdir: Path) -> tuple[Result, Result, Path]:
    """cookiecutter through a replay file, copier through --data; both results and the out dir."""
    context = replay_context(kind, {**FIXED, **given_answers})
    replay = workdir / "replay.json"
    replay.write_text(json.dumps({"cookiecutter": context}), "utf-8")
    out = workdir / "out"
    cookiecutter = run(
        [sys.executable, "-m", "cookiecutter", str(ROOT), "--directory", kind,
         "--replay-file", str(replay), "--output-dir", str(out)],
        cwd=workdir,
    )  # fmt: skip
    copier_answers = {name: value for name, value in {**FIXED, **given_answers}.items() if name in context}
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
def test_accepted_text_renders_the_same_valid_project(kind: str, text: dict[str, str], owner: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        cookiecutter, copier, out = render_both(kind, {**text, "github_owner": owner}, Path(scratch))
        assert cookiecutter.returncode == 0, cookiecutter.stderr
        assert copier.returncode == 0, copier.stderr
        project = out / FIXED["project_slug"]
        without_answers_file = (".git", ".copier-answers.yml")
        assert tree(project) == tree(out / "copier", skip=without_answers_file)
        assert_files_parse(project)
        readme = (project / "README.md").read_text("utf-8")
        assert text["project_name"] in readme
        assert text["description"] in readme


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
        clone = fresh_clone(out / FIXED["project_slug"], Path(scratch) / "clone")
        result = run([uv(), "run", "pytest", "-q", "-p", "no:cacheprovider"], cwd=clone)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
