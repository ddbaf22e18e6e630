"""The question source as the organisation configured it, what it says about each kind, and the
answer sets every kind is rendered with, built from it.

Each choice of every choice question appears in some set (a test checks it), so adding a
licence or a Python version to templates/questions.toml adds it to the matrix; every kind
gets every set, its names shaped by its own table, so adding a kind adds it to the matrix too.
tests/rendering.py imports this module, not the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hooks.answers import NAME_LIMIT, ascii_name
from hooks.organisation import load_source

ROOT = Path(__file__).resolve().parent.parent

# The questions as the organisation configured them (templates/questions.toml, organisation.toml)
SOURCE = load_source(ROOT)


@dataclass(frozen=True)
class AnswerSet:
    """Answers for one kind, named so that a failing test says which combination broke."""

    name: str
    kind: str
    answers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.name}"


# --- What a kind's table says --------------------------------------------------------------


def kind_field(kind: str, name: str) -> Any:
    """A field of the kind's table that a test needs: missing, the test fails saying so."""
    table = SOURCE["kinds"][kind]
    if name not in table:
        pytest.fail(f"templates/questions.toml: [kinds.{kind}] has no {name}", pytrace=False)
    return table[name]


def name_prefix(kind: str) -> str:
    """What the kind's distribution and import names start with (PREFIX- and PREFIX_), or ""."""
    return str(SOURCE["kinds"][kind].get("name_prefix", ""))


def with_prefix(kind: str, name: str, separator: str = "-") -> str:
    """`name` as the kind's name rule wants it: after its prefix and `separator`, if it has one."""
    prefix = name_prefix(kind)
    return f"{prefix}{separator}{name}" if prefix else name


def unprefixed_kind() -> str:
    """The first kind whose names need no prefix: the one Use this template sets up for a
    repository whose name starts with no kind's prefix, and the one that takes any name."""
    found = next((kind for kind in SOURCE["kinds"] if not name_prefix(kind)), None)
    if found is None:
        pytest.fail("templates/questions.toml: every kind has a name_prefix; the tests need one without")
    return found


def asked_by(question: str) -> list[str]:
    """The kinds that ask a question."""
    return list(SOURCE["questions"][question].get("kinds", SOURCE["kinds"]))


def default_answer(kind: str, question: str) -> str:
    """A question's default for the kind: its table's `defaults`, else the question's own."""
    return str(
        SOURCE["kinds"][kind].get("defaults", {}).get(question, SOURCE["questions"][question]["default"])
    )


def default_slug(kind: str) -> str:
    """The distribution name of the kind's project when every default is taken: the name
    `ascii_name()` makes of its default project name, as the project_slug default does."""
    return ascii_name(default_answer(kind, "project_name"), "-", NAME_LIMIT)


# --- The answer sets -----------------------------------------------------------------------

# Text that breaks naive templates: quotes of both kinds, a backslash, Jinja braces, what
# Markdown and reStructuredText read as markup (a list's opening, emphasis, code, a link, an
# entity, a reference's trailing _), non-ASCII letters and an emoji outside the Basic
# Multilingual Plane; then what phones and word processors type, which ruff flags in Python
# source as look-alikes of ASCII: curly quotes, dashes, an ellipsis, a multiplication sign, a
# non-breaking space, a Greek letter. The description adds HTML, which an author's name may not hold.
AWKWARD_TEXT = (
    '1. Zoë\'s "quoted" \\ {{ not Jinja }} *not* `code` [link](x) &amp; a_b_ |c| #2 $5 naïve café ✓ 🚀'
    " the café’s “daily” ‘sales’ – 9—5… 2×3\u00a0kg α"  # noqa: RUF001 (what the test is about)
)


def _choices(name: str) -> list[str]:
    choices = SOURCE["questions"][name]["choices"]
    return SOURCE[choices] if isinstance(choices, str) else choices


def answer_sets(kind: str) -> list[AnswerSet]:
    licences, versions = _choices("license"), _choices("min_python")
    sets = [
        AnswerSet("defaults", kind),
        AnswerSet(
            "awkward-text",
            kind,
            {
                "project_name": AWKWARD_TEXT,
                "project_slug": with_prefix(kind, "awkward-2-text"),
                "module_name": with_prefix(kind, "awkward_2_text", "_"),
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
                    "project_name": with_prefix(kind, f"Licence {licence}"),
                    "license": licence,
                    "min_python": version,
                },
            )
        )
    return sets


ALL = [answer_set for kind in SOURCE["kinds"] for answer_set in answer_sets(kind)]
FULL_CHECK = {answer_set.id for answer_set in ALL if answer_set.name in ("defaults", "awkward-text")}
