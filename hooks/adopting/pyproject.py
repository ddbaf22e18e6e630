"""The rendered pyproject.toml, with the project's identity in place of the template's answers.

Both files are read and edited with tomlkit, which keeps what it is not asked to change as it
was: every line the identity does not change stays as the template wrote it, so that `copier
update` finds the template's lines and applies a release's changes to them as to any
project's; and the project's own tool tables come over with their comments and layout.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Table

from hooks.adopting.pins import Reconciled, reconcile

# Tools whose tables describe the old packaging: the templates' hatchling replaces them.
PACKAGING_TOOLS = frozenset(
    [
        "setuptools",
        "setuptools_scm",
        "poetry",
        "poetry-dynamic-versioning",
        "hatch",
        "flit",
        "pdm",
        "distutils",
    ]
)
# Classifiers the templates write from the answers; the project's other classifiers are kept.
TEMPLATE_CLASSIFIERS = ("Programming Language :: Python", "License ::", "Typing ::", "Operating System ::")


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A string, list or table as an inline TOML value (JSON's string escapes are TOML's too)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def laid_out(value: Any) -> Any:
    """`value` as the template lays such a value out: a list of tables, or a long list, one item
    a line, indented by two spaces; anything else on one line."""
    if isinstance(value, list) and (
        any(isinstance(item, dict) for item in value) or len(toml_value(value)) > 80
    ):
        text = "\n".join(["value = [", *(f"  {toml_value(item)}," for item in value), "]"])
    else:
        text = f"value = {toml_value(value)}"
    return tomlkit.parse(text + "\n")["value"]


def _body(table: Table | Container) -> Container:
    return table.value if isinstance(table, Table) else table


def _keys(table: Table) -> list[str]:
    return [name.key for name, _ in _body(table).body if name is not None]


def put(table: Table, key: str, value: Any, *, after: str = "") -> None:
    """Set `key`; one that is not there yet goes after the key `after`, or after the last key, so
    before the comments and blank lines that tomlkit keeps at the table's end (they belong above
    the next table)."""
    if key in table:
        table[key] = laid_out(value)
        return
    keys = _keys(table)
    anchor = after if after in keys else keys[-1] if keys else ""
    body = _body(table)
    at = next((i + 1 for i, (name, _) in enumerate(body.body) if name is not None and name.key == anchor), 0)
    # tomlkit inserts at a place in a table only through this method
    body._insert_at(at, key, laid_out(value))


def drop(table: Table, key: str) -> None:
    if key in table:
        del table[key]


def _leaves(container: Container) -> list[Table]:
    """The tables with a header, in the file's order."""
    found: list[Table] = []
    for _, item in container.body:
        if isinstance(item, Table):
            if not item.is_super_table():
                found.append(item)
            found += _leaves(item.value)
    return found


def _tail(table: Table) -> list[Any]:
    """Take the comments and blank lines at the end of the table's last part: tomlkit keeps there
    what the file has above the next table."""
    body = _body(_leaves(table.value)[-1] if table.is_super_table() else table).body
    tail: list[Any] = []
    while body and body[-1][0] is None:
        tail.insert(0, body.pop()[1])
    return tail


def drop_table(document: tomlkit.TOMLDocument, parent: Table, name: str) -> None:
    """A table, with the comments and blank line above it; those below it stay above the next."""
    if name not in parent:
        return
    table = parent[name]
    leaves = _leaves(document)
    first = (_leaves(table.value) or [table])[0] if table.is_super_table() else table
    below = _tail(table)
    before = leaves[leaves.index(first) - 1] if leaves.index(first) > 0 else None
    del parent[name]
    if before is not None:
        _tail(before)
        for item in below:
            _body(before).append(None, item)


def append_table(parent: Table, name: str, table: Table) -> None:
    """A table after the parent's last, before what the file has above the next table."""
    leaves = _leaves(parent.value)
    below = _tail(leaves[-1]) if leaves else []
    parent.append(name, table)
    last = (_leaves(table.value) or [table])[-1] if table.is_super_table() else table
    for item in below:
        _body(last).append(None, item)


def plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


@dataclass
class ToolTables:
    """The project's own [tool.*] tables, sorted by what becomes of them."""

    kept: str  # the text of those for tools the template does not configure
    clashing: list[str]  # tools the template configures too: its settings are in place
    packaging: list[str]  # the old packaging's tools, which hatchling replaces


@dataclass
class Merge:
    """What the project keeps in the rendered pyproject.toml."""

    metadata: dict[str, Any]
    version: str  # a static version; "" when dynamic
    version_path: str  # the file hatch reads `__version__` from; "" when static or from git
    vcs: bool
    vcs_options: dict[str, Any]  # setuptools-scm's, which hatch-vcs takes as its raw-options
    version_file: str  # where the build writes the version from git tags, as a path after the moves
    packages: list[str]  # the wheel's packages, as paths under src/
    test_requirements: list[str]
    testpaths: list[str]  # added to the template's
    tools: ToolTables | None = None  # the project's own [tool.*] tables
    added_tests: list[str] = field(default_factory=list)  # the requirements added to the test group
    reconciled: list[Reconciled] = field(default_factory=list)  # old pins that gave way to the template's


def _project(project: Table, merge: Merge) -> None:
    metadata = merge.metadata
    put(project, "name", metadata["name"])
    if metadata.get("description"):  # one line, as core metadata's Summary must be
        put(project, "description", " ".join(str(metadata["description"]).split()))
    else:
        drop(project, "description")
    if metadata.get("keywords"):
        put(project, "keywords", metadata["keywords"], after="description")
    # PEP 639: licence files go with an SPDX expression, not with the old table of free text
    spdx = not isinstance(metadata.get("license"), dict)
    for key in ("authors", "maintainers"):  # an empty name or e-mail is none: hatchling refuses ""
        people = [{k: v for k, v in person.items() if v} for person in metadata.get(key, [])]
        metadata[key] = [person for person in people if person]
    for key in ("readme", "license", "license-files", "authors"):
        if metadata.get(key) and (spdx or key != "license-files"):
            put(project, key, metadata[key])
        else:
            drop(project, key)
    if metadata.get("maintainers"):
        after = "authors" if metadata.get("authors") else "license"
        put(project, "maintainers", metadata["maintainers"], after=after)
    classifiers = plain(project.get("classifiers")) or []
    own = [
        c
        for c in metadata.get("classifiers", [])
        if c not in classifiers and not c.startswith(TEMPLATE_CLASSIFIERS)
    ]
    status = [c for c in own if c.startswith("Development Status ::")]
    if status:
        classifiers = [status[0] if c.startswith("Development Status ::") else c for c in classifiers]
    put(project, "classifiers", classifiers + [c for c in own if c not in status])
    if merge.version:
        drop(project, "dynamic")
        put(project, "version", merge.version, after="classifiers")
    put(project, "dependencies", metadata.get("dependencies", []))


def _urls(project: Table, urls: dict[str, str]) -> None:
    table = project.setdefault("urls", tomlkit.table())
    rendered = {key.lower(): key for key in table}
    for key, url in urls.items():
        put(table, rendered.get(key.lower(), key), url)


def _entry_points(document: tomlkit.TOMLDocument, metadata: dict[str, Any]) -> None:
    """The template's scripts and entry points out, the project's in, after [project.urls]."""
    project: Table = document["project"]
    for name in ("scripts", "gui-scripts", "entry-points"):
        drop_table(document, project, name)
    tables = [
        ("optional-dependencies", metadata.get("optional-dependencies", {})),
        ("scripts", metadata.get("scripts", {})),
        ("gui-scripts", metadata.get("gui-scripts", {})),
    ]
    for name, values in tables:
        if values:
            append_table(project, name, _table(values))
    groups = metadata.get("entry-points", {})
    if groups:
        entry_points = tomlkit.table(is_super_table=True)
        for group, points in groups.items():
            entry_points.append(group, _table(points))
        append_table(project, "entry-points", entry_points)


def _table(values: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in values.items():
        table.append(key, laid_out(value))
    return table


def _tools(document: tomlkit.TOMLDocument, merge: Merge) -> None:
    groups = document.setdefault("dependency-groups", tomlkit.table())
    test = plain(groups.get("test")) or []
    extra, merge.reconciled = reconcile(plain(groups), merge.test_requirements)
    if extra:
        put(groups, "test", [*test, *extra])
        merge.added_tests = extra
    hatch = document["tool"]["hatch"]
    if merge.version:
        drop_table(document, hatch, "version")
    elif merge.vcs:
        version = hatch.setdefault("version", tomlkit.table())
        drop(version, "path")
        put(version, "source", "vcs")
        if merge.vcs_options:
            put(version, "raw-options", merge.vcs_options)
        if merge.version_file:
            hooks = tomlkit.table(is_super_table=True)
            hooks.append("vcs", _table({"version-file": merge.version_file}))
            append_table(hatch.setdefault("build", tomlkit.table(is_super_table=True)), "hooks", hooks)
        build = document["build-system"]
        put(build, "requires", [*plain(build["requires"]), "hatch-vcs>=0.4"])
    else:
        put(hatch.setdefault("version", tomlkit.table()), "path", merge.version_path)
    if len(merge.packages) > 1:
        super_table = tomlkit.table(is_super_table=True)
        targets = hatch.setdefault("build", super_table).setdefault(
            "targets", tomlkit.table(is_super_table=True)
        )
        wheel = targets.setdefault("wheel", tomlkit.table())
        put(wheel, "packages", merge.packages)
    pytest = document["tool"].get("pytest", {}).get("ini_options")
    if merge.testpaths and pytest is not None and "testpaths" in pytest:
        put(pytest, "testpaths", [*plain(pytest["testpaths"]), *merge.testpaths])


def merged(rendered: str, merge: Merge) -> str:
    document = tomlkit.parse(rendered)
    project = document["project"]
    _project(project, merge)
    _urls(project, merge.metadata.get("urls", {}))
    _entry_points(document, merge.metadata)
    _tools(document, merge)
    text = tomlkit.dumps(document).rstrip("\n") + "\n"
    if merge.tools and merge.tools.kept:
        text += "\n# The project's own settings, as it had them before it adopted the templates.\n"
        text += merge.tools.kept
    tomllib.loads(text)  # a mistake here must stop the adoption, not break the project
    return text


def own_tool_tables(original: str, rendered: str, backend: str) -> ToolTables:
    rendered_tools = set(tomllib.loads(rendered).get("tool", {}))
    # a project that hatchling built already had hatch settings, which the template's replace
    replaced = PACKAGING_TOOLS - {"hatch"} if "hatchling" in backend else PACKAGING_TOOLS
    tools = tomlkit.parse(original).get("tool", {})
    packaging = [tool for tool in tools if tool in replaced]
    clashing = [tool for tool in tools if tool not in replaced and tool in rendered_tools]
    kept = tomlkit.table(is_super_table=True)
    for tool in tools:
        if tool not in replaced and tool not in rendered_tools:
            kept.append(tool, tools[tool])
    if not kept:
        return ToolTables("", clashing, packaging)
    document = tomlkit.document()
    document.append("tool", kept)
    return ToolTables(tomlkit.dumps(document).strip("\n") + "\n", clashing, packaging)
