"""What takes the place of the old packaging: hatchling's version source, and no setup.py.

The version stays where the project keeps it. A package whose `__init__.py` writes
`__version__ = "..."` keeps it there, and hatch reads it (`[tool.hatch.version] path`), as the
templates do; a version from git tags stays one (hatch-vcs); any other version is written in
pyproject.toml as it is.
"""

from __future__ import annotations

import configparser
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hooks.adopting.identity import Identity

# hatch's default pattern for the version in a file
HATCH_VERSION = re.compile(r"""(?im)^(__version__|VERSION) *= *(['"])v?(?P<version>.+?)\2""")
# setup.py keywords that build more than metadata, which hatchling does not do
BUILDING = (
    "ext_modules",
    "cmdclass",
    "distclass",
    "scripts",
    "data_files",
    "cffi_modules",
    "rust_extensions",
)
METADATA_SECTIONS = re.compile(r"metadata|options(\..*)?|bdist_wheel|sdist|egg_info|aliases|easy_install")


@dataclass(frozen=True)
class VersionSource:
    static: str = ""  # written in pyproject.toml
    path: str = ""  # the file whose __version__ hatch reads
    vcs: bool = False  # git tags, through hatch-vcs

    def __str__(self) -> str:
        if self.static:
            return f"version `{self.static}`"
        return f"the version from `{self.path}`" if self.path else "the version from git tags (hatch-vcs)"


def _file_of(root: Path, attribute: str) -> str:
    """The file under src/ whose `__version__ = "..."` line hatch can read for `attribute`."""
    *module, name = attribute.split(".")
    if name not in ("__version__", "VERSION") or not module:
        return ""
    base = Path("src", *module)
    for path in (base / "__init__.py", base.with_suffix(".py")):
        text = (root / path).read_text("utf-8") if (root / path).is_file() else ""
        if HATCH_VERSION.search(text):
            return path.as_posix()
        imported = re.search(r"^from\s+(\.?[\w.]*)\s+import\s+.*\b__version__\b", text, re.MULTILINE)
        if imported:  # `from ._version import __version__`: one step further
            target = imported.group(1)
            return _file_of(
                root, (".".join(module) + target if target.startswith(".") else target) + ".__version__"
            )
    return ""


def version_source(identity: Identity, module: str, root: Path) -> VersionSource:
    """Where the version comes from, once the package is under src/."""
    version = identity.version
    if version.vcs:
        return VersionSource(vcs=True)
    path = _file_of(root, version.attribute) if version.attribute else ""
    if path:
        return VersionSource(path=path)
    init = root / "src" / module / "__init__.py"
    written = HATCH_VERSION.search(init.read_text("utf-8")) if init.is_file() else None
    if written and written.group("version") == (version.static or written.group("version")):
        return VersionSource(path=f"src/{module}/__init__.py")
    return VersionSource(static=version.static or "0.0.0")


def retire_setup_files(root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Remove setup.py, and setup.cfg where it holds only metadata: pyproject.toml says it all
    now. What was removed, and what stays for a person to decide."""
    removed, stays = [], []
    setup_py = root / "setup.py"
    if setup_py.is_file():
        building = [word for word in BUILDING if re.search(rf"\b{word}\s*=", setup_py.read_text("utf-8"))]
        if building:
            why = f"it builds more than metadata ({', '.join(building)}), which hatchling does not do"
            stays.append(("setup.py", why + ": port that to a hatch build hook, or keep setuptools"))
        else:
            removed.append("setup.py")
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(root / "setup.cfg", encoding="utf-8")
    if parser.sections() and all(METADATA_SECTIONS.fullmatch(name) for name in parser.sections()):
        removed.append("setup.cfg")
    for name in removed:
        subprocess.run(["git", "rm", "--quiet", name], cwd=root, check=True)
    return removed, stays
