"""The collection checks out, and its hooks run, on Windows as on Linux and macOS."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import jinja2
import pytest
from rendering import KINDS, ROOT, git, script_metadata

TRACKED = [
    line
    for line in git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    if line
]
RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)
UNREPRESENTABLE = re.compile(r'[<>:"|?*\\\x00-\x1f]')


def test_no_symbolic_links() -> None:
    links = [
        line.split("\t", 1)[1]
        for line in git(ROOT, "ls-files", "-s").splitlines()
        if line.startswith("120000")
    ]
    assert links == []


def test_no_two_paths_differ_only_by_case() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for path in TRACKED:
        if path.lower() in seen:
            clashes.append((seen[path.lower()], path))
        seen[path.lower()] = path
    assert clashes == []


def test_every_name_is_one_windows_can_hold() -> None:
    bad = [
        path
        for path in TRACKED
        for part in path.split("/")
        if RESERVED.match(part) or UNREPRESENTABLE.search(part) or part.endswith((".", " "))
    ]
    assert bad == []


SCRIPTS = sorted((ROOT / "hooks").glob("*.py")) + sorted((ROOT / KINDS[0] / "hooks").glob("*.py"))
SAMPLE = {
    "cookiecutter": {
        "author_name": "A",
        "author_email": "a@example.com",
        "_kind": KINDS[0],
        "_kinds": json.loads((ROOT / KINDS[0] / "cookiecutter.json").read_text("utf-8"))["_kinds"],
        "_choices": {},
        "_default_branch": "main",
        # what cookiecutter adds to every context
        "_template": "gh:ORG/templates",
        "_repo_dir": "/home/a/.cookiecutters/templates/" + KINDS[0],
        "_output_dir": "/home/a",
    }
}


def python_source(script: Path) -> str:
    """The script as Python: a cookiecutter hook rendered with sample answers, another as it is
    (hooks/answers.py writes Jinja for the templates)."""
    text = script.read_text("utf-8")
    if script.parent.parent == ROOT:
        return text
    return jinja2.Environment(keep_trailing_newline=True).from_string(text).render(SAMPLE)


# Where each text call takes its encoding (or mode) when given by position.
ENCODING_POSITION = {"read_text": 0, "write_text": 1}


def _calls_without_encoding(source: str) -> list[str]:
    """Text I/O that would use the locale's encoding (cp1252 on many Windows machines)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        method = isinstance(node.func, ast.Attribute)
        name = node.func.attr if method else getattr(node.func, "id", "")
        if name not in ("open", "read_text", "write_text", "run"):
            continue
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        if "encoding" in keywords or len(node.args) > ENCODING_POSITION.get(name, 99):
            continue
        if name == "run" and "text" not in keywords:
            continue  # bytes in, bytes out
        if name == "open":
            # Path.open(mode) or open(file, mode)
            mode_arg = node.args[0 if method else 1] if len(node.args) > (0 if method else 1) else None
            mode = keywords.get("mode", mode_arg)
            if isinstance(mode, ast.Constant) and "b" in str(mode.value):
                continue
        found.append(f"line {node.lineno}: {name}()")
    return found


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_scripts_name_the_encoding_of_every_text_they_read_or_write(script: Path) -> None:
    assert _calls_without_encoding(python_source(script)) == []


# Scripts a user runs; use_this_template.py runs on GitHub's Ubuntu runner, where workflow
# commands (::error:: and the like) must go to stdout.
USERS_SCRIPTS = [script for script in SCRIPTS if script.name != "use_this_template.py"]


@pytest.mark.parametrize("script", USERS_SCRIPTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_scripts_print_only_to_stderr(script: Path) -> None:
    """stderr never fails on a character the console cannot show (Python escapes it)."""
    prints = [node for node in ast.walk(ast.parse(python_source(script))) if isinstance(node, ast.Call)]
    to_stdout = [
        node.lineno
        for node in prints
        if getattr(node.func, "id", "") == "print" and not any(k.arg == "file" for k in node.keywords)
    ]
    assert to_stdout == []


# The collection's own Python: its scripts, the assembler, the docs' helpers, the tests.
COLLECTION_CODE = [
    path
    for pattern in (
        "collection/*.py",
        "hooks/**/*.py",
        "templates/*.py",
        "docs/*.py",
        "tests/*.py",
        "noxfile.py",
    )
    for path in sorted(ROOT.glob(pattern))
]
# The scripts users run by path (uv reads their dependencies from the script) that import the
# collection's `hooks` package.
RUN_BY_PATH = [
    script
    for script in SCRIPTS
    if "# /// script" in script.read_text("utf-8")
    and any(
        isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hooks")
        for node in ast.walk(ast.parse(script.read_text("utf-8")))
    )
]


def test_no_code_of_the_collection_reaches_into_sys_path() -> None:
    edits = [
        f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
        for path in COLLECTION_CODE
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Attribute) and ast.unparse(node) == "sys.path"
    ]
    assert edits == []


@pytest.mark.parametrize("script", RUN_BY_PATH, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_a_script_run_by_path_imports_the_collection_as_a_package(script: Path) -> None:
    """uv installs the collection (its `hooks` package) beside the script's other dependencies,
    from the folder above the script's, wherever the script is run from."""
    collection = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["name"]
    metadata = script_metadata(script)

    assert collection in metadata["dependencies"]
    assert metadata["tool"]["uv"]["sources"][collection] == {"path": "..", "editable": True}
