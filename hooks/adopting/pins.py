"""The team's test requirements against the template's tools: one bound for each tool.

An older project pins its tools where they were when it was set up (`mypy>=0.982,<0.983`,
`pytest>=7.2,<8`, `ruff>=0.0.272,<0.0.273`, as poetry's caret bounds read). The template's
dependency groups need newer releases of the same tools, and `uv run` installs both: with the
two bounds side by side nothing resolves, and no test runs. So where a group of the template
names the tool, its bound is the one kept, and each such change is named in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reconciled:
    """One of the team's requirements that gave way to the template's for the same tool."""

    old: str  # as the project had it
    new: str  # the template's
    group: str  # the template's dependency group that has it

    def __str__(self) -> str:
        return f"`{self.old}` → `{self.new}` (the template's, in its `{self.group}` group)"


def name_of(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\s\[<>=!~;^@]", requirement.strip(), maxsplit=1)[0]).lower()


def _bounds(requirement: str) -> str:
    """What a requirement says beyond its name, spaces aside: `>=1.18`, `[toml]>=4;python_version>'3'`."""
    return "".join(re.sub(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*", "", requirement).split())


def reconcile(groups: dict[str, Any], requirements: list[str]) -> tuple[list[str], list[Reconciled]]:
    """The requirements to add to the test group (tools the template has no bound for), and the
    ones that gave way to the template's bound where they set one of their own."""
    template: dict[str, tuple[str, str]] = {}
    for group, entries in groups.items():
        for entry in entries:
            if isinstance(entry, str):  # not an {include-group = ...}
                template.setdefault(name_of(entry), (entry, group))
    added: list[str] = []
    changed: list[Reconciled] = []
    for requirement in requirements:
        theirs = template.get(name_of(requirement))
        if theirs is None:
            added.append(requirement)
        elif _bounds(requirement) not in ("", _bounds(theirs[0])):
            changed.append(Reconciled(requirement.strip(), theirs[0], theirs[1]))
    return added, changed
