"""What a poetry project's pyproject.toml says about it ([tool.poetry]), in PEP 621's terms.

Poetry's version constraints (`^1.2`, `~1.2`) become PEP 440 specifiers with the same bounds;
a constraint with none (`1.0 || 2.0`), and a dependency from git, a path or a URL, is not read
and the report says so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hooks.adopting.sources import TEST_GROUPS, Found, Version, backend_of, read_toml, vcs_versioned


def _versions(text: str) -> list[int] | None:
    return [int(part) for part in text.split(".")] if re.fullmatch(r"\d+(\.\d+)*", text) else None


def _dotted(numbers: list[int]) -> str:
    return ".".join(map(str, numbers))


def _caret_or_tilde(operator: str, version: str) -> str | None:
    numbers = _versions(version)
    if numbers is None:
        return None
    if operator == "^":  # the first number that is not 0 may not change
        index = next((i for i, number in enumerate(numbers) if number), len(numbers) - 1)
    else:  # ~: the minor version may not change (the major one, when only that is given)
        index = min(1, len(numbers) - 1)
    upper = [*numbers[:index], numbers[index] + 1] + [0] * (len(numbers) - index - 1)
    return f">={version},<{_dotted(upper)}"


def pep440(constraint: str) -> str | None:
    """A poetry version constraint in PEP 440's spelling, or None where it has none (`||`)."""
    if "||" in constraint:
        return None
    text = re.sub(r"([<>=!~^]+)\s+", r"\1", constraint.strip())
    specifiers = []
    for piece in filter(None, re.split(r"\s*,\s*|\s+", text)):
        if piece == "*":
            continue
        if piece[0] in "^~" and not piece.startswith("~="):
            spelled = _caret_or_tilde(piece[0], piece[1:])
            if spelled is None:
                return None
            specifiers.append(spelled)
        elif piece[0] in "<>=!~":
            specifiers.append(piece)
        else:
            specifiers.append(f"=={piece}")
    return ",".join(specifiers)


def _poetry_requirement(name: str, spec: object) -> tuple[str | None, bool]:
    """The PEP 508 requirement for a poetry dependency, and whether it is optional."""
    table = spec if isinstance(spec, dict) else {"version": spec}
    if not isinstance(spec, (str, dict)) or any(key in table for key in ("git", "path", "url")):
        return None, False
    version = pep440(str(table.get("version", "*")))
    if version is None:
        return None, False
    extras = f"[{','.join(table['extras'])}]" if table.get("extras") else ""
    markers = _markers(table)
    if markers is None:
        return None, False
    return f"{name}{extras}{version}{f'; {markers}' if markers else ''}", bool(table.get("optional"))


def _markers(table: dict[str, Any]) -> str | None:
    """The environment markers of a poetry dependency: its `markers`, and its `python` and
    `platform` keys as poetry-core writes them (`python = "<3.8"` is `python_version < "3.8"`);
    None where a constraint has no PEP 508 spelling."""
    own = str(table.get("markers", ""))
    added = []
    if table.get("python"):
        bounds = pep440(str(table["python"]))
        if bounds is None:
            return None
        for bound in filter(None, bounds.split(",")):
            operator, version = re.fullmatch(r"([<>=!~]+)(.+)", bound).groups()  # type: ignore[union-attr]
            variable = "python_full_version" if version.count(".") >= 2 else "python_version"
            added.append(f'{variable} {operator} "{version}"')
    if table.get("platform"):
        added.append(f'sys_platform == "{table["platform"]}"')
    if not added:
        return own
    return " and ".join([f"({own})"] * bool(own) + added)


def _person(text: str) -> dict[str, str]:
    """`Name <email>`, as poetry writes authors, as a PEP 621 author."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^>]+)>\s*", text)
    return {"name": match.group(1), "email": match.group(2)} if match else {"name": text.strip()}


def _poetry_dependencies(poetry: dict[str, Any], found: Found) -> None:
    dependencies = dict(poetry.get("dependencies", {}))
    python = dependencies.pop("python", None)
    if python:
        found.metadata["requires-python"] = pep440(python) or python
    required, optional = [], {}
    for name, spec in dependencies.items():
        requirement, is_optional = _poetry_requirement(name, spec)
        if requirement is None:
            found.unread.append((f"the dependency {name}", "its poetry constraint has no PEP 508 spelling"))
        elif is_optional:
            optional[name.lower()] = requirement
        else:
            required.append(requirement)
    found.metadata["dependencies"] = required
    extras = {
        extra: [optional[name.lower()] for name in names if name.lower() in optional]
        for extra, names in poetry.get("extras", {}).items()
    }
    if extras:
        found.metadata["optional-dependencies"] = extras
    groups = poetry.get("group", {})
    tests = [*poetry.get("dev-dependencies", {}).items()]
    tests += [item for group in TEST_GROUPS for item in groups.get(group, {}).get("dependencies", {}).items()]
    found.test_requirements = [req for name, spec in tests if (req := _poetry_requirement(name, spec)[0])]


def read_poetry(root: Path) -> Found | None:
    data = read_toml(root)
    poetry = data.get("tool", {}).get("poetry", {})
    if not poetry.get("name") and not poetry.get("dependencies"):
        return None
    found = Found("pyproject.toml [tool.poetry]", backend=backend_of(data))
    metadata = found.metadata
    for key in ("name", "description", "license", "keywords", "classifiers"):
        if key in poetry:
            metadata[key] = poetry[key]
    if poetry.get("readme"):
        metadata["readme"] = poetry["readme"] if isinstance(poetry["readme"], str) else poetry["readme"][0]
    for key in ("authors", "maintainers"):
        if poetry.get(key):
            metadata[key] = [_person(person) for person in poetry[key]]
    urls = {title: poetry[key] for key, title in (("homepage", "Homepage"), ("repository", "Repository"),
            ("documentation", "Documentation")) if key in poetry}  # fmt: skip
    if urls or poetry.get("urls"):
        metadata["urls"] = {**urls, **poetry.get("urls", {})}
    scripts = {
        name: target if isinstance(target, str) else target.get("reference", target.get("callable", ""))
        for name, target in poetry.get("scripts", {}).items()
    }
    if scripts:
        metadata["scripts"] = scripts
    if poetry.get("plugins"):
        metadata["entry-points"] = poetry["plugins"]
    _poetry_dependencies(poetry, found)
    found.packages = [
        package["include"] for package in poetry.get("packages", []) if "/" not in package.get("include", "/")
    ]
    # poetry-version-plugin takes the version from the package's __version__ or from a git tag,
    # and the version poetry's own table states is a placeholder ("0")
    plugin = data.get("tool", {}).get("poetry-version-plugin", {}).get("source")
    if vcs_versioned(data) or "poetry-dynamic-versioning" in data.get("tool", {}) or plugin == "git-tag":
        found.version = Version(vcs=True)
    elif plugin == "init":
        package = (found.packages or [re.sub(r"[-.]+", "_", str(poetry.get("name", ""))).lower()])[0]
        found.version = Version(attribute=f"{package}.__version__")
    elif poetry.get("version"):
        found.version = Version(static=poetry["version"])
    return found
