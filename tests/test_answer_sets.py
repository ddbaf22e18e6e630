from answer_sets import ALL
from rendering import KINDS, SOURCE


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
