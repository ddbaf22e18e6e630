"""Carry a team's edits of a file that a template release renames or moves to its new path.

copier runs this as an "after" migration of `copier update` (copier.yml's `_migrations`, made
from the `[[migrations]]` of templates/questions.toml), in the project, once the update has
written the file's new path and removed the old one. copier itself would lose the team's edits
of the old path: it deletes a file the new release no longer has, edited or not.

The edits are merged the way copier merges any file: a three-way merge of the team's version
(the old path at HEAD), the old release's version (rendered again from the template and version
that HEAD's answers file records, with its answers) and the new release's version (what the
update just wrote), conflicts marked inline with copier's own labels. A file the team had
deleted stays deleted. It runs in copier's own Python, so copier and PyYAML are there.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import copier
import yaml

ANSWERS_FILE = ".copier-answers.yml"


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], capture_output=True, check=check)


def _at_head(path: str) -> bytes | None:
    """The file as the team committed it before the update, or None if there was none."""
    shown = _git("show", f"HEAD:{path}", check=False)
    return shown.stdout if shown.returncode == 0 else None


def _as_released(path: str) -> bytes | None:
    """The file as the release the project came from rendered it, with the project's answers."""
    recorded = yaml.safe_load(_at_head(ANSWERS_FILE) or b"{}")
    answers = {name: value for name, value in recorded.items() if not name.startswith("_")}
    with tempfile.TemporaryDirectory() as scratch:
        copier.run_copy(
            recorded["_src_path"],
            scratch,
            data=answers,
            vcs_ref=recorded["_commit"],
            defaults=True,
            quiet=True,
            skip_tasks=True,
            unsafe=True,
        )
        released = Path(scratch, path)
        return released.read_bytes() if released.is_file() else None


def _merge(team: bytes, base: bytes, new: bytes) -> subprocess.CompletedProcess[bytes]:
    """git's three-way merge: the merged text, and as exit status the number of conflicts."""
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for name, data in (("team", team), ("base", base), ("new", new)):
            paths.append(Path(scratch, name))
            paths[-1].write_bytes(data)
        labels = ["-L", "before updating", "-L", "last update", "-L", "after updating"]
        return _git("merge-file", "--stdout", *labels, *map(str, paths), check=False)


def carry(old: str, new: str) -> str:
    """Bring the team's edits of `old` into `new`; return what was done, in one line."""
    team = _at_head(old)
    target = Path(new)
    if team is None:
        target.unlink(missing_ok=True)
        return f"{old} had been deleted, so its new path {new} was not kept."
    if not target.is_file():
        return f"{new} is not in the new release: {old}'s edits are in the last commit."
    base = _as_released(old)
    if team == base:
        return f"{old} is now {new}; it had no edits of the team's to carry."
    if base is None:  # the team added the file: nothing to merge it with but the new one
        base = b""
    merged = _merge(team, base, target.read_bytes())
    if merged.returncode > 127:  # git's exit status for an error, not a count of conflicts
        detail = merged.stderr.decode(errors="replace").strip().splitlines() or ["unknown error"]
        return (
            f"git could not merge {old} into {new} ({detail[0]}): the team's version is in the last commit."
        )
    target.write_bytes(merged.stdout)
    if merged.returncode:
        return f"{old} is now {new}: the team's edits are in it, with conflicts marked inline to resolve."
    return f"{old} is now {new}, with the team's edits in it."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the file's path before the release, in the project")
    parser.add_argument("new", help="its path after the release")
    args = parser.parse_args(argv)
    print(carry(args.old, args.new), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
