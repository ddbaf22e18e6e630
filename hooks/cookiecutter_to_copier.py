# /// script
# requires-python = ">=3.11"
# ///
"""Let a project rendered by cookiecutter follow the templates with `copier update`.

    cd my-project
    uv run ../templates/hooks/cookiecutter_to_copier.py --template gh:ORG/templates --release v0.1.0

This writes copier's answers file, `.copier-answers.yml`, in the current directory: the template
and the release the project was rendered from, and the answers, each read from the file of the
project that states it (its pyproject.toml, its package under src/, its docs/conf.py). So
`copier update` can compare that release with the newest one and apply the difference. No file
of the project is rendered again, so no edit can be lost on the way.

It is for projects cookiecutter rendered before its hook wrote `.copier-answers.yml` itself; in
a project that has the file, it says so and writes nothing.

cookiecutter's replay file (~/.cookiecutter_replay/KIND.json) is not read: it holds the answers
of the last render of that template on the computer, which may be another project's.
"""

import argparse
import ast
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ANSWERS = Path(".copier-answers.yml")
# The licence identifier pyproject.toml has for each `license` answer that is not one itself.
LICENSE_ANSWERS = {"LicenseRef-Proprietary": "Proprietary"}


class Unreadable(Exception):
    """The project does not state an answer where the templates put it."""

    def __init__(self, answer: str, file: str, problem: str) -> None:
        super().__init__(problem)
        self.answer, self.file, self.problem = answer, file, problem


def _text(value: object, answer: str, file: str, where: str) -> str:
    if not isinstance(value, str):
        raise Unreadable(answer, file, f"{file} has no {where}")
    return value


def _pyproject(project: Path) -> dict[str, Any]:
    try:
        return tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Unreadable("project_slug", "pyproject.toml", "there is no pyproject.toml here") from None
    except tomllib.TOMLDecodeError as error:
        raise Unreadable("project_slug", "pyproject.toml", f"pyproject.toml is not TOML ({error})") from None


def _module_name(project: Path) -> str:
    packages = sorted(path.parent.name for path in (project / "src").glob("*/__init__.py"))
    if len(packages) != 1:
        found = ", ".join(packages) or "none"
        raise Unreadable("module_name", "src", f"src/ holds {len(packages)} packages ({found}), not one")
    return packages[0]


def docs_project_name(project: Path) -> str:
    """The name as docs/conf.py's `project = "..."` states it: the template writes it there."""
    try:
        tree = ast.parse((project / "docs" / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        tree = ast.Module(body=[], type_ignores=[])
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(target, "id", None) for target in node.targets] == ["project"]
            and isinstance(node.value, ast.Constant)
        ):
            return _text(node.value.value, "project_name", "docs/conf.py", "project name")
    raise Unreadable("project_name", "docs/conf.py", 'docs/conf.py sets no project = "NAME"')


# What each kind declares in [project.entry-points], [project.scripts] and [project] dependencies:
# its questions.toml table.
KINDS = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "templates" / "questions.toml").read_text("utf-8")
)["kinds"]


def _distribution(requirement: str) -> str:
    """The normalised distribution name a requirement such as `click>=8.3` names (PEP 503)."""
    name = re.match(r"[A-Za-z0-9._-]*", requirement.strip())
    return re.sub(r"[-_.]+", "-", name[0] if name else "").lower()


def _marks(entry_points: dict[str, Any], scripts: dict[str, str], dependencies: list[str]) -> frozenset[str]:
    """Each entry point, each script's target and each runtime dependency, as comparable text."""
    return frozenset(
        {
            f"entry point {group}: {name} = {target}"
            for group, entries in entry_points.items()
            for name, target in entries.items()
        }
        | {f"script {target}" for target in scripts.values()}
        | {f"dependency {_distribution(requirement)}" for requirement in dependencies}
    )


def kind_marks(meta: dict[str, Any], module: str = "{module}") -> frozenset[str]:
    """What a project of the kind declares because the kind wrote it. The move tells a project's
    kind by them, so templates/assemble.py refuses two kinds with the same marks."""
    marks = _marks(meta.get("entry_points", {}), meta.get("scripts", {}), meta.get("dependencies", []))
    return frozenset(mark.replace("{module}", module) for mark in marks)


def _project_marks(metadata: dict[str, Any]) -> frozenset[str]:
    """What the project's pyproject.toml [project] table declares, in kind_marks' terms."""
    return _marks(
        metadata.get("entry-points", {}), metadata.get("scripts", {}), metadata.get("dependencies", [])
    )


def _kind(metadata: dict[str, Any], module: str) -> tuple[str, str]:
    """The template whose marks the project has, the most specific one if several (a team's own
    additions only add marks), and the script's name, the command_name answer, where the kind
    has one."""
    found = _project_marks(metadata)
    candidates = [kind for kind, meta in KINDS.items() if kind_marks(meta, module) <= found]
    if not candidates:
        raise Unreadable(
            "kind", "pyproject.toml", "pyproject.toml declares no template's entry points or scripts"
        )
    kind = max(candidates, key=lambda kind: len(kind_marks(KINDS[kind], module)))
    targets = {target.replace("{module}", module) for target in KINDS[kind].get("scripts", {}).values()}
    commands = [name for name, target in metadata.get("scripts", {}).items() if target in targets]
    return kind, commands[0] if commands else ""


def answers_of(project: Path) -> dict[str, str]:
    """Every answer the project was rendered with, read from the files that state it."""
    metadata = _pyproject(project).get("project", {})
    module = _module_name(project)
    kind, command = _kind(metadata, module)
    authors = metadata.get("authors") or [{}]
    requires = re.fullmatch(r">=\s*(3\.\d+)", metadata.get("requires-python", ""))
    if requires is None:
        raise Unreadable("min_python", "pyproject.toml", 'pyproject.toml has no requires-python = ">=3.X"')
    homepage = re.match(r"https://github\.com/([^/]+)/", metadata.get("urls", {}).get("Homepage", ""))
    if homepage is None:
        raise Unreadable(
            "github_owner", "pyproject.toml", "pyproject.toml has no GitHub Homepage in [project.urls]"
        )
    license_id = _text(metadata.get("license"), "license", "pyproject.toml", "[project] license")
    answers = {
        "kind": kind,
        "project_name": docs_project_name(project),
        "project_slug": _text(metadata.get("name"), "project_slug", "pyproject.toml", "[project] name"),
        "module_name": module,
        "description": _text(
            metadata.get("description"), "description", "pyproject.toml", "[project] description"
        ),
        "author_name": _text(authors[0].get("name"), "author_name", "pyproject.toml", "author name"),
        "author_email": _text(authors[0].get("email"), "author_email", "pyproject.toml", "author email"),
        "github_owner": homepage.group(1),
        "min_python": requires.group(1),
        "license": LICENSE_ANSWERS.get(license_id, license_id),
    }
    if command:
        answers["command_name"] = command
    return answers


def template_address(template: str) -> str:
    """A local path as an absolute one: copier reads it relative to the folder it runs in.

    An address with a colon (gh:, a URL, a Windows drive), an absolute path or ~ stays as given.
    """
    if ":" in template or template.startswith(("/", "\\", "~")):
        return template
    return str(Path(template).resolve())


def copier_answers(answers: dict[str, str], template: str, release: str) -> str:
    lines = [
        "# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY",
        f"_commit: {json.dumps(release)}",
        f"_src_path: {json.dumps(template_address(template))}",
        # JSON strings are YAML strings too, whatever characters they hold
        *(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in sorted(answers.items())),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True, help="where copier finds the templates")
    parser.add_argument("--release", required=True, help="the release tag the project was rendered from")
    args = parser.parse_args(argv)
    if ANSWERS.exists():
        print(
            f"{ANSWERS} is here already: the project follows the templates with `copier update --trust`. "
            "Nothing was written.",
            file=sys.stderr,
        )
        return 0
    try:
        answers = answers_of(Path.cwd())
    except Unreadable as unreadable:
        print(
            f"Cannot tell {unreadable.answer}: {unreadable.problem}. Nothing was written; run this in the "
            f"project's folder, with {unreadable.file} as the template wrote it.",
            file=sys.stderr,
        )
        return 1
    ANSWERS.write_text(copier_answers(answers, args.template, args.release), encoding="utf-8")
    print(f"Wrote {ANSWERS}: commit it, then `copier update --trust` follows the templates.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
