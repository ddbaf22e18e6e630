"""What setuptools' own files say about a project: setup.cfg, setup.py and tox.ini.

setup.py is read with `ast`, never run: a keyword given as a literal (or as a name the module
binds once to a literal) is read; one the script computes is not, and the report says so.
"""

from __future__ import annotations

import ast
import configparser
import re
import textwrap
from pathlib import Path
from typing import Any

from hooks.adopting.sources import Found, Version, requirements_in


def _cfg_list(value: str, separator: str = ",") -> list[str]:
    """A setup.cfg list: one item a line, or on one line separated by `separator`."""
    items = value.strip().splitlines() if "\n" in value.strip() else value.split(separator)
    return [item.strip() for item in items if item.strip()]


def _cfg_table(value: str) -> dict[str, str]:
    """`name = value` lines, as setup.cfg writes entry points and project URLs."""
    pairs = (line.split("=", 1) for line in _cfg_list(value, "\n") if "=" in line)
    return {name.strip(): target.strip() for name, target in pairs}


def _people(names: str, emails: str) -> list[dict[str, str]]:
    """setup.cfg's and setup.py's author and author_email (either may be a comma list)."""
    name_list, email_list = _cfg_list(names), _cfg_list(emails)
    people = []
    for index in range(max(len(name_list), len(email_list))):
        person = {"name": name_list[index]} if index < len(name_list) else {}
        if index < len(email_list):
            person["email"] = email_list[index]
        people.append(person)
    return people


def _entry_points(groups: dict[str, dict[str, str]], metadata: dict[str, Any]) -> None:
    """setuptools' entry point groups, as [project]'s scripts, gui-scripts and entry-points."""
    for group, points in groups.items():
        key = {"console_scripts": "scripts", "gui_scripts": "gui-scripts"}.get(group)
        if key:
            metadata[key] = points
        elif points:
            metadata.setdefault("entry-points", {})[group] = points


def _cfg_version(root: Path, value: str) -> Version:
    if value.startswith("attr:"):
        return Version(attribute=value.removeprefix("attr:").strip())
    if value.startswith("file:"):
        return Version(static=(root / value.removeprefix("file:").strip()).read_text("utf-8").strip())
    return Version(static=value)


def read_setup_cfg(root: Path) -> Found | None:
    path = root / "setup.cfg"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    if not parser.has_section("metadata") and not parser.has_section("options"):
        return None
    found = Found("setup.cfg", backend="setuptools")
    metadata = dict(parser["metadata"]) if parser.has_section("metadata") else {}
    options = dict(parser["options"]) if parser.has_section("options") else {}
    found.metadata = _setup_metadata(root, {**metadata, **options}, found)
    groups = parser.items("options.entry_points") if parser.has_section("options.entry_points") else []
    sections = {name: _cfg_table(value) for name, value in groups}
    _entry_points(
        {name: points for name, points in sections.items() if name != "DEFAULT" and points}, found.metadata
    )
    if parser.has_section("options.extras_require"):
        found.metadata["optional-dependencies"] = {
            extra: _cfg_list(value, ";") for extra, value in parser.items("options.extras_require")
        }
    found.test_requirements = _cfg_list(options.get("tests_require", ""), ";")
    if "version" in metadata:
        found.version = _cfg_version(root, metadata["version"])
    return found


def _setup_metadata(root: Path, values: dict[str, Any], found: Found) -> dict[str, Any]:
    """[project] values from setup()'s keywords, as setup.cfg and setup.py spell them."""
    metadata: dict[str, Any] = {}
    for key in ("name", "description", "license"):
        if values.get(key):
            metadata[key] = values[key]
    for people, email in (("authors", "author"), ("maintainers", "maintainer")):
        if values.get(email) or values.get(f"{email}_email"):
            metadata[people] = _people(values.get(email, ""), values.get(f"{email}_email", ""))
    for key in ("keywords", "classifiers"):
        value = values.get(key)
        if value:
            metadata[key] = _cfg_list(value, ",") if isinstance(value, str) else list(value)
    urls = (
        _cfg_table(values["project_urls"])
        if isinstance(values.get("project_urls"), str)
        else values.get("project_urls", {})
    )
    if values.get("url"):
        urls = {"Homepage": values["url"], **urls}
    if urls:
        metadata["urls"] = urls
    if values.get("python_requires"):
        metadata["requires-python"] = values["python_requires"]
    requires = values.get("install_requires")
    if isinstance(requires, str) and requires.startswith("file:"):
        metadata["dependencies"] = [r for name in requires[5:].split() for r in requirements_in(root / name)]
    elif requires is not None:
        metadata["dependencies"] = _cfg_list(requires, ";") if isinstance(requires, str) else list(requires)
    readme = str(values.get("long_description", ""))
    if readme.startswith("file:"):
        metadata["readme"] = _cfg_list(readme.removeprefix("file:"))[0]
    packages = values.get("packages", [])
    found.packages = [
        name
        for name in (_cfg_list(packages) if isinstance(packages, str) else packages)
        if "." not in name and ":" not in name
    ]
    modules = values.get("py_modules", [])
    found.packages += _cfg_list(modules) if isinstance(modules, str) else list(modules)
    return metadata


# --- setup.py, read with ast --------------------------------------------------------------------

UNREAD = object()
# setup()'s keywords that say something the identity keeps, or where the code is
SETUP_KEYWORDS = {
    "name", "version", "description", "license", "author", "author_email", "maintainer",
    "maintainer_email", "keywords", "classifiers", "url", "project_urls", "python_requires",
    "install_requires", "extras_require", "entry_points", "packages", "py_modules", "tests_require",
}  # fmt: skip


def _setup_call(tree: ast.Module) -> ast.Call | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup":
            return node
    return None


def _literal(node: ast.expr, assigned: dict[str, ast.expr]) -> object:
    """The value of a literal, or of a name the module binds once to a literal; else UNREAD."""
    if isinstance(node, ast.Name) and node.id in assigned:
        node = assigned[node.id]
    try:
        return ast.literal_eval(node)
    except ValueError:
        return UNREAD


def _ini_groups(text: str) -> dict[str, list[str]]:
    """entry_points given as INI text, in the dict form's `name = target` lines."""
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[method-assign]  # a script's name keeps its case
    parser.read_string(textwrap.dedent(text))
    return {
        group: [f"{name} = {target}" for name, target in parser.items(group)] for group in parser.sections()
    }


def read_setup_py(root: Path) -> Found | None:
    path = root / "setup.py"
    if not path.is_file():
        return None
    found = Found("setup.py", backend="setuptools")
    tree = ast.parse(path.read_text("utf-8"))
    call = _setup_call(tree)
    if call is None:
        found.unread.append(("setup.py", "it calls no setup() that could be read"))
        return found
    assigned = {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    }
    values: dict[str, Any] = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            found.unread.append(("setup.py's **keywords", "they are computed when it runs"))
        elif keyword.arg in SETUP_KEYWORDS:
            value = _literal(keyword.value, assigned)
            if value is UNREAD:
                found.unread.append((f"setup.py's {keyword.arg}", "it is computed when setup.py runs"))
            else:
                values[keyword.arg] = value
    found.metadata = _setup_metadata(root, values, found)
    entry_points = values.get("entry_points", {})
    if isinstance(entry_points, str):  # setuptools reads this form as the INI text of entry_points.txt
        entry_points = _ini_groups(entry_points)
    if isinstance(entry_points, dict):
        _entry_points(
            {group: _cfg_table("\n".join(points) if isinstance(points, list) else points)
             for group, points in entry_points.items()},
            found.metadata,
        )  # fmt: skip
    if values.get("extras_require"):
        found.metadata["optional-dependencies"] = {
            extra: [reqs] if isinstance(reqs, str) else list(reqs)
            for extra, reqs in values["extras_require"].items()
        }
    found.test_requirements = list(values.get("tests_require", []))
    if isinstance(values.get("version"), str):
        found.version = Version(static=values["version"])
    return found


# --- tox.ini --------------------------------------------------------------------------------------


def read_tox_requirements(root: Path) -> list[str]:
    """What tox installs for the tests (its [testenv] deps), without its substitutions."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(root / "tox.ini", encoding="utf-8")
    deps = parser.get("testenv", "deps", fallback="")
    found = []
    for line in _cfg_list(deps, "\n"):
        include = re.fullmatch(r"-r\s*(\S+)", line)
        if include and "{" not in line:
            found += requirements_in(root / include.group(1))
        elif not line.startswith("-") and "{" not in line and ":" not in line.split(";")[0]:
            found.append(line)
    return found
