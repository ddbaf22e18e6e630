"""The rendered pyproject.toml, with the project's identity in place of the template's answers.

The rendered file is edited line by line, not written anew: every line the identity does not
change stays as the template wrote it, so that `copier update` finds the template's lines and
applies a release's changes to them as to any project's. The standard library reads TOML but
does not write it; the few values written here are strings, lists and tables of strings.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

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
HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
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


def toml_lines(key: str, value: Any) -> list[str]:
    """`key = value`; a list of tables, or a long list, one item a line as the template writes."""
    if isinstance(value, list) and (
        any(isinstance(item, dict) for item in value) or len(toml_value(value)) > 80
    ):
        return [f"{toml_key(key)} = [", *(f"  {toml_value(item)}," for item in value), "]"]
    return [f"{toml_key(key)} = {toml_value(value)}"]


def _depth(line: str) -> int:
    """How many brackets a line leaves open, strings and comments aside."""
    depth, quote, index = 0, "", 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        index += 1
    return depth


@dataclass
class Lines:
    """A TOML file as lines, edited by table and key."""

    lines: list[str]

    def table(self, name: str) -> tuple[int, int] | None:
        """The header's index and the index after the table's last line that is not blank."""
        start = next(
            (i for i, line in enumerate(self.lines) if (m := HEADER.match(line)) and m.group(1) == name), None
        )
        if start is None:
            return None
        end = next(
            (i for i in range(start + 1, len(self.lines)) if HEADER.match(self.lines[i])), len(self.lines)
        )
        while end > start + 1 and (
            not self.lines[end - 1].strip() or self.lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        return start, end

    def tables(self, prefix: str) -> list[str]:
        names = [m.group(1) for line in self.lines if (m := HEADER.match(line))]
        return [name for name in names if name == prefix or name.startswith(f"{prefix}.")]

    def key(self, table: str, key: str) -> tuple[int, int] | None:
        span = self.table(table)
        if span is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(toml_key(key))}\s*=")
        for start in range(span[0] + 1, span[1]):
            if pattern.match(self.lines[start]):
                end, depth = start, _depth(self.lines[start])
                while depth > 0 and end + 1 < len(self.lines):
                    end += 1
                    depth += _depth(self.lines[end])
                return start, end + 1
        return None

    def value(self, table: str, key: str) -> Any:
        span = self.key(table, key)
        return tomllib.loads("\n".join(self.lines[span[0] : span[1]]))[key] if span else None

    def set(self, table: str, key: str, value: Any, *, after: str = "") -> None:
        """Replace `key`'s lines; a key that is not there goes after the key `after`, or last."""
        span = self.key(table, key)
        new = toml_lines(key, value)
        if span is None:
            anchor = self.key(table, after) if after else None
            at = anchor[1] if anchor else self.table(table)[1]  # type: ignore[index]
            self.lines[at:at] = new
        else:
            self.lines[span[0] : span[1]] = new

    def drop(self, table: str, key: str) -> None:
        span = self.key(table, key)
        if span:
            del self.lines[span[0] : span[1]]

    def drop_table(self, name: str) -> None:
        """A table, the comment lines just above it and one blank line before those."""
        span = self.table(name)
        if span is None:
            return
        start = span[0]
        while start > 0 and self.lines[start - 1].lstrip().startswith("#"):
            start -= 1
        if start > 0 and not self.lines[start - 1].strip():
            start -= 1
        end = span[1]
        while end < len(self.lines) and not self.lines[end].strip():
            end += 1
        del self.lines[start : max(end - 1, span[1])]


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
    packages: list[str]  # the wheel's packages, as paths under src/
    test_requirements: list[str]
    testpaths: list[str]  # added to the template's
    tools: ToolTables | None = None  # the project's own [tool.*] tables
    added_tests: list[str] = field(default_factory=list)  # the requirements added to the test group


def _project(lines: Lines, merge: Merge) -> None:
    metadata = merge.metadata
    lines.set("project", "name", metadata["name"])
    if metadata.get("description"):  # one line, as core metadata's Summary must be
        lines.set("project", "description", " ".join(str(metadata["description"]).split()))
    else:
        lines.drop("project", "description")
    if metadata.get("keywords"):
        lines.set("project", "keywords", metadata["keywords"], after="description")
    # PEP 639: licence files go with an SPDX expression, not with the old table of free text
    spdx = not isinstance(metadata.get("license"), dict)
    for key in ("readme", "license", "license-files", "authors"):
        if metadata.get(key) and (spdx or key != "license-files"):
            lines.set("project", key, metadata[key])
        else:
            lines.drop("project", key)
    if metadata.get("maintainers"):
        lines.set(
            "project",
            "maintainers",
            metadata["maintainers"],
            after="authors" if metadata.get("authors") else "license",
        )
    classifiers = lines.value("project", "classifiers") or []
    own = [
        c
        for c in metadata.get("classifiers", [])
        if c not in classifiers and not c.startswith(TEMPLATE_CLASSIFIERS)
    ]
    status = [c for c in own if c.startswith("Development Status ::")]
    if status:
        classifiers = [status[0] if c.startswith("Development Status ::") else c for c in classifiers]
    lines.set("project", "classifiers", classifiers + [c for c in own if c not in status])
    if merge.version:
        lines.drop("project", "dynamic")
        lines.set("project", "version", merge.version, after="classifiers")
    lines.set("project", "dependencies", metadata.get("dependencies", []))


def _urls(lines: Lines, urls: dict[str, str]) -> None:
    rendered = {key.lower(): key for key in (lines.value("project", "urls") or {})}
    for key, url in urls.items():
        lines.set("project.urls", rendered.get(key.lower(), key), url)


def _entry_points(lines: Lines, metadata: dict[str, Any]) -> None:
    """The template's scripts and entry points out, the project's in, after [project.urls]."""
    for name in [*lines.tables("project.scripts"), *lines.tables("project.entry-points")]:
        lines.drop_table(name)
    tables = [("project.optional-dependencies", metadata.get("optional-dependencies", {}))]
    tables += [
        ("project.scripts", metadata.get("scripts", {})),
        ("project.gui-scripts", metadata.get("gui-scripts", {})),
    ]
    tables += [
        (f"project.entry-points.{toml_key(group)}", points)
        for group, points in metadata.get("entry-points", {}).items()
    ]
    new = [line for name, table in tables if table for line in ["", f"[{name}]", *(
        line for key, value in table.items() for line in toml_lines(key, value))]]  # fmt: skip
    at = (lines.table("project.urls") or lines.table("project"))[1]  # type: ignore[index]
    lines.lines[at:at] = new


def _tools(lines: Lines, merge: Merge) -> None:
    test = lines.value("dependency-groups", "test") or []
    named = {re.split(r"[\s\[<>=!~;]", req, maxsplit=1)[0].lower() for req in test if isinstance(req, str)}
    extra = [
        req
        for req in merge.test_requirements
        if re.split(r"[\s\[<>=!~;]", req, maxsplit=1)[0].lower() not in named
    ]
    if extra:
        lines.set("dependency-groups", "test", [*test, *extra])
        merge.added_tests = extra
    if merge.version:
        lines.drop_table("tool.hatch.version")
    elif merge.vcs:
        lines.drop("tool.hatch.version", "path")
        lines.set("tool.hatch.version", "source", "vcs")
        requires = lines.value("build-system", "requires")
        lines.set("build-system", "requires", [*requires, "hatch-vcs>=0.4"])
    else:
        lines.set("tool.hatch.version", "path", merge.version_path)
    if len(merge.packages) > 1:
        lines.set("tool.hatch.build.targets.wheel", "packages", merge.packages)
    testpaths = lines.value("tool.pytest.ini_options", "testpaths")
    if merge.testpaths and testpaths is not None:
        lines.set("tool.pytest.ini_options", "testpaths", [*testpaths, *merge.testpaths])


def merged(rendered: str, merge: Merge) -> str:
    lines = Lines(rendered.splitlines())
    _project(lines, merge)
    _urls(lines, merge.metadata.get("urls", {}))
    _entry_points(lines, merge.metadata)
    _tools(lines, merge)
    text = "\n".join(lines.lines).rstrip("\n") + "\n"
    if merge.tools and merge.tools.kept:
        text += "\n# The project's own settings, as it had them before it adopted the templates.\n"
        text += merge.tools.kept
    tomllib.loads(text)  # a mistake here must stop the adoption, not break the project
    return text


def own_tool_tables(original: str, rendered: str, backend: str) -> ToolTables:
    rendered_tools = {
        m.group(1).split(".")[1]
        for line in rendered.splitlines()
        if (m := HEADER.match(line)) and m.group(1).startswith("tool.")
    }
    # a project that hatchling built already had hatch settings, which the template's replace
    replaced = PACKAGING_TOOLS - {"hatch"} if "hatchling" in backend else PACKAGING_TOOLS
    kept, clashing, packaging = [], [], []
    segment: list[str] = []
    tool = ""
    for line in [*original.splitlines(), "[end]"]:
        match = HEADER.match(line)
        if match:
            if tool and tool not in replaced and tool not in rendered_tools:
                kept += segment
            name = match.group(1)
            tool = name.split(".")[1].strip('"') if name.startswith("tool.") and "." in name else ""
            segment = []
            if tool in replaced and tool not in packaging:
                packaging.append(tool)
            elif tool in rendered_tools and tool not in clashing:
                clashing.append(tool)
        segment.append(line)
    text = "\n".join(kept).strip("\n")
    return ToolTables(text + "\n" if text else "", clashing, packaging)
