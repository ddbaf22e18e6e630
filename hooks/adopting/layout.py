"""Where a project's code and tests are, and the moves that give it the templates' src/ layout.

Moves are made with `git mv`, so that `git log --follow` finds each file's history; a package
already under src/ stays where it is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Top-level folders that hold no importable code of the project, whatever they contain.
NOT_PACKAGES = frozenset(
    ["tests", "test", "testing", "docs", "doc", "examples", "example", "scripts", "tools", "benchmarks",
     "build", "dist", "site", "venv", "env", "src", "typings", "stubs"]
)  # fmt: skip
# Top-level modules that are a project's tooling, not its code.
NOT_MODULES = frozenset(["setup", "conftest", "noxfile", "tasks", "fabfile", "manage", "runtests"])


@dataclass
class Layout:
    packages: list[str]  # import names, the project's own package first
    moves: dict[str, str] = field(default_factory=dict)  # old path: new path, both relative

    @property
    def module(self) -> str:
        return self.packages[0]

    def moved(self, path: str) -> str:
        """Where a file of the old layout is after the moves."""
        for old, new in self.moves.items():
            if path == old or path.startswith(f"{old}/"):
                return new + path[len(old) :]
        return path

    def before(self, path: str) -> str:
        """Where a file of the new layout was before the moves."""
        for old, new in self.moves.items():
            if path == new or path.startswith(f"{new}/"):
                return old + path[len(new) :]
        return path


def tracked_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout
    return [path for path in listed.split("\0") if path]


def _packages_in(files: list[str], prefix: str) -> list[str]:
    found = {
        path.removeprefix(prefix).split("/")[0]
        for path in files
        if path.startswith(prefix)
        and path.removeprefix(prefix).count("/") == 1
        and path.endswith("/__init__.py")
    }
    return sorted(name for name in found if name.isidentifier() and name not in NOT_PACKAGES)


def plan_layout(root: Path, distribution: str, declared: list[str]) -> Layout | None:
    """The packages and the moves that put them under src/, or None where there is no package."""
    files = tracked_files(root)
    own = re.sub(r"[-.]+", "_", distribution).lower()

    def ordered(names: list[str]) -> list[str]:
        first = [name for name in [own, *declared] if name in names][:1]
        return first + [name for name in names if name not in first]

    in_src = _packages_in(files, "src/")
    if in_src:
        return Layout(ordered(in_src))
    flat = _packages_in(files, "")
    if flat:
        names = ordered(flat)
        return Layout(names, {name: f"src/{name}" for name in names})
    modules = [path.removesuffix(".py") for path in files if "/" not in path and path.endswith(".py")]
    candidates = [name for name in modules if name.isidentifier() and name not in NOT_MODULES]
    chosen = [name for name in [own, *declared] if name in candidates] or (
        candidates if len(candidates) == 1 else []
    )
    if chosen:
        return Layout([chosen[0]], {f"{chosen[0]}.py": f"src/{chosen[0]}/__init__.py"})
    return None


def move(root: Path, layout: Layout) -> None:
    """Make the moves with git mv."""
    for old, new in layout.moves.items():
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "mv", old, new], cwd=root, capture_output=True, text=True, encoding="utf-8", check=True
        )
    remove_stale_bytecode(root, layout)


def remove_stale_bytecode(root: Path, layout: Layout) -> None:
    """What git does not track in a moved package's old folder is left, or removed if it is only
    bytecode, so that no stale copy of the package stays importable from the top."""
    for old in layout.moves:
        leftover = root / old
        if leftover.is_dir():
            for cache in leftover.rglob("__pycache__"):
                shutil.rmtree(cache)
            for folder in sorted(leftover.rglob("*"), reverse=True):
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
            if not any(leftover.iterdir()):
                leftover.rmdir()


def test_locations(root: Path, layout: Layout) -> list[str]:
    """Where the project's own tests are, other than tests/, for pytest's testpaths."""
    files = [layout.moved(path) for path in tracked_files(root)]
    tests = [path for path in files if re.search(r"(^|/)(test_[^/]*|[^/]*_test)\.py$", path)]
    found = []
    for path in tests:
        top = path.split("/")[0]
        where = path if "/" not in path else top if top != "src" else "/".join(path.split("/")[:2])
        if where != "tests" and where not in found:
            found.append(where)
    return found
