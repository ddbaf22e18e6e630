"""A project's identity, put together from every file that states part of it.

Where files disagree, the first in this order wins, as the build backend would read them:
pyproject.toml's [project], its [tool.poetry], setup.cfg, setup.py. `requirements.txt` gives
the runtime dependencies only where none of those lists them (a setup.py that reads the file
when it runs, say). The requirements of the project's tests come from every place that lists
them: requirements-dev.txt and the like, tox.ini, dependency groups, test extras.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hooks.adopting.poetry import read_poetry
from hooks.adopting.setup_files import read_setup_cfg, read_setup_py, read_tox_requirements
from hooks.adopting.sources import Version, read_pyproject, requirements_in, test_requirement_files

# Licences named by a trove classifier (only those naming exactly one SPDX licence).
CLASSIFIER_LICENSES = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
    "License :: OSI Approved :: ISC License (ISCL)": "ISC",
    "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
}
LICENSE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)([.-].*)?", re.IGNORECASE)


@dataclass
class Identity:
    """What makes the project itself, to keep through the adoption."""

    metadata: dict[str, Any]  # [project] values under their PEP 621 names (no version)
    version: Version
    backend: str  # the build backend it had
    test_requirements: list[str]
    packages: list[str]  # import names its metadata declares
    read_from: list[str]
    unread: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        name: str = self.metadata.get("name", "")
        return name


def normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return normalised(match.group(1)) if match else requirement


def spdx(text: str) -> str | None:
    """`text` as an SPDX licence expression, or None where it is not one (`BSD License`)."""
    try:
        from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression
    except ImportError:  # packaging before 24.2: trust what looks like an expression
        return text if re.fullmatch(r"[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*", text) else None
    try:
        canonical = str(canonicalize_license_expression(text))
    except InvalidLicenseExpression:
        return None
    return text if text.lower() == canonical.lower() else canonical


def _licence(metadata: dict[str, Any], root: Path) -> None:
    """The licence as an SPDX expression where it can be one, and the files that hold its text."""
    stated = metadata.get("license")
    text = stated.get("text") if isinstance(stated, dict) else stated
    if isinstance(stated, dict) and stated.get("file"):
        metadata.setdefault("license-files", [stated["file"]])
    if not text:
        named = [CLASSIFIER_LICENSES[c] for c in metadata.get("classifiers", []) if c in CLASSIFIER_LICENSES]
        text = named[0] if len(named) == 1 else None
    expression = spdx(text) if text else None
    if expression:
        metadata["license"] = expression
    elif text:
        metadata["license"] = {"text": text}
    else:
        metadata.pop("license", None)
    if "license-files" not in metadata:
        files = sorted(
            path.name for path in root.iterdir() if path.is_file() and LICENSE_FILE.fullmatch(path.name)
        )
        if files:
            metadata["license-files"] = files


def _readme(metadata: dict[str, Any], root: Path) -> None:
    if "readme" not in metadata:
        found = sorted(path.name for path in root.glob("README*") if path.is_file())
        if found:
            metadata["readme"] = found[0]


def _test_requirements(root: Path, sources: list[Any], dependencies: list[str]) -> list[str]:
    listed = [req for source in sources for req in source.test_requirements]
    listed += [req for path in test_requirement_files(root) for req in requirements_in(path)]
    listed += read_tox_requirements(root)
    runtime = {requirement_name(req) for req in dependencies}
    kept: dict[str, str] = {}
    for requirement in listed:
        name = requirement_name(requirement)
        if name not in runtime and name != "-e":
            kept.setdefault(name, requirement)
    return list(kept.values())


def read_identity(root: Path) -> Identity:
    sources = [
        found
        for read in (read_pyproject, read_poetry, read_setup_cfg, read_setup_py)
        if (found := read(root))
    ]
    metadata: dict[str, Any] = {}
    for source in sources:
        for key, value in source.metadata.items():
            if value not in (None, "", [], {}):
                metadata.setdefault(key, value)
    read_from = [source.file for source in sources if source.metadata or source.version]
    runtime = root / "requirements.txt"
    if "dependencies" not in metadata and runtime.is_file():
        metadata["dependencies"] = requirements_in(runtime)
        read_from.append("requirements.txt")
    _licence(metadata, root)
    _readme(metadata, root)
    backends = [source.backend for source in sources if source.backend]
    return Identity(
        metadata=metadata,
        version=next((source.version for source in sources if source.version), Version()),
        backend=backends[0] if backends else "",
        test_requirements=_test_requirements(root, sources, metadata.get("dependencies", [])),
        packages=[name for source in sources for name in source.packages],
        read_from=read_from,
        unread=[item for source in sources for item in source.unread],
    )


def defines_version(init: Path) -> str | None:
    """What a package's `__init__.py` says of `__version__`: the version it writes, "" where it
    computes or imports it, None where it has none."""
    if not init.is_file():
        return None
    found = None
    for node in ast.parse(init.read_text("utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(target, "id", "") == "__version__" for target in targets):
                value = node.value
                literal = isinstance(value, ast.Constant) and isinstance(value.value, str)
                found = value.value if literal else ""  # type: ignore[union-attr]
        elif isinstance(node, ast.ImportFrom) and "__version__" in (a.asname or a.name for a in node.names):
            found = ""
    return found
