"""The adoption made in a scratch clone, and brought into the repository only once it is whole.

Every step that moves, writes or runs something works in a clone of the repository's last
commit, in a temporary folder: a step that fails there leaves the repository untouched. Once
the change is complete and staged in the clone, it is brought over in one transaction: each
file it writes or removes, and git's index, are saved first, and put back if anything fails
before the last file is in place, so that the repository ends either adopted or as it was.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def _git(where: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=where, capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout


def clone(root: Path, where: Path) -> Path:
    """A clone of the repository's last commit; it borrows the repository's objects and writes
    none there."""
    where.parent.mkdir(parents=True, exist_ok=True)
    _git(where.parent, "clone", "--quiet", "--shared", "--", str(root), str(where))
    return where


def staged_paths(work: Path) -> tuple[list[str], list[str]]:
    """What the clone's index changes from its last commit: the paths written, the paths removed."""
    _git(work, "add", "--all")
    listed = _git(work, "diff", "--cached", "--no-renames", "--name-status", "-z", "HEAD").split("\0")
    pairs = list(zip(listed[0::2], listed[1::2], strict=False))
    written = [path for status, path in pairs if path and status != "D"]
    removed = [path for status, path in pairs if path and status == "D"]
    return written, removed


@dataclass
class Transaction:
    """The repository's files as they were, to be put back if the change cannot be completed."""

    root: Path
    saved: Path  # a temporary folder holding the copies
    # a path, relative to root or absolute (in the git folder): its copy, None where it was absent
    files: dict[str, Path | None] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)  # folders the change made

    def keep(self, path: str) -> None:
        if path in self.files:
            return
        target = self.root / path
        if target.is_file() or target.is_symlink():
            copy = self.saved / str(len(self.files))
            shutil.copy2(target, copy, follow_symlinks=False)
            self.files[path] = copy
        else:
            self.files[path] = None

    def make_folder(self, folder: Path) -> None:
        missing = [parent for parent in [folder, *folder.parents] if not parent.exists()]
        for parent in reversed(missing):
            parent.mkdir()
            self.folders.append(parent)

    def undo(self) -> None:
        for path, copy in self.files.items():
            target = self.root / path
            if target.is_file() or target.is_symlink():
                target.unlink()
            if copy is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(copy, target, follow_symlinks=False)
        for folder in reversed(self.folders):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _empty_folders_above(root: Path, path: str) -> None:
    """Remove the folders a removed file leaves empty, as `git rm` does."""
    folder = (root / path).parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _copy(work: Path, root: Path, path: str) -> None:
    target = root / path
    if target.is_symlink() or target.is_file():
        target.unlink()
    shutil.copy2(work / path, target, follow_symlinks=False)


def _stage(root: Path, paths: list[str]) -> None:
    subprocess.run(
        ["git", "add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul"],
        cwd=root, input="\0".join(paths), capture_output=True, text=True, encoding="utf-8", check=True,
    )  # fmt: skip


def bring_over(work: Path, root: Path, extra: dict[str, str]) -> None:
    """Stage in `root` what is staged in `work`, and write `extra` (names in `root`'s git folder:
    their text); on any failure, put everything back as it was and raise."""
    written, removed = staged_paths(work)
    index = Path(_git(root, "rev-parse", "--path-format=absolute", "--git-path", "index").strip())
    git_dir = Path(_git(root, "rev-parse", "--path-format=absolute", "--git-dir").strip())
    with tempfile.TemporaryDirectory(prefix="adopt-saved-") as folder:
        transaction = Transaction(root, Path(folder))
        transaction.keep(str(index))
        try:
            for path in removed:
                transaction.keep(path)
                (root / path).unlink(missing_ok=True)
                _empty_folders_above(root, path)
            for path in written:
                transaction.keep(path)
                transaction.make_folder((root / path).parent)
                _copy(work, root, path)
            _stage(root, [*written, *removed])
            for name, text in extra.items():
                transaction.keep(str(git_dir / name))
                (git_dir / name).write_text(text, "utf-8")
        except BaseException:
            transaction.undo()
            raise
