"""The adopted project's identity against the one it had: the same distribution, or what differs.

Both are read from the wheels the build backends build (built_metadata.py): the project's own
backend before, hatchling after. Where the old backend cannot build (a build requirement the
index does not have, a setup.py that fails), the old identity is the one the project's files
state, as hooks/adopting/identity.py reads them, and the report says so with the backend's error.
Compared: the name, the version, Requires-Dist with its markers, Provides-Extra and every entry
point. A version from git tags is compared as its scheme makes it: the same public version, and
a local part (`+g<hash>`, which PyPI refuses) after only where there was one before.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

from hooks.adopting.built_metadata import Built, Unbuilt, build, requirement
from hooks.adopting.identity import Identity

ENTRY_POINT_GROUPS = {"scripts": "console_scripts", "gui-scripts": "gui_scripts"}


def from_files(identity: Identity) -> Built:
    """The identity the project's files state, spelt as a wheel's metadata spells it."""
    metadata = identity.metadata
    requires = [requirement(text) for text in metadata.get("dependencies", [])]
    for extra, listed in metadata.get("optional-dependencies", {}).items():
        for text in listed:
            bare, _, marker = text.partition(";")
            condition = (
                f"({marker.strip()}) and extra == {extra!r}" if marker.strip() else f"extra == {extra!r}"
            )
            requires.append(requirement(f"{bare.strip()}; {condition}"))
    groups = {group: metadata.get(key, {}) for key, group in ENTRY_POINT_GROUPS.items()}
    groups |= metadata.get("entry-points", {})
    return Built(
        name=requirement(identity.name),
        version=identity.version.static,
        requires=frozenset(requires),
        extras=frozenset(requirement(extra) for extra in metadata.get("optional-dependencies", {})),
        entry_points={group: dict(points) for group, points in groups.items() if points},
    )


def same_version(before: str, after: str) -> bool:
    """The same version, or, from git tags, the same public version with a local part after only
    where there was one before (the commit's hash in it differs from one clone to another)."""
    if not before or before == after:
        return True
    try:
        old, new = Version(before), Version(after)
    except InvalidVersion:
        return False
    return old.public == new.public and (old.local is None) == (new.local is None)


def differences(before: Built, after: Built) -> list[str]:
    """What the adopted project's metadata says otherwise than the old one's, a line each."""
    found = []
    if before.name != after.name:
        found.append(f"the name is `{after.name}`; it was `{before.name}`")
    if not same_version(before.version, after.version):
        local = Version(after.version).local if _valid(after.version) else None
        why = (
            f", whose local part `+{local}` PyPI refuses on upload: the version scheme did not come over"
            if local and not (_valid(before.version) and Version(before.version).local)
            else ""
        )
        found.append(f"the version is `{after.version}`{why}; it was `{before.version}`")
    found += [f"it no longer requires `{text}`" for text in sorted(before.requires - after.requires)]
    found += [f"it requires `{text}`, which it did not" for text in sorted(after.requires - before.requires)]
    found += [f"it no longer provides the extra `{extra}`" for extra in sorted(before.extras - after.extras)]
    found += [
        f"it provides the extra `{extra}`, which it did not" for extra in sorted(after.extras - before.extras)
    ]
    for group in sorted(before.entry_points.keys() | after.entry_points.keys()):
        old, new = before.entry_points.get(group, {}), after.entry_points.get(group, {})
        for name in sorted(old.keys() | new.keys()):
            if name not in new:
                found.append(f"the entry point `{name} = {old[name]}` of `{group}` is gone")
            elif name not in old:
                found.append(f"the entry point `{name} = {new[name]}` of `{group}` is new")
            elif old[name] != new[name]:
                found.append(f"the entry point `{name}` of `{group}` is `{new[name]}`; it was `{old[name]}`")
    return found


def _valid(version: str) -> bool:
    try:
        Version(version)
    except InvalidVersion:
        return False
    return True


@dataclass
class Check:
    """The comparison, for the report."""

    backend: str
    before: Built
    old_error: str = ""  # why the old backend could not build: its files stood in for it
    new_error: str = ""  # why the adopted project could not be built: nothing was compared
    differences: list[str] = field(default_factory=list)

    def kept(self) -> str:
        """The report's line on the identity check."""
        if self.new_error:
            return ""
        source = (
            "the old project's files"
            if self.old_error
            else f"its build backend ({self.backend or 'setuptools'})"
        )
        before = self.before
        counted = {
            "requirements": len(before.requires),
            "extras": len(before.extras),
            "entry points": sum(map(len, before.entry_points.values())),
        }
        parts = [f"name `{before.name}`", *([f"version `{before.version}`"] if before.version else [])]
        parts += [f"{what}: {count}" for what, count in counted.items()]
        but = " but for what is named under “For a person to decide”" if self.differences else ""
        return f"The adopted project's wheel and {source} give the same identity{but}: {', '.join(parts)}"

    def fallback(self) -> str:
        """The one line that says the identity was read from the files, and why."""
        if not self.old_error:
            return ""
        return (
            f"The old project's metadata could not be built ({self.old_error}): its identity was read "
            "from its files instead"
        )

    def for_a_person(self) -> list[tuple[str, str]]:
        if self.new_error:
            unbuilt = (
                f"the adopted project could not be built ({self.new_error}), so its identity was not "
                "compared with the old one's: fix that, then compare `uv build --wheel` of each"
            )
            return [("pyproject.toml", unbuilt)]
        was = "its files stated" if self.old_error else "its old build backend gave"
        return [
            ("pyproject.toml", f"{difference} ({was} otherwise): keep it so, or put it back")
            for difference in self.differences
        ]


def check(root: Path, work: Path, identity: Identity) -> Check:
    """Build the project as it was (`root`'s last commit) and as adopted (`work`'s tree), and
    compare their metadata."""
    with tempfile.TemporaryDirectory(prefix="adopt-identity-") as folder:
        old = build(root, Path(folder) / "before")
        new = build(work, Path(folder) / "after", with_changes=True)
    before = from_files(identity) if isinstance(old, Unbuilt) else old
    result = Check(identity.backend, before, old_error=old.error if isinstance(old, Unbuilt) else "")
    if isinstance(new, Unbuilt):
        result.new_error = new.error
    else:
        result.differences = differences(before, new)
    return result
