"""The findings the project's code has today under the template's lint, recorded as a baseline.

The template holds code to ruff's rule sets, ruff's format and mypy --strict. Code written
before rarely meets all of them, and a project whose lint fails from its first commit teaches
its team to ignore it. So what each file breaks today is written down in pyproject.toml, where
the team can see it and burn it down: for ruff, the rule codes each file breaks
(`[tool.ruff.lint.per-file-ignores]`) and the files its formatter would change
(`[tool.ruff.format] exclude`); for mypy, the modules that are not strict yet, each with the
strictness flags it fails turned off, or the error codes it breaks where no flag covers them
(`[[tool.mypy.overrides]]`). A file or module not named there, and every new one, meets the
full rules. Deleting an entry and fixing what `uvx nox -s lint` then finds shrinks it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT

from hooks.adopting.pyproject import append_table, laid_out, plain, put

# mypy's error codes that a strictness flag of --strict (or of the template's) gives, and the
# flag that turns them off for a module
FLAGS = {
    "no-untyped-def": {"disallow_untyped_defs": False, "disallow_incomplete_defs": False},
    "no-untyped-call": {"disallow_untyped_calls": False},
    "type-arg": {"disallow_any_generics": False},
    "no-any-return": {"warn_return_any": False},
    "untyped-decorator": {"disallow_untyped_decorators": False},
    "no-any-unimported": {"disallow_any_unimported": False},
    "unused-ignore": {"warn_unused_ignores": False},
    "unreachable": {"warn_unreachable": False},
    "comparison-overlap": {"strict_equality": False},
}
MYPY_LINE = re.compile(
    r"^(?P<file>[^:\n]+\.pyi?):\d+(?::\d+)?: error: (?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)
NOT_EXPORTED = re.compile(r'^Module "(?P<module>[\w.]+)" does not explicitly export attribute')
RUFF_COMMENT = "the baseline: what this file broke when adopted"
FORMAT_COMMENT = "The baseline: files not formatted by ruff when adopted (`uvx nox -s fix` formats them)"
MYPY_COMMENT = "The baseline: the modules not strict when adopted, with what they broke turned off; new modules are strict"


@dataclass
class Baseline:
    """What the project's code breaks today, now written in pyproject.toml."""

    ruff: dict[str, list[str]] = field(default_factory=dict)  # file: rule codes
    findings: int = 0  # ruff's, in all
    unformatted: list[str] = field(default_factory=list)
    mypy: dict[str, dict[str, Any]] = field(default_factory=dict)  # module: the settings it needs
    mypy_errors: int = 0
    left: list[str] = field(default_factory=list)  # what lint still finds afterwards, if anything

    @property
    def empty(self) -> bool:
        return not (self.ruff or self.unformatted or self.mypy)


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run(
        ["uv", "run", "--quiet", *command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def ruff_findings(root: Path) -> tuple[dict[str, list[str]], int]:
    result = _run(root, "ruff", "check", "--output-format=json", "--exit-zero", ".")
    found: dict[str, set[str]] = {}
    count = 0
    for finding in json.loads(result.stdout or "[]"):
        code = finding.get("code")
        if not code:  # a syntax error: no rule to ignore
            continue
        path = Path(finding["filename"]).resolve().relative_to(root.resolve()).as_posix()
        found.setdefault(path, set()).add(code)
        count += 1
    return {path: sorted(codes) for path, codes in sorted(found.items())}, count


# ruff names a file it would format as `Would reformat: PATH`, or, from 0.14 on, as a
# diagnostic: `unformatted: File would be reformatted` with `--> PATH:LINE:COLUMN` below
UNFORMATTED = re.compile(r"^(?:Would reformat: (?P<old>.+)|\s*--> (?P<new>.+?):\d+:\d+)$", re.MULTILINE)


def unformatted(root: Path) -> list[str]:
    result = _run(root, "ruff", "format", "--check", ".")
    return sorted({match.group("old") or match.group("new") for match in UNFORMATTED.finditer(result.stdout)})


def module_of(root: Path, path: str) -> str:
    """The module mypy names a file by: from the first folder up that is no package, or src/."""
    parts = list(Path(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    start = len(parts) - 1
    while start > 0 and (root.joinpath(*parts[:start]) / "__init__.py").is_file():
        start -= 1
    return ".".join(parts[start:]) if parts[:1] != ["src"] else ".".join(parts[1:])


def mypy_findings(root: Path) -> tuple[dict[str, dict[str, Any]], int]:
    result = _run(root, "mypy", "--no-pretty", "--no-error-summary", "--show-error-codes")
    settings: dict[str, dict[str, Any]] = {}
    count = 0
    for line in result.stdout.splitlines():
        match = MYPY_LINE.match(line)
        if match is None:
            continue
        count += 1
        code = match.group("code") or "misc"
        exported = NOT_EXPORTED.match(match.group("message"))
        if exported:  # the module that imports it is right: the one it imports re-exports
            settings.setdefault(exported.group("module"), {})["implicit_reexport"] = True
            continue
        module = settings.setdefault(module_of(root, match.group("file")), {})
        if code in FLAGS:
            module.update(FLAGS[code])
        else:
            module.setdefault("disable_error_code", [])
            if code not in module["disable_error_code"]:
                module["disable_error_code"].append(code)
    return dict(sorted(settings.items())), count


def _write_ruff(document: Any, baseline: Baseline) -> None:
    lint = document["tool"]["ruff"].setdefault("lint", tomlkit.table())
    ignores = lint.setdefault("per-file-ignores", tomlkit.table())
    for path, codes in baseline.ruff.items():
        had = plain(ignores.get(path)) or []
        if ignores:
            put(ignores, path, [*had, *(code for code in codes if code not in had)])
        else:  # a table of its own, new: nothing at its end to keep there
            ignores.append(path, laid_out(codes))
        if not had:  # the template's own entries keep their comments
            ignores[path].comment(RUFF_COMMENT)
            ignores[path].trivia.comment_ws = "  "
    if baseline.unformatted:
        formatting = tomlkit.table()
        formatting.add(tomlkit.comment(FORMAT_COMMENT))
        formatting.append("exclude", laid_out(baseline.unformatted))
        append_table(document["tool"]["ruff"], "format", formatting)


def _write_mypy(document: Any, baseline: Baseline) -> None:
    """One override for each set of settings, naming every module that needs it."""
    if not baseline.mypy:
        return
    groups: dict[str, list[str]] = {}
    for module, settings in baseline.mypy.items():
        groups.setdefault(json.dumps(settings), []).append(module)
    mypy = document["tool"]["mypy"]
    overrides = mypy.get("overrides")
    if overrides is None:
        overrides = AoT([])
        mypy.append("overrides", overrides)
    for number, (settings, modules) in enumerate(groups.items()):
        table = tomlkit.table()
        if number == 0:
            table.add(tomlkit.comment(MYPY_COMMENT))
        table.append("module", laid_out(modules if len(modules) > 1 else modules[0]))
        for key, value in json.loads(settings).items():
            table.append(key, laid_out(value))
        overrides.append(table)
    overrides[-1].add(tomlkit.nl())  # a blank line before the next table


def _union(baseline: Baseline, ruff: dict[str, list[str]], mypy: dict[str, dict[str, Any]]) -> bool:
    """Add what a run with the baseline in place still finds; whether there was any."""
    grew = False
    for path, codes in ruff.items():
        had = baseline.ruff.setdefault(path, [])
        grew |= any(code not in had for code in codes)
        had += [code for code in codes if code not in had]
    for module, settings in mypy.items():
        had_settings = baseline.mypy.setdefault(module, {})
        for key, value in settings.items():
            if key == "disable_error_code":
                codes = had_settings.setdefault(key, [])
                grew |= any(code not in codes for code in value)
                codes += [code for code in value if code not in codes]
            elif had_settings.get(key) != value:
                had_settings[key] = value
                grew = True
    return grew


def record(root: Path) -> Baseline:
    """Write what the code breaks today in pyproject.toml; then check that lint passes.

    An ignore can make findings of its own (a `# noqa: ARG001` the file's ignore of ARG001 makes
    unused, a `# type: ignore` a turned-off flag does): they join the baseline, up to three rounds.
    """
    baseline = Baseline()
    baseline.ruff, baseline.findings = ruff_findings(root)
    baseline.unformatted = unformatted(root)
    baseline.mypy, baseline.mypy_errors = mypy_findings(root)
    if baseline.empty:
        return baseline
    path = root / "pyproject.toml"
    original = path.read_text("utf-8")
    for _ in range(3):
        document = tomlkit.parse(original)
        _write_ruff(document, baseline)
        _write_mypy(document, baseline)
        path.write_text(tomlkit.dumps(document), "utf-8")
        if not _union(baseline, ruff_findings(root)[0], mypy_findings(root)[0]):
            break
    for command in (("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)):
        result = _run(root, *command)
        if result.returncode != 0:
            lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
            baseline.left.append(f"`{' '.join(command)}`: {lines[-1] if lines else 'failed'}")
    return baseline
