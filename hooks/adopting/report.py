"""The adoption's report: what was kept, moved, replaced, added, left out and left for a person.

It is Markdown, the size of a pull request's description: printed, and written in the git
folder (never in the work tree, where it could be committed by mistake), ready for
`gh pr create --body-file`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from hooks.adopting.baseline import Baseline
from hooks.adopting.files import Placement
from hooks.adopting.identity import Identity
from hooks.adopting.packaging import VersionSource
from hooks.adopting.pyproject import Merge
from hooks.adopting.suite import Outcome, Verdict

# Files and folders of older set-ups that the templates replace, and what a person decides.
CI_NOW = "CI is GitHub Actions now (`.github/workflows/ci.yml`); delete it once that runs"
LOCKED_NOW = "`uv.lock` is the lock file now; delete it"
RUFF_NOW = "ruff lints the project now (`[tool.ruff]` in pyproject.toml)"
FOR_A_PERSON = {
    "tox.ini": (
        "the templates run every check with nox (`noxfile.py`, `uvx nox`); move what tox does that "
        "nox does not, then delete it"
    ),
    ".travis.yml": CI_NOW,
    "appveyor.yml": CI_NOW,
    ".gitlab-ci.yml": CI_NOW,
    "azure-pipelines.yml": CI_NOW,
    ".circleci": CI_NOW,
    "Makefile": "its targets may call the old tools and paths; `uvx nox` runs the checks now",
    "mkdocs.yml": (
        "the templates' docs are Sphinx with MyST Markdown (`docs/conf.py`, `uvx nox -s docs`); move "
        "the pages, or keep MkDocs and change the docs session"
    ),
    "MANIFEST.in": "hatchling does not read it: the sdist holds what git tracks",
    "setup.cfg": (
        "its metadata is in pyproject.toml now; its other sections configure tools, which may read "
        "pyproject.toml instead"
    ),
    "pytest.ini": "pytest reads it instead of [tool.pytest.ini_options] in pyproject.toml, the template's",
    ".coveragerc": "coverage can read [tool.coverage] in pyproject.toml instead",
    ".flake8": RUFF_NOW,
    ".pylintrc": RUFF_NOW,
    ".isort.cfg": "ruff sorts the imports now",
    "mypy.ini": "mypy reads it instead of [tool.mypy] in pyproject.toml, the template's",
    "poetry.lock": LOCKED_NOW,
    "pdm.lock": LOCKED_NOW,
    "Pipfile": "uv installs the project now (`uv.lock`); delete it and Pipfile.lock",
    "environment.yml": "uv installs the project now; keep it only if conda users need it",
}
REQUIREMENTS = (
    "its requirements are in pyproject.toml now (dependencies, or the test group); keep it only if "
    "something else reads it"
)
OLD_WORKFLOW = (
    "a workflow from before: `ci.yml` now runs the checks, `publish.yml` publishes; delete or merge it"
)
KEPT_OWN = (
    "the project's own, kept in place of the template's: compare the two, and keep what the project needs"
)
# The template's files whose place the project's own takes that a person compares.
COMPARE = (
    "noxfile.py",
    ".pre-commit-config.yaml",
    ".github/workflows/ci.yml",
    "CONTRIBUTING.md",
    ".readthedocs.yaml",
)
NULL_HANDLER_ADDED = "its logger has a NullHandler now, as every library of the templates gives its package's"
NULL_HANDLER_MISSING = (
    "a library of the templates gives its package's logger a NullHandler (`logging.getLogger(__name__)"
    ".addHandler(logging.NullHandler())`), tested in tests/test_package.py; this file is too small "
    "to take it and still be found as moved by git: add it in a commit after this one"
)
NOT_SPDX = "its licence, {!r}, is no SPDX expression: write one (PEP 639)"
NO_LICENCE = "the project states no licence: add one, and `license` in pyproject.toml"
NO_README = "the project has no README: write one, and add `readme` in pyproject.toml"
OWN_DOCS = (
    "the project's own docs: the templates build Sphinx docs with MyST from docs/conf.py (`uvx nox -s docs`)"
)
TABLE_OF_CONTENTS = "its table of contents names pages left out above: remove them from it, or write them"
PIN_GAVE_WAY = (
    "the project's bound for a tool the template's dependency groups pin too; with both, `uv run` "
    "resolves nothing"
)
CLASHING = (
    "the project had settings of its own for this tool, and the template's are in place: merge in what the "
    "project needs (`git show HEAD:pyproject.toml`)"
)


@dataclass
class Report:
    kind: str
    template: str
    release: str
    verdict: Verdict = field(default_factory=lambda: Verdict(Outcome(ran=False, summary="")))
    moved: list[tuple[str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    for_a_person: list[tuple[str, str]] = field(default_factory=list)
    baseline: Baseline | None = None  # the lint findings of the code as it was


def leftovers(project: Path, template_workflows: set[str]) -> list[tuple[str, str]]:
    """The files of older set-ups still in the project, each with what a person decides."""
    found = [(name, why) for name, why in FOR_A_PERSON.items() if (project / name).exists()]
    found += [
        (path.relative_to(project).as_posix(), REQUIREMENTS)
        for path in sorted([*project.glob("*requirements*.txt"), *project.glob("requirements/*.txt")])
    ]
    workflows = project / ".github" / "workflows"
    found += [
        (path.relative_to(project).as_posix(), OLD_WORKFLOW)
        for path in sorted(workflows.glob("*.y*ml"))
        if path.relative_to(project).as_posix() not in template_workflows
    ]
    return found


@dataclass(frozen=True)
class Facts:
    """What the adoption found and did, for the report to tell."""

    root: Path
    identity: Identity
    version: VersionSource
    placement: Placement
    has_docs: bool
    merge: Merge
    min_python: str


def describe(report: Report, facts: Facts) -> None:
    """Fill in what was kept, replaced, added and left out, and what a person decides."""
    identity, placement, metadata = facts.identity, facts.placement, facts.identity.metadata
    tools = facts.merge.tools
    report.kept = identity_lines(identity, facts.version)
    if facts.merge.added_tests:
        added = ", ".join(f"`{requirement}`" for requirement in facts.merge.added_tests)
        report.kept.append(f"what the project's tests need, in the test dependency group: {added}")
    own = [path for path in placement.kept if not path.startswith("docs/")]
    own += [
        name for name in (str(metadata.get("readme", "")), "tests/") if name and (facts.root / name).exists()
    ]
    own += ["docs/"] if facts.has_docs else []
    own += [
        f"[tool.{tool}]"
        for tool in dict.fromkeys(re.findall(r"^\[tool\.([\w-]+)", tools.kept if tools else "", re.MULTILINE))
    ]
    report.kept += [f"`{path}`: the project's own" for path in own]
    built = (
        ""
        if "hatchling" in identity.backend
        else f", which hatchling builds (the project's build backend was {identity.backend})"
    )
    report.replaced.insert(0, f"`pyproject.toml`: the template's{built}, with the identity above in it")
    if metadata.get("requires-python") and facts.min_python:
        was = metadata["requires-python"]
        report.replaced += [
            f"requires-python: `>={facts.min_python}` (it was `{was}`), the oldest the templates support"
        ]
    report.replaced += [
        f"`[tool.{tool}]` in pyproject.toml: the old packaging's; hatchling builds the project now"
        for tool in (tools.packaging if tools else [])
    ]
    report.replaced += [f"{change}: {PIN_GAVE_WAY}" for change in facts.merge.reconciled]
    report.added = placement.added
    report.left_out = placement.left_out
    workflows = {
        path for path in [*placement.added, *placement.kept] if path.startswith(".github/workflows/")
    }
    person = report.for_a_person
    person += leftovers(facts.root, workflows)
    person += [(path, KEPT_OWN) for path in placement.kept if path in COMPARE]
    person += [(f"[tool.{tool}] in pyproject.toml", CLASHING) for tool in (tools.clashing if tools else [])]
    person += [(what, f"{why}: check what pyproject.toml says now") for what, why in identity.unread]
    if isinstance(metadata.get("license"), dict):
        person.append(("pyproject.toml", NOT_SPDX.format(metadata["license"]["text"])))
    if not metadata.get("license") and not metadata.get("license-files"):
        person.append(("LICENSE", NO_LICENCE))
    if not (facts.root / str(metadata.get("readme", "README.md"))).is_file():
        person.append(("README.md", NO_README))
    if facts.has_docs:
        person.append(("docs/", OWN_DOCS))
    elif any(path.startswith("docs/") for path, _ in placement.left_out):
        person.append(("docs/index.md", TABLE_OF_CONTENTS))


def identity_lines(identity: Identity, version: VersionSource) -> list[str]:
    """The identity kept, a line for each part of it."""
    metadata = identity.metadata
    lines = [f"The identity, read from {', '.join(identity.read_from)}: name `{identity.name}`, {version}"]
    for key, title in (("description", "description"), ("license", "licence")):
        if metadata.get(key):
            lines.append(f"{title}: {json.dumps(metadata[key], ensure_ascii=False)}")
    lists = {
        "authors": [person.get("name") or person.get("email", "") for person in metadata.get("authors", [])],
        "maintainers": [
            person.get("name") or person.get("email", "") for person in metadata.get("maintainers", [])
        ],
        "dependencies": metadata.get("dependencies", []),
        "extras": list(metadata.get("optional-dependencies", {})),
        "console scripts": list(metadata.get("scripts", {})),
        "GUI scripts": list(metadata.get("gui-scripts", {})),
        "entry points": [
            f"{group}: {', '.join(points)}" for group, points in metadata.get("entry-points", {}).items()
        ],
        "URLs": list(metadata.get("urls", {})),
    }
    return lines + [
        f"{title}: {', '.join(f'`{item}`' for item in items)}" for title, items in lists.items() if items
    ]


def _tests(verdict: Verdict) -> list[str]:
    outcome = verdict.outcome
    if not outcome.ran:
        return [f"`uv run pytest` did not run the tests: {outcome.summary}"]
    lines = [f"`uv run pytest`: {outcome.summary}."]
    lines += [
        f"- `{failure.test}` ({failure.reason or 'no reason given'}): {failure.before}."
        for failure in verdict.team_failures
    ]
    lines += [
        f"- `{test}`, a test of the templates': {outcome.failures[test]}"
        for test in verdict.templates_failing
    ]
    return lines


BASELINE = (
    "Lint (`uvx nox -s lint`): the code as it was has {}. They are its baseline in pyproject.toml "
    "(`[tool.ruff.lint.per-file-ignores]`, `[tool.ruff.format] exclude`, `[[tool.mypy.overrides]]`), so "
    "lint passes, and new code meets every rule. To shrink it, delete an entry, run `uvx nox -s lint` "
    "(`uvx nox -s fix` fixes and formats what it can) and fix what it finds."
)


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _lint(baseline: Baseline | None) -> list[str]:
    if baseline is None or baseline.empty:
        return []
    parts = []
    if baseline.ruff:
        parts.append(f"{_count(baseline.findings, 'ruff finding')} in {_count(len(baseline.ruff), 'file')}")
    if baseline.unformatted:
        parts.append(f"{_count(len(baseline.unformatted), 'file')} ruff would format")
    if baseline.mypy:
        errors = _count(baseline.mypy_errors, "mypy --strict error")
        parts.append(f"{errors} in {_count(len(baseline.mypy), 'module')}")
    lines = ["", BASELINE.format(", ".join(parts))]
    lines += [f"- still failing: {left}" for left in baseline.left]
    return lines


def _by_folder(paths: list[str]) -> list[str]:
    """Files at the top, a line each; the others a line for each top folder."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        folders.setdefault(path.split("/")[0] + "/" if "/" in path else path, []).append(path)
    return [
        f"`{top}`" + (f": {', '.join(f'`{p}`' for p in inside)}" if top.endswith("/") else "")
        for top, inside in folders.items()
    ]


def _by_reason(items: list[tuple[str, str]]) -> list[str]:
    """A line for each reason, naming every file it applies to."""
    reasons: dict[str, list[str]] = {}
    for path, why in items:
        reasons.setdefault(why, []).append(path)
    return [f"{', '.join(f'`{path}`' for path in paths)}: {why}" for why, paths in reasons.items()]


def _section(title: str, items: list[str]) -> list[str]:
    return ["", f"### {title}", "", *(f"- {item}" for item in items)] if items else []


def markdown(report: Report) -> str:
    lines = [
        f"## Adopt the {report.kind} template",
        "",
        (
            f"The project now follows the {report.kind} template of `{report.template}`, release "
            f"{report.release}: `uvx copier update --trust` brings in its next releases. Its code, "
            "tests and metadata are its own, as they were."
        ),
        "",
        *_tests(report.verdict),
        *_lint(report.baseline),
    ]
    lines += _section(
        "Moved, with `git mv` (`git log --follow` shows each file's history)",
        [f"`{old}` → `{new}`" for old, new in report.moved],
    )
    lines += _section("Kept", report.kept)
    lines += _section("Replaced", report.replaced)
    lines += _section("Added from the template", _by_folder(report.added))
    lines += _section("Left out of the template", _by_reason(report.left_out))
    lines += _section("For a person to decide", [f"`{path}`: {why}" for path, why in report.for_a_person])
    return "\n".join(lines) + "\n"
