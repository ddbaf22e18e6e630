"""Which rendered files come into the project, and which of the project's files stay.

The rule: the project's own files always stay, and its code and tests take the place of the
template's example. What a kind's folder in the collection (`templates/KIND/`) holds is that
example: the package's modules, their tests, their docs pages and the README that shows them.
What every kind shares (`templates/project/`) comes in where the project has no file of that
name: CI, nox, pre-commit, the docs' scaffolding, the health-check ping and its tests. Two
files are merged instead: pyproject.toml (hooks/adopting/pyproject.py) and .gitignore. A
library also gets the logging set-up every library of the templates has: a NullHandler.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass, field
from pathlib import Path

MERGED = ("pyproject.toml", ".gitignore")
# What the health-check ping brings, which needs the package to have no health module of its own.
HEALTH = ("src/{module}/health.py", "tests/test_health.py", "docs/health.md")
# The test of a library's logging set-up (and of its __version__), from the python-lib example.
PACKAGE_TEST = "tests/test_package.py"
DOCS_REQUIREMENTS = "docs/requirements.txt"
IMPORT_LOGGING = "import logging\n"
NULL_HANDLER = """
# A library leaves configuring logging to the application (added on adopting the templates).
logging.getLogger(__name__).addHandler(logging.NullHandler())
"""


@dataclass
class Context:
    """What decides, file by file, what comes in."""

    module: str
    example: frozenset[str]  # rendered paths of the kind's own files
    has_docs: bool  # the project has docs of its own
    has_version: bool  # the package defines __version__
    own_health: bool  # the package has a health module of its own
    logs_quietly: bool  # the package logger has a NullHandler
    brings_licence: bool  # the template's LICENSE is the project's licence and it has no file of its own
    library: bool  # the kind's package logger has a NullHandler (`null_handler` in questions.toml)


@dataclass
class Placement:
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the project's file, where the template has one too
    left_out: list[tuple[str, str]] = field(default_factory=list)  # a template's file, and why


def example_files(collection: Path, kind: str, module: str) -> frozenset[str]:
    """The rendered paths of the files only `kind` has: its example."""
    folder = collection / "templates" / kind
    return frozenset(
        path.relative_to(folder).as_posix().replace("{{cookiecutter.module_name}}", module)
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def _why_left_out(path: str, project: Path, context: Context) -> str | None:
    if context.own_health and path in [pattern.format(module=context.module) for pattern in HEALTH]:
        return "the package has a health module of its own"
    if path == PACKAGE_TEST and context.library:
        if context.has_version and context.logs_quietly:
            return None  # the test of the logging set-up that adopting brings
        return (
            f"it tests {context.module}.__version__ and a NullHandler, which the package does not both have"
        )
    if path in context.example:
        return "the template's example: the project's own code, tests and README take its place"
    if path == DOCS_REQUIREMENTS and context.has_docs and (project / "docs" / "conf.py").is_file():
        return None  # Sphinx docs: the docs session and Read the Docs install what this names
    if path.startswith("docs/") and context.has_docs:
        return "the project's own docs/ stay as they are"
    if path == ".readthedocs.yaml" and context.has_docs and not (project / "docs" / "conf.py").is_file():
        return "it builds Sphinx docs from docs/conf.py, which the project's own docs/ do not have"
    if path == "docs/usage.md" and not context.has_version:
        return f"its example reads {context.module}.__version__, which the package does not have"
    if path == "LICENSE" and not context.brings_licence and not (project / path).exists():
        return "it would state a licence that is not the project's"
    return None


def bring_in(rendered: Path, project: Path, context: Context) -> Placement:
    placement = Placement()
    for source in sorted(rendered.rglob("*")):
        path = source.relative_to(rendered).as_posix()
        if not source.is_file() or path in MERGED:
            continue
        why = _why_left_out(path, project, context)
        if why:
            placement.left_out.append((path, why))
        elif (project / path).exists():
            placement.kept.append(path)
        else:
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / path)
            placement.added.append(path)
    return placement


def merged_gitignore(rendered: str, own: str) -> str:
    """The project's own lines first, then the template's: a release that adds lines at the
    end of the template's then applies cleanly."""
    template_lines = set(rendered.splitlines())
    extra = [line for line in own.splitlines() if line.strip() and line not in template_lines]
    if not extra:
        return rendered
    return (
        "# The project's own, from before it adopted the templates\n" + "\n".join(extra) + "\n\n" + rendered
    )


def add_null_handler(init: Path) -> bool | None:
    """Give a library's package logger a NullHandler: True when added, False when it has one,
    None when the file is too small to take it and still be found as moved: git tells a moved
    file by how much of it is unchanged, and `git log --follow` must find the package's history."""
    text = init.read_text("utf-8") if init.is_file() else ""
    if "NullHandler" in text:
        return False
    # git tells a moved file by the share of it that is unchanged (half, by default): keep 60%
    if len(text) < 1.5 * (len(NULL_HANDLER) + len(IMPORT_LOGGING)):
        return None
    tree = ast.parse(text)
    top = [node for node in tree.body if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)][
        :1
    ]
    top += [node for node in tree.body if isinstance(node, ast.ImportFrom) and node.module == "__future__"]
    imports_logging = any(
        isinstance(node, ast.Import)
        and any(alias.name == "logging" and not alias.asname for alias in node.names)
        for node in tree.body
    )
    lines = text.splitlines(keepends=True)
    if not imports_logging:
        after = max((node.end_lineno or 0 for node in top), default=0)
        lines[after:after] = ["\n", IMPORT_LOGGING] if after else [IMPORT_LOGGING, "\n"]
    body = "".join(lines)
    if body and not body.endswith("\n"):
        body += "\n"
    init.write_text(body + NULL_HANDLER, "utf-8")
    return True
