"""The team's pytest settings beside the template's, so that tests that passed before still pass.

pytest reads one file: a pytest.ini wins over pyproject.toml whole (and the template's own tests
then run without the settings they need), and pyproject.toml's table wins over tox.ini's
[pytest] and setup.cfg's [tool:pytest], which the team's settings silently stop applying from.
So the team's settings join the template's in [tool.pytest.ini_options] (its markers, which
`--strict-markers` requires, its warning filters after the template's, its other options), and
a pytest.ini, merged, goes.

The template's strictness (`filterwarnings = ["error"]`, `xfail_strict = true`) stays where the
team's tests pass under it. Where tests that passed before fail under it, they run again
without it; those it broke keep the team's own setting instead, and the report says which and why.
"""

from __future__ import annotations

import configparser
import itertools
import json
import shlex
import subprocess
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit

from hooks.adopting import report, suite
from hooks.adopting.pyproject import laid_out, plain, put

# Where pytest looks, in its order, for a table of settings (file, section)
INI_FILES = (
    ("pytest.ini", "pytest"),
    (".pytest.ini", "pytest"),
    ("tox.ini", "pytest"),
    ("setup.cfg", "tool:pytest"),
)
LINE_LISTS = ("markers", "filterwarnings")  # one item a line in an ini file
ARG_LISTS = ("addopts",)  # split as a shell splits
SPACED_LISTS = (
    "testpaths",
    "norecursedirs",
    "pythonpath",
    "python_files",
    "python_classes",
    "python_functions",
)
# flags the template's addopts has that the team's may repeat
REPEATED_FLAGS = ("--", "-r")


@dataclass
class Own:
    """The team's pytest settings and the file pytest read them from ("" where there are none)."""

    where: str = ""
    settings: dict[str, Any] = field(default_factory=dict)


def _ini_value(key: str, text: str) -> Any:
    if key in LINE_LISTS:
        lines = [line.strip() for line in text.splitlines()]
        return [line for line in lines if line and not line.startswith("#")]
    if key in ARG_LISTS:
        return shlex.split(text, comments=True)
    if key in SPACED_LISTS:
        return text.split()
    return text.strip()


def own_settings(root: Path, original_pyproject: str) -> Own:
    """The settings pytest read before the adoption, from the first file that had them."""
    table = tomllib.loads(original_pyproject).get("tool", {}).get("pytest", {}).get("ini_options")
    for name, section in INI_FILES:
        if name == "tox.ini" and table is not None:
            return _from_pyproject(table)
        parser = configparser.ConfigParser(interpolation=None)
        path = root / name
        if not path.is_file():
            continue
        try:
            parser.read(path, encoding="utf-8")
        except configparser.Error:
            continue
        if parser.has_section(section):
            return Own(name, {key: _ini_value(key, value) for key, value in parser.items(section)})
    return _from_pyproject(table) if table is not None else Own()


def _from_pyproject(table: dict[str, Any]) -> Own:
    """A line list may be one string in pyproject.toml too."""
    return Own(
        "pyproject.toml",
        {
            key: value.splitlines() if key in LINE_LISTS and isinstance(value, str) else value
            for key, value in table.items()
        },
    )


def _marker_name(marker: str) -> str:
    return marker.split(":")[0].split("(")[0].strip()


def _joined(key: str, template: Any, theirs: Any) -> Any:
    """One setting, the template's and the team's together."""
    if template is None:
        return theirs
    if key == "markers":
        names = {_marker_name(marker) for marker in template}
        return [*template, *(m for m in theirs if _marker_name(m) not in names)]
    if key == "addopts":
        theirs = shlex.split(theirs) if isinstance(theirs, str) else theirs
        repeated = [a for a in theirs if a in template and a.startswith(REPEATED_FLAGS)]
        kept = [a for a in theirs if a not in repeated]
        return [*template, *_without_disabled_plugins(kept)]
    if isinstance(template, list):
        listed = theirs.split() if isinstance(theirs, str) else theirs
        return [*template, *(item for item in listed if item not in template)]
    return template  # minversion, xfail_strict, log_level: the template's, checked by the run


def disabled_plugins(addopts: Any) -> list[str]:
    """The `-p no:NAME` options of an addopts: the template's tests use pytest's plugins (caplog)."""
    args = shlex.split(addopts) if isinstance(addopts, str) else list(addopts or [])
    return [
        f"-p {value}"
        for option, value in itertools.pairwise(args)
        if option == "-p" and value.startswith("no:")
    ]


def _without_disabled_plugins(args: list[str]) -> list[str]:
    kept: list[str] = []
    for arg in args:
        if arg.startswith("no:") and kept and kept[-1] == "-p":
            kept.pop()
        else:
            kept.append(arg)
    return kept


@dataclass
class Merged:
    """What became of the team's settings, for the report."""

    own: Own
    kept: list[str] = field(default_factory=list)  # the keys that joined the template's
    removed: str = ""  # a pytest.ini, whose settings are in pyproject.toml now


def merge_into(root: Path, own: Own) -> Merged:
    """The team's settings joined with the template's in pyproject.toml; a pytest.ini removed."""
    merged = Merged(own)
    if not own.settings:
        return merged
    path = root / "pyproject.toml"
    document = tomlkit.parse(path.read_text("utf-8"))
    table = document["tool"]["pytest"]["ini_options"]
    for key, theirs in own.settings.items():
        if plain(table.get(key)) != theirs:
            put(table, key, _joined(key, plain(table.get(key)), theirs))
            merged.kept.append(key)
    addopts = own.settings.get("addopts", [])
    if "--doctest-modules" in (shlex.split(addopts) if isinstance(addopts, str) else addopts):
        # the doctests in the package ran from the top before; the template's testpaths leave it out
        testpaths = plain(table.get("testpaths")) or []
        if "src" not in testpaths:
            put(table, "testpaths", [*testpaths, "src"])
        if (root / "docs" / "conf.py").is_file():  # imports Sphinx, which the docs group alone installs
            put(table, "addopts", [*plain(table["addopts"]), "--ignore=docs/conf.py"])
    path.write_text(tomlkit.dumps(document), "utf-8")
    if own.where in ("pytest.ini", ".pytest.ini"):
        subprocess.run(["git", "rm", "--quiet", own.where], cwd=root, check=True, capture_output=True)
        merged.removed = own.where
    return merged


@dataclass
class Loosened:
    """A strict setting of the template's that the team's own took the place of."""

    key: str
    template: Any
    own: Any
    tests: list[str]  # the team's tests that passed before and failed under the template's


def _set(root: Path, key: str, value: Any) -> None:
    path = root / "pyproject.toml"
    document = tomlkit.parse(path.read_text("utf-8"))
    table = document["tool"]["pytest"]["ini_options"]
    if value is None:
        del table[key]
    else:
        table[key] = laid_out(value)
    path.write_text(tomlkit.dumps(document), "utf-8")


def settle(root: Path, own: Own, run: Callable[[], suite.Verdict]) -> tuple[suite.Verdict, list[Loosened]]:
    """The tests' verdict, with the template's strict settings loosened to the team's own where
    they alone turned tests that passed before into failures."""
    verdict = run()
    broken = verdict.broken
    if not broken or not verdict.outcome.ran:
        return verdict, []
    table = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]
    loosened = []
    xpassed = [failure.test for failure in broken if "XPASS(strict)" in failure.reason]
    if xpassed and table.get("xfail_strict") and not own.settings.get("xfail_strict"):
        loosened.append(Loosened("xfail_strict", True, own.settings.get("xfail_strict"), xpassed))
    filters = table.get("filterwarnings", [])
    if "error" in filters and "error" not in own.settings.get("filterwarnings", []):
        others = [failure.test for failure in broken if failure.test not in xpassed]
        warned = suite.run_tests(root, "-W", "default", "-p", "no:cacheprovider", *others) if others else None
        passing = [test for test in others if warned and warned.ran and test not in warned.failures]
        if passing:
            loosened.append(Loosened("filterwarnings", filters, own.settings.get("filterwarnings"), passing))
    for change in loosened:
        _set(root, change.key, change.own)
    return (run() if loosened else verdict), loosened


CLASHING_PYTEST = "[tool.pytest] in pyproject.toml"
SECTION_UNREAD = (
    "pytest reads [tool.pytest.ini_options] in pyproject.toml now, which has its pytest settings: delete "
    "its pytest section"
)
DISABLED = (
    "the project's {} left out: the template's tests use the plugins it turns off (caplog is the "
    "logging plugin's fixture)"
)
LOOSENED = (
    "the project's own ({}), not the template's ({}): under the template's, {} of the project's tests "
    "that passed before fail ({}). Fix what they trip on, then set the template's again, so that new "
    "tests are held to it"
)


def tell(done: report.Report, merged: Merged, loosened: list[Loosened]) -> None:
    """The report's lines on pytest's settings: whose each is, and why."""
    own = merged.own
    if merged.kept:
        keys = ", ".join(f"`{key}`" for key in merged.kept)
        done.kept.append(
            f"pytest settings of the project's own, from {own.where} ({keys}), with the template's in "
            "[tool.pytest.ini_options] of pyproject.toml: its markers beside the template's, its warning "
            "filters after the template's"
        )
        done.for_a_person = [item for item in done.for_a_person if item[0] != CLASHING_PYTEST]
    dropped = disabled_plugins(own.settings.get("addopts"))
    if dropped and merged.kept:
        options = ", ".join(f"`{option}`" for option in dropped)
        done.for_a_person.append(("[tool.pytest.ini_options] addopts", DISABLED.format(options)))
    if merged.removed:
        done.replaced.append(
            f"`{merged.removed}`: removed, its settings are in [tool.pytest.ini_options] now; pytest reads "
            "a pytest.ini instead of pyproject.toml whole, and the template's tests need the template's"
        )
    elif own.where in ("tox.ini", "setup.cfg") and merged.kept:
        done.for_a_person.append((own.where, SECTION_UNREAD))
    for change in loosened:
        tests = ", ".join(f"`{test}`" for test in change.tests[:5]) + (
            ", ..." if len(change.tests) > 5 else ""
        )
        own_value = json.dumps(change.own) if change.own is not None else "none"
        why = LOOSENED.format(own_value, json.dumps(change.template), len(change.tests), tests)
        done.for_a_person.append((f"[tool.pytest.ini_options] {change.key}", why))
