"""The team's test requirements as an installer takes them, for the run of the tests before adopting.

The identity gathers them from wherever the project keeps them (test and dev extras, poetry, pdm
and uv dependency groups, hatch environments, tox deps, requirements files). An installer cannot
take all of what those list: the project itself (`old-project[test]` in a dev group), tox's
`{toxinidir}` substitutions, pip options. And an old pin may no longer install on today's Python
(`mypy>=0.910,<0.911`), so the run before can fall back to the same requirements unpinned: what
it must tell is whether the tests passed, not under which release of a tool.
"""

from __future__ import annotations

import re

from hooks.adopting.identity import normalised

# A requirement's name and extras: `pytest-cov[toml]>=2.8` -> `pytest-cov[toml]`.
NAME_AND_EXTRAS = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?")


def installable(requirements: list[str], project: str) -> list[str]:
    """The requirements an installer can take, without the project itself (it is installed anyway)."""
    kept = []
    for requirement in requirements:
        match = NAME_AND_EXTRAS.match(requirement)
        if match is None or requirement.lstrip().startswith("-") or "{" in requirement:
            continue
        if normalised(match.group(1)) != normalised(project):
            kept.append(requirement.strip())
    return kept


def unpinned(requirements: list[str]) -> list[str]:
    """The same requirements with no version bounds (their markers kept)."""
    found = []
    for requirement in requirements:
        match = NAME_AND_EXTRAS.match(requirement)
        if match is None:
            continue
        marker = requirement.split(";", 1)[1].strip() if ";" in requirement else ""
        found.append(match.group(1) + (match.group(2) or "") + (f"; {marker}" if marker else ""))
    return found
