"""A project's identity as its own build backend gives it: the metadata of the wheel it builds.

The wheel is built by `uv build`, through the backend the project names in pyproject.toml (PEP
517), in an isolated environment, as pip and uv do on every install of it: the project's own
build code runs, which is what installing it does anyway. It is built from a clone, never in the
repository, where setuptools would leave `build/` and `*.egg-info` behind; and from a commit one
step after the last, so that a version from git tags is the one the next commit would get.
"""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name, canonicalize_version

# who makes the commit the wheel is built from; it lives in a temporary clone only
COMMITTER = ("-c", "user.name=adopt", "-c", "user.email=adopt@localhost")


@dataclass(frozen=True)
class Built:
    """The parts of a distribution's metadata that make it the same distribution."""

    name: str
    version: str  # "" where the source it is read from does not state it
    requires: frozenset[str]  # Requires-Dist, each spelt one way (see `requirement`)
    extras: frozenset[str]
    entry_points: dict[str, dict[str, str]] = field(default_factory=dict)  # group: name: object


@dataclass(frozen=True)
class Unbuilt:
    """The backend could not build the project: why, in the backend's own words."""

    error: str


def _git(where: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=where, capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout.strip()


def requirement(text: str) -> str:
    """A requirement spelt one way: names and extras normalised, version bounds sorted and their
    versions canonical (`<9.0` is `<9`), markers in packaging's spelling."""
    try:
        parsed = Requirement(text)
    except InvalidRequirement:
        return " ".join(text.split())
    extras = ",".join(sorted(canonicalize_name(extra) for extra in parsed.extras))
    bounds = ",".join(
        sorted(
            f"{spec.operator}{spec.version if spec.operator == '===' else canonicalize_version(spec.version)}"
            for spec in parsed.specifier
        )
    )
    where = f" @ {parsed.url}" if parsed.url else ""
    marker = f"; {parsed.marker}" if parsed.marker else ""
    return f"{canonicalize_name(parsed.name)}{f'[{extras}]' if extras else ''}{bounds}{where}{marker}"


def entry_points(text: str) -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign] # entry point names keep their case
    parser.read_string(text)
    return {
        group: {name: " ".join(value.split()) for name, value in parser[group].items()}
        for group in parser.sections()
    }


def read_wheel(wheel: Path) -> Built:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(
            name.rsplit("/", 1)[0] for name in names if re.fullmatch(r"[^/]+\.dist-info/METADATA", name)
        )
        headers = HeaderParser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
        points = f"{info}/entry_points.txt"
        groups = entry_points(archive.read(points).decode("utf-8")) if points in names else {}
    return Built(
        name=canonicalize_name(headers.get("Name", "")),
        version=headers.get("Version", ""),
        requires=frozenset(requirement(text) for text in headers.get_all("Requires-Dist") or []),
        extras=frozenset(canonicalize_name(extra) for extra in headers.get_all("Provides-Extra") or []),
        entry_points={group: points for group, points in groups.items() if points},
    )


def backend_error(output: str) -> str:
    """The line that says why the build failed: the exception a backend's traceback ends with,
    else the deepest cause uv gives (`cause:` in a pipe, `╰─▶` in a terminal), else its `error:`."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"^[\w.]*(Error|Exception|Exit)\b.*:", line)]
    causes = [re.sub(r"^(cause:|╰─▶)\s*", "", line) for line in lines if re.match(r"^(cause:|╰─▶)", line)]
    errors = [line for line in lines if line.startswith("error:")]
    chosen = (raised[-1:] or causes[-1:] or errors[:1] or lines[-1:] or ["no output"])[0]
    return " ".join(chosen.split())[:300]


def _source(repository: Path, where: Path, *, with_changes: bool) -> Path:
    """A clone of `repository` at a commit one step after its last: its last commit's files, or,
    `with_changes`, its work tree's as `git add --all` stages them."""
    if with_changes:
        _git(repository, "add", "--all")
        tree = _git(repository, "write-tree")
    else:
        tree = _git(repository, "rev-parse", "HEAD^{tree}")
    where.parent.mkdir(parents=True, exist_ok=True)
    _git(where.parent, "clone", "--quiet", "--shared", "--", str(repository), str(where))
    commit = _git(where, *COMMITTER, "commit-tree", tree, "-p", "HEAD", "-m", "Built to read its metadata")
    _git(where, "checkout", "--quiet", "--detach", commit)
    return where


def build(repository: Path, folder: Path, *, with_changes: bool = False) -> Built | Unbuilt:
    """The metadata of the wheel the project's build backend builds, or why it could not."""
    source = _source(repository, folder / "source", with_changes=with_changes)
    wheels = folder / "wheel"
    # the build makes its own environment; and uv wraps its reasons at the terminal's width
    env = {**{key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}, "COLUMNS": "1000"}
    result = subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(wheels), "."],
        cwd=source, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    built = sorted(wheels.glob("*.whl")) if result.returncode == 0 else []
    if not built:
        return Unbuilt(backend_error(result.stderr + "\n" + result.stdout))
    return read_wheel(built[0])
