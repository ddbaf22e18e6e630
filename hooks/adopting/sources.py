"""What each metadata file of a project says about it, read as written: none of them is run.

Each reader returns a `Found`: the [project] values its file states, under their PEP 621 names,
where the version comes from, the requirements the project's tests need, the packages it names,
and what it could not read (a `setup.py` that computes a value, a poetry constraint with no
PEP 440 spelling). This module reads pyproject.toml's [project] (as setuptools, hatch, flit and
pdm write it) and requirements files; poetry.py and setup_files.py the others;
`hooks/adopting/identity.py` puts them together.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The [project] keys that make a project's identity; `version` has a reader of its own.
PROJECT_KEYS = (
    "name", "description", "readme", "license", "license-files", "authors", "maintainers",
    "keywords", "classifiers", "urls", "requires-python", "dependencies", "optional-dependencies",
    "scripts", "gui-scripts", "entry-points",
)  # fmt: skip
# Names under which projects keep what their tests need (dependency groups, extras, envs).
TEST_GROUPS = ("test", "tests", "testing", "dev", "hatch-test")


@dataclass
class Version:
    """Where the version comes from: at most one of these is set."""

    static: str = ""  # written in the metadata
    attribute: str = ""  # a dotted name such as `package.__version__`, read from its file
    vcs: bool = False  # git tags (setuptools-scm, hatch-vcs, poetry-dynamic-versioning, pdm's scm)
    # for git tags: the setuptools-scm options that shape the version, and the file it is written in
    scm_options: dict[str, Any] = field(default_factory=dict)
    version_file: str = ""

    def __bool__(self) -> bool:
        return bool(self.static or self.attribute or self.vcs)


@dataclass
class Found:
    file: str
    backend: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    version: Version = field(default_factory=Version)
    test_requirements: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)  # import names the file declares
    unread: list[tuple[str, str]] = field(default_factory=list)  # what, and why not


# --- requirements files ---------------------------------------------------------------------


def requirements_in(path: Path, seen: frozenset[Path] = frozenset()) -> list[str]:
    """The requirements a pip requirements file lists, following its `-r` includes."""
    if path in seen or not path.is_file():
        return []
    text = re.sub(r"\\\n", " ", path.read_text("utf-8"))
    found = []
    for raw in text.splitlines():
        line = re.sub(r"(^|\s)#.*", "", raw).strip()
        include = re.fullmatch(r"(?:-r|--requirement)[\s=]+(\S+)", line)
        if include:
            found += requirements_in(path.parent / include.group(1), seen | {path})
        elif line and not line.startswith("-"):
            found.append(re.split(r"\s+--", line)[0].strip())  # without --hash and other options
    return found


def test_requirement_files(root: Path) -> list[Path]:
    """requirements files for development or tests: requirements-dev.txt, requirements/test.txt..."""
    candidates = [*root.glob("*requirements*.txt"), *root.glob("requirements/*.txt")]
    return sorted(path for path in candidates if re.search(r"dev|test", path.name))


# --- pyproject.toml [project], with setuptools', hatch's, flit's and pdm's dynamic values -----


def read_toml(root: Path) -> dict[str, Any]:
    path = root / "pyproject.toml"
    return tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}


def backend_of(data: dict[str, Any]) -> str:
    """The build backend's module, as pip assumes it when none is named."""
    backend: str = data.get("build-system", {}).get("build-backend", "setuptools.build_meta:__legacy__")
    return backend


def vcs_versioned(data: dict[str, Any]) -> bool:
    tool = data.get("tool", {})
    requires = " ".join(data.get("build-system", {}).get("requires", []))
    return (
        "setuptools_scm" in tool
        or re.search(r"setuptools[-_]scm|hatch-vcs|poetry-dynamic-versioning", requires) is not None
        or tool.get("hatch", {}).get("version", {}).get("source") == "vcs"
        or tool.get("pdm", {}).get("version", {}).get("source") == "scm"
    )


# setuptools-scm's options that change the version it gives (hatch-vcs hands them on as its
# raw-options): `local_scheme = "no-local-version"` keeps the `+g<hash>` PyPI refuses out of it
SCM_OPTIONS = ("local_scheme", "version_scheme", "tag_regex", "fallback_version", "git_describe_command")


def scm_settings(data: dict[str, Any]) -> Version:
    """A version from git tags, with the options and the version file the project sets for it."""
    tool = data.get("tool", {})
    hatch = tool.get("hatch", {})
    options = {**tool.get("setuptools_scm", {}), **hatch.get("version", {}).get("raw-options", {})}
    version_file = (
        hatch.get("build", {}).get("hooks", {}).get("vcs", {}).get("version-file")
        or options.get("version_file")
        or options.get("write_to")
        or ""
    )
    kept = {key: value for key, value in options.items() if key in SCM_OPTIONS}
    return Version(vcs=True, scm_options=kept, version_file=version_file)


def _version_file_attribute(path: str) -> str:
    """`pkg.__version__` for a file such as src/pkg/__init__.py or pkg/_version.py."""
    parts = Path(path).with_suffix("").parts
    parts = parts[1:] if parts and parts[0] == "src" else parts
    parts = parts[:-1] if parts and parts[-1] == "__init__" else parts
    return ".".join([*parts, "__version__"])


def _dynamic_version(data: dict[str, Any], module: str) -> Version:
    tool = data.get("tool", {})
    if vcs_versioned(data):
        return scm_settings(data)
    setuptools = tool.get("setuptools", {}).get("dynamic", {}).get("version", {})
    if "attr" in setuptools:
        return Version(attribute=setuptools["attr"])
    for path in (
        tool.get("hatch", {}).get("version", {}).get("path"),
        tool.get("pdm", {}).get("version", {}).get("path"),
    ):
        if path:
            return Version(attribute=_version_file_attribute(path))
    if "flit_core" in backend_of(data):
        return Version(attribute=f"{module}.__version__")
    return Version()


def _setuptools_dynamic(root: Path, data: dict[str, Any], found: Found) -> None:
    """Dependencies, extras and readme that setuptools reads from other files."""
    dynamic = data.get("tool", {}).get("setuptools", {}).get("dynamic", {})
    files = dynamic.get("dependencies", {}).get("file", [])
    if files:
        found.metadata["dependencies"] = [
            req
            for name in ([files] if isinstance(files, str) else files)
            for req in requirements_in(root / name)
        ]
    extras = dynamic.get("optional-dependencies", {})
    if extras:
        found.metadata["optional-dependencies"] = {
            extra: [req for name in spec.get("file", []) for req in requirements_in(root / name)]
            for extra, spec in extras.items()
        }
    readme = dynamic.get("readme", {}).get("file")
    if readme:
        found.metadata["readme"] = readme if isinstance(readme, str) else readme[0]
    version_file = dynamic.get("version", {}).get("file")
    if version_file:
        found.version = Version(static=(root / version_file).read_text("utf-8").strip())


def _docstring_summary(root: Path, module: str) -> str:
    """The first line of a module's docstring: flit's dynamic description."""
    for path in (root / module / "__init__.py", root / "src" / module / "__init__.py", root / f"{module}.py"):
        if path.is_file():
            docstring = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
            return docstring.strip().split("\n", 1)[0]
    return ""


def _groups(data: dict[str, Any]) -> list[str]:
    """What the project's own test and dev groups, extras and environments list."""
    tool = data.get("tool", {})
    tables = [
        data.get("dependency-groups", {}),
        tool.get("pdm", {}).get("dev-dependencies", {}),
        data.get("project", {}).get("optional-dependencies", {}),
        {name: env.get("dependencies", []) for name, env in tool.get("hatch", {}).get("envs", {}).items()},
    ]
    hatch_default = tool.get("hatch", {}).get("envs", {}).get("default", {}).get("dependencies", [])
    listed = [
        *hatch_default,
        *(req for table in tables for group in TEST_GROUPS for req in table.get(group, [])),
    ]
    return [req for req in listed if isinstance(req, str)]


def read_pyproject(root: Path) -> Found | None:
    data = read_toml(root)
    if not data:
        return None
    project = data.get("project", {})
    found = Found("pyproject.toml", backend=backend_of(data))
    found.metadata = {key: value for key, value in project.items() if key in PROJECT_KEYS}
    module = re.sub(r"[-.]+", "_", project.get("name", "")).lower()
    flit = data.get("tool", {}).get("flit", {}).get("module", {}).get("name")
    module = flit or module
    dynamic = set(project.get("dynamic", []))
    if "version" in project:
        found.version = Version(static=project["version"])
    _setuptools_dynamic(root, data, found)
    if "version" in dynamic and not found.version:
        found.version = _dynamic_version(data, module)
    if "description" in dynamic and "flit_core" in found.backend:
        found.metadata["description"] = _docstring_summary(root, module)
    found.test_requirements = _groups(data)
    packages = data.get("tool", {}).get("setuptools", {}).get("packages", [])
    found.packages = [name for name in packages if isinstance(name, str) and "." not in name]
    return found
