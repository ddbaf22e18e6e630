"""The generated parts of the documentation, so that they cannot go stale.

The pages hold `[[[cog` blocks that call these functions; the output is committed with the
page. Everything here is read from the collection itself: the questions and their rules
(templates/questions.toml, hooks/answers.py) and real renders of the templates, made with
copier as the collection's tests make them. tests/test_docs.py fails when a page differs from
what these functions print now, and names the command that rewrites it:

    uvx nox -s docs -- cog

That session runs this file with the collection's folder and tests/ on PYTHONPATH, as pytest's
`pythonpath` setting has them for the tests: the helpers come from tests/rendering.py.
"""

from __future__ import annotations

import ast
import atexit
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

ROOT = Path(__file__).resolve().parent.parent
from mutations import load as load_mutations
from rendering import KINDS, SOURCE, AnswerSet, clean_environment, render

from hooks.answers import KIND_RULES, RULES

# What each file every project has is for (a kind's own files: its `files` in
# templates/questions.toml). Keys are paths in the project, with the package's folder written
# `src/{module}/`; a key ending in `/` covers the files below it. tree() refuses a file that has
# no purpose here or in its kind's table, nor a folder above it with one.
PURPOSES = {
    ".copier-answers.yml": "your answers and the template release, for updates",
    ".gitattributes": "LF line endings on every system",
    ".github/": "what GitHub reads: workflows, forms, Dependabot",
    ".github/ISSUE_TEMPLATE/": "the forms for new issues",
    ".github/PULL_REQUEST_TEMPLATE.md": "the checklist of a complete change",
    ".github/dependabot.yml": "weekly updates of the actions and uv.lock",
    ".github/scripts/template_update.py": "what the template-update workflow runs",
    ".github/workflows/ci.yml": "every nox session, on each push and pull request",
    ".github/workflows/publish.yml": "builds and uploads to PyPI on a GitHub release",
    ".github/workflows/template-update.yml": "weekly: a pull request for a newer template release",
    ".gitignore": "what git leaves out",
    ".pre-commit-config.yaml": "checks on each commit, once pre-commit is installed",
    ".readthedocs.yaml": "how Read the Docs builds the docs",
    "CHANGELOG.md": "what each release changes",
    "CONTRIBUTING.md": "how to work on the project: checks, commits, releases",
    "LICENSE": "the licence you chose",
    "README.md": "what it is, how to install and use it; its examples are tests",
    "docs/": "the documentation: Sphinx, MyST Markdown, furo",
    "docs/api.md": "the API reference, from the docstrings",
    "docs/changelog.md": "CHANGELOG.md, in the docs",
    "docs/conf.py": "Sphinx's settings",
    "docs/requirements.txt": "what building the docs installs",
    "docs/health.md": "the health-check ping",
    "docs/index.md": "the docs' home page",
    "docs/usage.md": "installing, logging",
    "noxfile.py": "every check CI runs: uvx nox",
    "pyproject.toml": "metadata, dependencies, tool settings",
    "src/{module}/": "the package",
    "src/{module}/__init__.py": "the public API and __version__",
    "src/{module}/health.py": "the health-check ping",
    "src/{module}/py.typed": "tells type checkers the package is typed",
    "tests/": "the tests: uv run pytest",
}


def _render_for_this_run(answer_set: AnswerSet) -> Path:
    """Render with copier into a folder that lasts as long as this Python process."""
    workdir = Path(tempfile.mkdtemp(prefix="docs-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    return render("copier", answer_set, workdir / "render")


#: How a page's project gets rendered; the tests put their shared renders here instead.
renderer: Callable[[AnswerSet], Path] = _render_for_this_run
_rendered: dict[str, Path] = {}


def answer_set(kind: str, **answers: str) -> AnswerSet:
    """The answers a page shows a project of: named like the tests' sets, "defaults" when none."""
    name = "-".join(re.sub(r"\W+", "-", value.lower()) for value in answers.values()) or "defaults"
    return AnswerSet(name, kind, answers)


def project(kind: str, **answers: str) -> Path:
    """A project rendered by copier with these answers (else the defaults), once per run."""
    answers_given = answer_set(kind, **answers)
    if answers_given.id not in _rendered:
        _rendered[answers_given.id] = renderer(answers_given)
    return _rendered[answers_given.id]


# --- The questions ------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _asks(question: dict[str, Any]) -> list[str]:
    return list(question.get("kinds", KINDS))


def _choices(question: dict[str, Any]) -> list[str]:
    choices = question.get("choices", [])
    return list(SOURCE[choices] if isinstance(choices, str) else choices)


def _defaults(kind: str) -> dict[str, str]:
    """Every answer a kind gets when every default is taken, as cookiecutter computes them."""
    overrides = SOURCE["kinds"][kind].get("defaults", {})
    context: dict[str, str] = {}
    for name, question in SOURCE["questions"].items():
        if kind not in _asks(question):
            continue
        options = _choices(question)
        default = options[0] if options else overrides.get(name, question["default"])
        context[name] = jinja2.Environment().from_string(default).render(cookiecutter=context)
    return context


def _default(name: str, kinds: list[str]) -> str:
    question = SOURCE["questions"][name]
    if _choices(question):
        return f"`{_choices(question)[0]}`"
    derived_from = re.findall(r"cookiecutter\.(\w+)", question["default"])
    shown = {}
    for kind in kinds:
        shown.setdefault(_defaults(kind)[name], []).append(kind)
    if derived_from:
        (source,) = set(derived_from)
        kind = kinds[0]
        return f"from `{source}`: `{_defaults(kind)[source]}` gives `{_defaults(kind)[name]}`"
    if len(shown) == 1:
        return f"`{next(iter(shown))}`"
    return "; ".join(f"`{value}` ({', '.join(by)})" for value, by in shown.items())


def _allowed(name: str, kinds: list[str]) -> str:
    rule = RULES[name]
    text = rule.allowed
    if rule.choices_from:
        text += " " + ", ".join(_choices(SOURCE["questions"][name]))
    for kind in kinds:
        kind_rule = KIND_RULES.get(kind, {}).get(name)
        if kind_rule is not None:
            text += f"; for a {kind}, {kind_rule.allowed}" if len(kinds) > 1 else f"; {kind_rule.allowed}"
    return text


def questions(kind: str | None = None) -> str:
    """The questions in the order they are asked, as a Markdown table.

    With a kind: that kind's questions and defaults; without: every question, and who asks it.
    """
    header = ["question", "prompt", "default", "what is allowed"]
    if kind is None:
        header.append("asked for")
    rows = []
    for name, question in SOURCE["questions"].items():
        asked_by = _asks(question)
        if kind is not None and kind not in asked_by:
            continue
        kinds = [kind] if kind else asked_by
        row = [f"`{name}`", question["prompt"], _default(name, kinds), _allowed(name, kinds)]
        if kind is None:
            row.append("every kind" if asked_by == list(KINDS) else ", ".join(asked_by))
        rows.append(row)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --- A rendered project -------------------------------------------------------------------


def _purpose(relative: str, module: str, kind: str) -> str:
    key = relative.replace(f"src/{module}/", "src/{module}/", 1)
    return SOURCE["kinds"][kind].get("files", {}).get(key) or PURPOSES.get(key, "")


def tree(kind: str, *, copier: bool = True, **answers: str) -> str:
    """The files of a rendered project, a line each, with what the important ones are for.

    `copier=False` leaves out the one file only copier writes.
    """
    root = project(kind, **answers)
    left_out = {".git"} if copier else {".git", ".copier-answers.yml"}
    (module,) = (path.name for path in (root / "src").iterdir())
    answers_file = (root / ".copier-answers.yml").read_text("utf-8")
    slug = re.search(r"^project_slug: (\S+)$", answers_file, re.MULTILINE)
    lines = [(f"{slug.group(1) if slug else root.name}/", "")]

    def walk(folder: Path, indent: str, covered: bool) -> None:
        children = sorted(
            (child for child in folder.iterdir() if child.relative_to(root).as_posix() not in left_out),
            key=lambda child: child.name.lower(),
        )
        for index, child in enumerate(children):
            last = index == len(children) - 1
            name = child.name + ("/" if child.is_dir() else "")
            purpose = _purpose(child.relative_to(root).as_posix() + name[len(child.name) :], module, kind)
            lines.append((f"{indent}{'└── ' if last else '├── '}{name}", purpose))
            if child.is_dir():
                walk(child, indent + ("    " if last else "│   "), covered or bool(purpose))
            elif not (covered or purpose):
                path = child.relative_to(root).as_posix()
                msg = (
                    f"{path} of {kind}: neither [kinds.{kind}] files in templates/questions.toml nor"
                    " PURPOSES in docs/cog_helpers.py says what it is for (nor of a folder above it)"
                )
                raise LookupError(msg)

    walk(root, "", covered=False)
    width = max(len(line) for line, _ in lines) + 2
    body = "\n".join(f"{line:<{width}}# {purpose}" if purpose else line for line, purpose in lines)
    return f"```text\n{body}\n```\n"


def size(kind: str) -> str:
    """How much a team owns from day one: the default project's files and lines."""
    root = project(kind)
    files = [
        path
        for path in root.rglob("*")
        if path.is_file()
        and ".git" not in path.relative_to(root).parts
        and path.name != ".copier-answers.yml"
    ]
    lines = sum(len(path.read_bytes().splitlines()) for path in files)
    return (
        f"That is {len(files)} files and {lines:,} lines (copier's answers file aside), each one"
        " the team's own from the first commit; [How fast it is](benchmarks.md) sets them and the"
        " time its tests take beside the smallest peer template's.\n"
    )


def sessions(kind: str | None = None) -> str:
    """The nox sessions CI runs: `nox --list --json` in a real render, or in the collection."""
    listed = subprocess.run(
        [sys.executable, "-m", "nox", "--list", "--json"],
        cwd=ROOT if kind is None else project(kind),
        # no __pycache__ left in a render that tests share and compare file by file; the
        # collection lists every session as a default on GitHub's runners, as CI's matrix
        env=clean_environment(PYTHONDONTWRITEBYTECODE="1", GITHUB_ACTIONS="true"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for session in json.loads(listed.stdout):
        grouped.setdefault(session["name"], []).append(session)
    lines = ["| session | what it does | CI runs it on |", "| --- | --- | --- |"]
    for group in grouped.values():
        names = ", ".join(f"`{session['session']}`" for session in group)
        systems = "Linux, macOS, Windows" if "all-os" in group[0]["tags"] else "Linux"
        lines.append(f"| {names} | {_cell(str(group[0]['description']))} | {systems} |")
    return "\n".join(lines) + "\n"


# --- The kinds, wherever the docs list them ---------------------------------------------


def kinds_table(link: str = "") -> str:
    """Every kind with its page, who it is for and what it gives (questions.toml's words)."""
    lines = ["| template | for | gives you |", "| --- | --- | --- |"]
    for kind, meta in SOURCE["kinds"].items():
        lines.append(f"| [`{kind}`]({link}{kind}.md) | {meta['for']} | {meta['gives']} |")
    return "\n".join(lines) + "\n"


def kinds_to_pick() -> str:
    """Which kind to pick for what you are writing (questions.toml's `for`)."""
    lines = ["| if you are writing | pick | see |", "| --- | --- | --- |"]
    for kind, meta in SOURCE["kinds"].items():
        lines.append(f"| {meta['for']} | `{kind}` | [{kind}]({kind}.md) |")
    return "\n".join(lines) + "\n"


def kind_choice() -> str:
    """How "Use this template" chooses a kind: the description's marker, else the name."""
    default = next(kind for kind, meta in SOURCE["kinds"].items() if not meta.get("name_prefix"))
    lines = ["| the description starts with | or the repository is named | kind |", "| --- | --- | --- |"]
    for kind, meta in SOURCE["kinds"].items():
        prefix = meta.get("name_prefix")
        named = f"`{prefix}-…`" if prefix else "anything else" if kind == default else "—"
        lines.append(f"| `[{kind}]` | {named} | `{kind}` |")
    return "\n".join(lines) + "\n"


def toctree(*pages_before: str, after: tuple[str, ...] = ()) -> str:
    """The docs' hidden table of contents, with a page for each kind."""
    entries = [*pages_before, *SOURCE["kinds"], *after]
    return "```{toctree}\n:hidden:\n\n" + "\n".join(entries) + "\n```\n"


def test_source(module: str, name: str) -> str:
    """A test of the collection's own suite as its file has it, for a page to show."""
    source = (ROOT / "tests" / f"{module}.py").read_text("utf-8")
    (test,) = (node for node in ast.parse(source).body if getattr(node, "name", None) == name)
    first = min([test.lineno, *(decorator.lineno for decorator in test.decorator_list)])
    lines = source.splitlines()[first - 1 : test.end_lineno]
    return "```python\n" + "\n".join(lines) + "\n```\n"


def mutations() -> str:
    """The defects the suite is known to catch (tests/mutations.toml), for maintainers.md."""
    lines = ["| mutation | the defect | made in | caught by |", "| --- | --- | --- | --- |"]
    for mutation in load_mutations():
        caught_by = " ".join(argument.removeprefix("tests/") for argument in mutation.tests)
        made_in = ", ".join(dict.fromkeys(f"`{_cell(edit.file)}`" for edit in mutation.edits()))
        lines.append(f"| `{mutation.id}` | {_cell(mutation.defect)} | {made_in} | `{_cell(caught_by)}` |")
    return "\n".join(lines) + "\n"


def pages() -> list[Path]:
    """The pages with generated parts: the docs' and the README's."""
    here = Path(__file__).parent
    candidates = [*sorted(here.glob("*.md")), ROOT / "README.md"]
    return [page for page in candidates if "[[[cog" in page.read_text("utf-8")]


def cog(*options: str, only: Path | None = None) -> int:
    """Run cog on every page with generated parts (or `only` one): `-r` rewrites them."""
    from cogapp import Cog  # only where cog runs

    here = Path(__file__).parent
    files = [only] if only else pages()
    return Cog().main(["cog", *options, "-I", str(here), *(str(page) for page in files)])


if __name__ == "__main__":
    sys.exit(cog("-r"))
