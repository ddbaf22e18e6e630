import pytest
from answer_sets import ALL, AnswerSet, default_answer
from rendering import KINDS, SOURCE

from hooks import answers
from hooks.answers import NAME_LIMIT, ascii_name

CHOICES = {"min_python": SOURCE["python_versions"], "license": SOURCE["questions"]["license"]["choices"]}


def test_every_choice_of_every_question_is_rendered_for_every_kind() -> None:
    for kind in KINDS:
        for name, question in SOURCE["questions"].items():
            if "choices" not in question:
                continue
            choices = question["choices"]
            choices = SOURCE[choices] if isinstance(choices, str) else choices
            used = {s.answers.get(name, choices[0]) for s in ALL if s.kind == kind}
            assert used == set(choices), (kind, name)


def test_answer_set_ids_are_unique() -> None:
    ids = [answer_set.id for answer_set in ALL]
    assert len(ids) == len(set(ids))


def test_every_kind_gets_every_answer_set() -> None:
    names = {kind: [answer_set.name for answer_set in ALL if answer_set.kind == kind] for kind in KINDS}
    assert names == dict.fromkeys(KINDS, names[KINDS[0]])


@pytest.mark.parametrize("answer_set", ALL, ids=lambda answer_set: answer_set.id)
def test_every_answer_set_follows_its_kinds_rules(answer_set: AnswerSet) -> None:
    """Its names, given or made from its project name (else the kind's default), obey the
    kind's rules, its name_prefix too: its renders can then fail only for what templates do."""
    kind, given = answer_set.kind, answer_set.answers
    slug = given.get("project_slug") or ascii_name(
        given.get("project_name", default_answer(kind, "project_name")), "-", NAME_LIMIT
    )
    names = {"project_slug": slug, "module_name": slug.replace("-", "_"), **given}
    assert answers.problems(names, CHOICES, kind) == [], f"templates/questions.toml: [kinds.{kind}]"
