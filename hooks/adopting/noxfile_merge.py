"""A noxfile.py of the project's own: the template's takes its place, and the project's moves beside it.

The template's noxfile.py is what CI runs (its workflow asks `nox --list --json` for the sessions
and runs each: lint, tests, docs, build) and what `copier update` keeps current. Merged with the
project's by hand, every release's change to it would conflict; kept in its place, the
template's sessions do not exist (`uvx nox -s lint`: "Sessions not found") and CI runs the
project's instead. So the template's is the noxfile, and the project's own moves to
old_noxfile.py with `git mv` (its history follows), where `uvx nox -f old_noxfile.py -s NAME` still
runs each of its sessions until the team has moved what the template's lacks.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from hooks.adopting.files import Placement

NOXFILE = "noxfile.py"
OLD_NOXFILE = "old_noxfile.py"
REPLACED = (
    f"`{NOXFILE}`: the template's, so that `uvx nox` runs the sessions CI runs (lint, tests, docs, build) "
    f"and `copier update` keeps it current; the project's own moved to `{OLD_NOXFILE}`"
)
FOR_A_PERSON = (
    f"the project's own noxfile: `uvx nox -f {OLD_NOXFILE} -s NAME` runs its sessions; move what the "
    f"template's `{NOXFILE}` lacks into it (a session of its own), then delete this file"
)


def replace_own(project: Path, rendered: Path, placement: Placement) -> bool:
    """Put the template's noxfile.py in place of the project's own; whether there was one."""
    if NOXFILE not in placement.kept or (project / OLD_NOXFILE).exists():
        return False
    subprocess.run(["git", "mv", NOXFILE, OLD_NOXFILE], cwd=project, check=True, capture_output=True)
    shutil.copy2(rendered / NOXFILE, project / NOXFILE)
    placement.kept.remove(NOXFILE)
    placement.added.append(NOXFILE)
    return True
