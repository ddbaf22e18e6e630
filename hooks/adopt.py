# /// script
# requires-python = ">=3.11"
# dependencies = ["copier==9.19.1", "python-project-templates"]
#
# [tool.uv.sources]  # the collection this script is in, for its `hooks` package
# python-project-templates = { path = "..", editable = true }
# ///
"""Bring an existing repository onto the templates, with its code, tests and metadata kept.

    cd old-project
    uv run ../templates/hooks/adopt.py --kind python-lib --template gh:ORG/templates

In a clean clone of the repository, this

1. checks that it is a git work tree, at its top, clean, a Python project, not adopted yet;
2. reads the project's identity: its distribution name, version (or where the version comes
   from), description, authors, licence, dependencies with their bounds, extras and entry
   points, from pyproject.toml, setup.cfg, setup.py (read, never run) and requirements*.txt;
3. renders the kind's template with copier into a temporary folder, with answers made from
   that identity, and stops there, having changed nothing, if copier cannot;
4. clones the repository's last commit into a temporary folder, where every change that
   follows is made, so that the repository itself changes only once the adoption is whole;
5. moves a package at the top of the repository under src/ with `git mv`, so history follows;
6. brings in the template's files except its example, never over the project's own, and puts
   the identity in the template's pyproject.toml;
7. runs `uv run pytest`, and runs any of the team's tests that fail again as they were before,
   to tell a failure that was there already from one the adoption caused; the team's pytest
   settings join the template's, whose strict ones give way where they alone fail tests;
8. builds the project as it was with its own build backend and as adopted with hatchling, and
   compares the wheels' name, version, requirements, extras and entry points (from its files
   where the old backend cannot build), naming any difference for a person;
9. brings the change over into the repository, staged and not committed, putting everything
   back as it was if that fails part-way, and prints a report of what was kept, moved,
   replaced, added, left out and left for a person to decide; the same report, Markdown the
   size of a pull request's description, is written in the git folder.

`.copier-answers.yml` names the template and the release rendered, so `copier update` works
from then on. The exit status is 0 when the tests pass or fail only as they did before, and 1
when the repository is refused (one line; nothing changed) or when tests fail that passed before.
An error the adoption did not expect is a refusal too: one line, the repository as it was, and
the traceback in the git folder (adoption-error.log).
The parts are in hooks/adopting/.
"""

from __future__ import annotations

import argparse
import configparser
import functools
import re
import subprocess
import sys
import tempfile
import tomllib
import traceback
from pathlib import Path
from typing import Any

from hooks.adopting import (
    baseline,
    comparison,
    docs_fit,
    files,
    noxfile_merge,
    pyproject,
    pytest_settings,
    report,
    scratch,
    suite,
)
from hooks.adopting.files import add_null_handler
from hooks.adopting.identity import Identity, defines_version, normalised, read_identity
from hooks.adopting.layout import (
    Layout,
    move,
    plan_layout,
    remove_stale_bytecode,
    test_locations,
    tracked_files,
)
from hooks.adopting.packaging import VersionSource, retire_setup_files, version_source
from hooks.adopting.test_requirements import installable
from hooks.answers import problem, problems
from hooks.cookiecutter_to_copier import LICENSE_ANSWERS, Unreadable, docs_project_name, template_address
from hooks.organisation import load_source

ROOT = Path(__file__).resolve().parent.parent  # the collection

ANSWERS_FILE = ".copier-answers.yml"
SUMMARY_FILE = "adoption-summary.md"
LOG_FILE = "adoption-error.log"  # the traceback of an error the adoption did not expect
# Answers the project's own files override: where it states nothing the templates accept, the
# organisation's default serves.
OVERRIDDEN = (
    "description",
    "author_name",
    "author_email",
    "github_owner",
    "min_python",
    "license",
    "command_name",
)


class Refusal(Exception):
    """Stop having changed nothing, and say why in one line."""


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", check=check
    )


# --- Checks -----------------------------------------------------------------------------------


def check_repository(root: Path) -> None:
    top = git(root, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0:
        msg = "This is not a git repository: run this in a clone of the project. Nothing was changed."
        raise Refusal(msg)
    if Path(top.stdout.strip()).resolve() != root.resolve():
        msg = (
            f"Run this at the top of the repository, {top.stdout.strip()}, not in a folder of it. "
            "Nothing was changed."
        )
        raise Refusal(msg)
    if git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        msg = "The repository has no commit yet: commit the project as it is first. Nothing was changed."
        raise Refusal(msg)
    # before the answers file: an answers file that is not committed is a change like any other
    changes = git(root, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    if changes:
        msg = (
            f"The work tree has changes that are not committed ({len(changes)}, such as {changes[0][3:]}): "
            "commit or stash them first, so that the adoption is a change of its own. Nothing was changed."
        )
        raise Refusal(msg)
    if (root / ANSWERS_FILE).exists():
        msg = (
            f"Already adopted: {ANSWERS_FILE} is here, so `copier update --trust` keeps the project up to "
            "date. Nothing was changed."
        )
        raise Refusal(msg)
    metadata = [name for name in ("pyproject.toml", "setup.py", "setup.cfg") if (root / name).is_file()]
    if not metadata and not any(path.endswith(".py") for path in tracked_files(root)):
        msg = (
            "This is not a Python project: it has no pyproject.toml, setup.py, setup.cfg or Python file. "
            "Nothing was changed."
        )
        raise Refusal(msg)


# --- Answers and rendering --------------------------------------------------------------------


def github_owner(identity: Identity, root: Path) -> str:
    remote = git(root, "remote", "get-url", "origin", check=False).stdout
    for address in [*identity.metadata.get("urls", {}).values(), remote]:
        match = re.search(r"github\.com[:/]([A-Za-z0-9-]+)/", address)
        if match:
            return match.group(1)
    return ""


def oldest_python(requires: str, versions: list[str]) -> str:
    """The oldest supported version the project's requires-python allows."""
    match = re.search(r"(?:>=|~=|\^|==|>)\s*3\.(\d+)", requires)
    if match is None:
        return ""
    return next(
        (version for version in versions if int(version.split(".")[1]) >= int(match.group(1))), versions[-1]
    )


def answers_for(
    identity: Identity, module: str, kind: str, source: dict[str, Any], root: Path
) -> dict[str, str]:
    metadata = identity.metadata
    try:
        name = docs_project_name(root)
    except Unreadable:
        name = identity.name
    first = (metadata.get("authors") or metadata.get("maintainers") or [{}])[0]
    licence = metadata.get("license")
    candidates = {
        "project_name": name,
        "project_slug": normalised(identity.name),
        "module_name": module,
        "description": " ".join(str(metadata.get("description", "")).split()),
        "author_name": first.get("name", ""),
        "author_email": first.get("email", ""),
        "github_owner": github_owner(identity, root),
        "min_python": oldest_python(metadata.get("requires-python", ""), source["python_versions"]),
        "license": LICENSE_ANSWERS.get(licence, licence) if isinstance(licence, str) else "",
    }
    if kind in source["questions"]["command_name"].get("kinds", [kind]):
        candidates["command_name"] = next(iter(metadata.get("scripts", {})), "")
    choices = choices_of(source)
    if problem("project_name", name, choices):
        candidates["project_name"] = candidates["project_slug"]
    return {
        question: value
        for question, value in candidates.items()
        if question not in OVERRIDDEN or (value and problem(question, value, choices, kind) is None)
    }


def choices_of(source: dict[str, Any]) -> dict[str, list[str]]:
    return {"min_python": source["python_versions"], "license": source["questions"]["license"]["choices"]}


def render(kind: str, answers: dict[str, str], template: str, release: str, workdir: Path) -> Path:
    """The template rendered with copier; its own answers file names the template and release."""
    destination = workdir / "project"
    data = [item for key, value in {"kind": kind, **answers}.items() for item in ("--data", f"{key}={value}")]
    ref = [f"--vcs-ref={release}"] if release else []
    result = subprocess.run(
        [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", "--skip-tasks", *ref,
         *data, template_address(template), str(destination)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        msg = f"copier could not render the {kind} template from {template} ({detail}). Nothing was changed."
        raise Refusal(msg)
    return destination


# --- Changes ----------------------------------------------------------------------------------


def brings_licence(identity: Identity, answers: dict[str, str]) -> bool:
    """Whether the template's LICENSE holds the project's licence, where it has no file of its own."""
    licence = identity.metadata.get("license")
    named = LICENSE_ANSWERS.get(licence, licence) if isinstance(licence, str) else None
    return (
        not identity.metadata.get("license-files") and named is not None and named == answers.get("license")
    )


def adopt(root: Path, kind: str, template: str, release: str) -> int:
    check_repository(root)
    source = load_source(ROOT)
    try:
        identity = read_identity(root)
    except (tomllib.TOMLDecodeError, SyntaxError, configparser.Error, UnicodeDecodeError) as error:
        msg = (
            f"The project's metadata could not be read ({type(error).__name__}: {error}). "
            "Nothing was changed."
        )
        raise Refusal(msg) from None
    unnamed = not identity.name
    if unnamed:
        identity.metadata["name"] = normalised(root.name)
    layout = plan_layout(root, identity.name, identity.packages)
    if layout is None:
        msg = (
            "There is no package to adopt: no folder with an __init__.py at the top or under src/, and no "
            "module named after the project. Nothing was changed."
        )
        raise Refusal(msg)
    answers = answers_for(identity, layout.module, kind, source, root)
    found = problems(answers, choices_of(source), kind)
    if found:
        msg = (
            f"The project's names do not make a valid {kind} project ({'; '.join(found)}). "
            "Nothing was changed."
        )
        raise Refusal(msg)
    with tempfile.TemporaryDirectory(prefix="adopt-") as folder:
        rendered = render(kind, answers, template, release, Path(folder))
        # every change is made in a clone first: the repository changes only once it is whole
        work = scratch.clone(root, Path(folder) / "work" / root.name)
        library = bool(source["kinds"][kind].get("null_handler"))
        done = apply(work, rendered, identity, layout, kind, answers, template, library=library)
        if unnamed:
            done.for_a_person.append(
                (
                    "pyproject.toml",
                    f"no file stated the distribution name: it is the folder's, `{identity.name}`",
                )
            )
        checked = comparison.check(root, work, identity)  # the same distribution as its backend built
        done.kept[1:1] = [line for line in (checked.kept(), checked.fallback()) if line]
        done.for_a_person += checked.for_a_person()
        text = report.markdown(done)
        scratch.bring_over(work, root, {SUMMARY_FILE: text})
    remove_stale_bytecode(root, layout)  # the clone had none: the repository's own goes now
    return finish(root, done, text)


def apply(
    root: Path,
    rendered: Path,
    identity: Identity,
    layout: Layout,
    kind: str,
    answers: dict[str, str],
    template: str,
    *,
    library: bool,
) -> report.Report:
    """Make the changes; what was done, for the report. A `library` kind's package logger gets
    a NullHandler (its `null_handler` in templates/questions.toml)."""
    released = re.search(r"^_commit: (.+)$", (rendered / ANSWERS_FILE).read_text("utf-8"), re.MULTILINE)
    done = report.Report(kind, template, released.group(1).strip("'\"") if released else "")
    original = {
        name: (root / name).read_text("utf-8") if (root / name).is_file() else "" for name in files.MERGED
    }
    move(root, layout)
    done.moved = [
        (old, new) if (root / new).is_file() else (f"{old}/", f"{new}/") for old, new in layout.moves.items()
    ]
    removed, done.for_a_person = retire_setup_files(root)
    done.replaced = [f"`{name}`: removed; its metadata is in pyproject.toml" for name in removed]
    module = layout.module
    init = root / "src" / module / "__init__.py"
    quiet = add_null_handler(init) if library else None
    if quiet:
        done.replaced += [f"`src/{module}/__init__.py`: {report.NULL_HANDLER_ADDED}"]
    elif quiet is None and library:
        done.for_a_person.append((f"src/{module}/__init__.py", report.NULL_HANDLER_MISSING))
    licence = brings_licence(identity, answers)
    if licence:
        identity.metadata["license-files"] = ["LICENSE"]
    context = files.Context(
        module=module,
        example=files.example_files(ROOT, kind, module),
        has_docs=(root / "docs").is_dir(),
        has_version=defines_version(init) is not None,
        own_health=(root / "src" / module / "health.py").exists(),
        logs_quietly=quiet is not None,
        brings_licence=licence,
        library=library,
    )
    placement = files.bring_in(rendered, root, context)
    own_noxfile = noxfile_merge.replace_own(root, rendered, placement)
    version = version_source(identity, module, root)
    own_pytest = pytest_settings.own_settings(root, original["pyproject.toml"])
    merge = merge_files(root, rendered, original, identity, layout, version)
    joined = pytest_settings.merge_into(root, own_pytest)
    report.describe(
        done,
        report.Facts(
            root, identity, version, placement, context.has_docs, merge, answers.get("min_python", "")
        ),
    )
    fitted = docs_fit.fit(root, placement, module, identity.name, has_version=context.has_version)
    done.replaced += fitted
    if docs_fit.FITTED_INDEX in fitted:
        done.for_a_person = [item for item in done.for_a_person if item[1] != report.TABLE_OF_CONTENTS]
    tests = functools.partial(
        suite.verdict,
        root,
        set(placement.added),
        layout.before,
        installable(identity.test_requirements, identity.name),
    )
    done.verdict, loosened = pytest_settings.settle(root, own_pytest, tests)
    pytest_settings.tell(done, joined, loosened)
    if own_noxfile:
        done.replaced.append(noxfile_merge.REPLACED)
        done.for_a_person.append((noxfile_merge.OLD_NOXFILE, noxfile_merge.FOR_A_PERSON))
    done.baseline = baseline.record(root) if done.verdict.outcome.ran else None
    return done


def merge_files(
    root: Path,
    rendered: Path,
    original: dict[str, str],
    identity: Identity,
    layout: Layout,
    version: VersionSource,
) -> pyproject.Merge:
    """.gitignore and pyproject.toml: the template's, with the project's own in them."""
    gitignore = files.merged_gitignore((rendered / ".gitignore").read_text("utf-8"), original[".gitignore"])
    (root / ".gitignore").write_text(gitignore, "utf-8")
    template = (rendered / "pyproject.toml").read_text("utf-8")
    metadata = dict(identity.metadata)
    if metadata.get("readme") and not (root / metadata["readme"]).is_file():
        metadata.pop("readme")
    merge = pyproject.Merge(
        metadata=metadata, version=version.static, version_path=version.path, vcs=version.vcs,
        vcs_options=identity.version.scm_options,
        version_file=layout.moved(identity.version.version_file) if identity.version.version_file else "",
        packages=[f"src/{name}" for name in layout.packages], test_requirements=identity.test_requirements,
        testpaths=test_locations(root, layout),
        tools=pyproject.own_tool_tables(original["pyproject.toml"], template, identity.backend),
    )  # fmt: skip
    (root / "pyproject.toml").write_text(pyproject.merged(template, merge), "utf-8")
    return merge


def finish(root: Path, done: report.Report, text: str) -> int:
    """Print the report of the adoption, staged in the repository with the report in its git folder."""
    summary = root / git(root, "rev-parse", "--git-path", SUMMARY_FILE).stdout.strip()
    print(text, file=sys.stderr)
    where = summary.relative_to(root) if summary.is_relative_to(root) else summary
    if done.verdict.green:
        print(
            "Adopted: review the staged changes (`git diff --staged`), then commit them. The report "
            f"above is in {where}, for the pull request.",
            file=sys.stderr,
        )
        return 0
    if not done.verdict.outcome.ran:
        print(
            f"Adopted, but `uv run pytest` could not run the tests (the report above, also in {where}, says "
            "why): fix that before committing, or undo the adoption with `git reset --hard`.",
            file=sys.stderr,
        )
        return 1
    print(
        f"Adopted, but tests fail that did not fail before (the report above, also in {where}, says which): "
        "fix them before committing, or undo the adoption with `git reset --hard`.",
        file=sys.stderr,
    )
    return 1


def main(argv: list[str] | None = None) -> int:
    kinds = list(load_source(ROOT)["kinds"])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", required=True, choices=kinds, help="the template to adopt")
    parser.add_argument(
        "--template", required=True, help="where copier finds the templates, such as gh:ORG/templates"
    )
    parser.add_argument("--release", default="", help="the release to adopt (default: the newest)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        return adopt(root, args.kind, args.template, args.release)
    except Refusal as refusal:
        print(refusal, file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the repository is as it was; say so in one line
        log = keep_traceback(root)
        print(
            f"The adoption stopped on an error ({type(error).__name__}: {one_line(str(error))}); "
            f"{f'the details are in {log}; ' if log else ''}please report it. Nothing was changed.",
            file=sys.stderr,
        )
        return 1


def one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def keep_traceback(root: Path) -> str:
    """The traceback of an unexpected error, written in the git folder; where, or ""."""
    where = git(root, "rev-parse", "--git-path", LOG_FILE, check=False)
    if where.returncode != 0:
        return ""
    log = root / where.stdout.strip()
    log.write_text(traceback.format_exc(), "utf-8")
    return log.relative_to(root).as_posix() if log.is_relative_to(root) else str(log)


if __name__ == "__main__":
    sys.exit(main())
