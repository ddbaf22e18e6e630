"""The answer sets every kind is rendered with, built from the question source.

Each choice of every choice question appears in some set (a test checks it), so adding a
licence or a Python version to templates/questions.toml adds it to the matrix.
"""

from __future__ import annotations

from rendering import KINDS, SOURCE, AnswerSet

# Text that breaks naive templates: quotes of both kinds, a backslash, Jinja braces, what
# Markdown and reStructuredText read as markup (a list's opening, emphasis, code, a link, an
# entity, a reference's trailing _), non-ASCII letters and an emoji outside the Basic
# Multilingual Plane. The description adds HTML, which an author's name may not hold.
AWKWARD_TEXT = (
    '1. Zoë\'s "quoted" \\ {{ not Jinja }} *not* `code` [link](x) &amp; a_b_ |c| #2 $5 naïve café ✓ 🚀'
)


def _choices(name: str) -> list[str]:
    choices = SOURCE["questions"][name]["choices"]
    return SOURCE[choices] if isinstance(choices, str) else choices


def answer_sets(kind: str) -> list[AnswerSet]:
    licences, versions = _choices("license"), _choices("min_python")
    # pytest's naming convention, which the pytest-plugin kind enforces
    slug_prefix, module_prefix = ("pytest-", "pytest_") if kind == "pytest-plugin" else ("", "")
    sets = [
        AnswerSet("defaults", kind),
        AnswerSet(
            "awkward-text",
            kind,
            {
                "project_name": AWKWARD_TEXT,
                "project_slug": f"{slug_prefix}awkward-2-text",
                "module_name": f"{module_prefix}awkward_2_text",
                "description": AWKWARD_TEXT + " <b>HTML</b>",
                "author_name": AWKWARD_TEXT,
                "author_email": "zoe.o-brien+tag@example.co.uk",
                "github_owner": "a-b-9",
            },
        ),
    ]
    # Pair every other licence with a later Python version, so both are covered in few renders.
    for index, licence in enumerate(licences[1:], start=1):
        version = versions[min(index, len(versions) - 1)]
        sets.append(
            AnswerSet(
                f"{licence.lower()}-python{version}",
                kind,
                {
                    "project_name": f"{slug_prefix}Licence {licence}",
                    "license": licence,
                    "min_python": version,
                },
            )
        )
    return sets


ALL = [answer_set for kind in KINDS for answer_set in answer_sets(kind)]
FULL_CHECK = {answer_set.id for answer_set in ALL if answer_set.name in ("defaults", "awkward-text")}
