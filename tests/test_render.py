"""Every kind, every answer set, both engines: the same project, valid and committed (its own
tests run in test_generated_tests.py)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from answer_sets import AWKWARD_TEXT, default_answer
from rendering import (
    EVERY_ANSWER_SET,
    SOURCE,
    Baked,
    assert_files_parse,
    assert_ruff_finds_nothing,
    git,
    markdown_shows,
    tree,
)

from hooks.answers import NAME_LIMIT, ascii_name

pytestmark = pytest.mark.parametrize("answer_set", EVERY_ANSWER_SET)

# Jinja that survived rendering: a variable or a block tag.
LEFTOVER_JINJA = re.compile(r"\{\{\s*cookiecutter\.|\{%-?\s*(?:if|for|raw|endraw|endif|endfor)\b")


def expected(baked: Baked, question: str) -> str:
    """The answer given, or the kind's default (the e-mail's is made from the author's name)."""
    answers = baked.answer_set.answers
    if question == "author_email" and question not in answers:
        local_part = ascii_name(expected(baked, "author_name"), ".", 64) or "you"
        return f"{local_part}@{SOURCE['organisation']['email_domain']}"
    return answers.get(question, default_answer(baked.answer_set.kind, question))


def expected_slug(baked: Baked) -> str:
    answers = baked.answer_set.answers
    return answers.get("project_slug") or ascii_name(expected(baked, "project_name"), "-", NAME_LIMIT)


@pytest.mark.portable
def test_engines_render_the_same_bytes(baked: Baked) -> None:
    from_cookiecutter = tree(baked.cookiecutter)
    from_copier = tree(baked.copier)
    assert sorted(from_cookiecutter) == sorted(from_copier)
    differing = [path for path in from_cookiecutter if from_cookiecutter[path] != from_copier[path]]
    assert differing == []


def test_copier_records_its_answers_for_updates(baked: Baked) -> None:
    recorded = yaml.safe_load((baked.copier / ".copier-answers.yml").read_text("utf-8"))
    assert recorded["kind"] == baked.answer_set.kind
    assert {key: recorded[key] for key in baked.answer_set.answers} == baked.answer_set.answers
    assert "cookiecutter" not in recorded


@pytest.mark.portable
@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_project_is_a_git_repository_with_one_first_commit(baked: Baked, engine: str) -> None:
    project: Path = getattr(baked, engine)
    assert git(project, "branch", "--show-current").strip() == SOURCE["organisation"]["default_branch"]
    log = git(project, "log", "--format=%an%x00%ae%x00%s").splitlines()
    author, email = expected(baked, "author_name"), expected(baked, "author_email")
    assert log == [f"{author}\0{email}\0Start the project from the {baked.answer_set.kind} template"]
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    tracked = set(git(project, "ls-files", "-z").split("\0")) - {""}
    assert tracked == set(tree(project))


def test_no_template_syntax_is_left(baked: Baked) -> None:
    leftovers = [
        path for path, data in tree(baked.cookiecutter).items() if LEFTOVER_JINJA.search(data.decode("utf-8"))
    ]
    assert leftovers == []


@pytest.mark.portable
def test_every_config_file_parses_and_python_file_compiles(baked: Baked) -> None:
    assert_files_parse(baked.cookiecutter)


def test_free_text_arrives_verbatim(baked: Baked) -> None:
    project = baked.cookiecutter
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    assert metadata["name"] == project.name == expected_slug(baked)
    assert metadata["description"] == expected(baked, "description")
    assert metadata["authors"] == [
        {"name": expected(baked, "author_name"), "email": expected(baked, "author_email")}
    ]
    for page in ("README.md", "docs/index.md"):
        shown = markdown_shows((project / page).read_text("utf-8"))
        assert shown[0] == expected(baked, "project_name").strip()  # the title
        assert expected(baked, "description").strip() in shown
    if baked.answer_set.name == "awkward-text":
        assert AWKWARD_TEXT in markdown_shows((project / "README.md").read_text("utf-8"))


def test_the_tests_share_one_monitoring_service(baked: Baked) -> None:
    """The kind's tests send their pings to tests/monitoring.py's server, not one of their own."""
    servers = []
    for path in sorted((baked.cookiecutter / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                "http.server" in ast.unparse(base) for base in node.bases
            ):
                servers.append(f"{path.name}: {node.name}")
    assert servers == ["monitoring.py: Server", "monitoring.py: Handler"]


def test_no_test_module_imports_another(baked: Baked) -> None:
    """What the tests share is in helper modules (monitoring.py) and conftest.py's fixtures."""
    imported = []
    for path in sorted((baked.cookiecutter / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            imported += [f"{path.name}: {name}" for name in names if name.startswith(("test_", "conftest"))]
    assert imported == []


def test_ruff_finds_nothing_to_fix_or_reformat(baked: Baked) -> None:
    """For every set, the awkward text's typographic characters included."""
    assert_ruff_finds_nothing(baked.cookiecutter)


def test_uv_locks_only_what_its_first_run_installs(baked: Baked) -> None:
    """`uv run` locks every dependency group, asking the index about each package even with a
    warm cache: the docs' and the build's tools, which a first `uv run pytest` never installs,
    live in docs/requirements.txt and noxfile.py (#25: 82 packages locked, 18 needed)."""
    project = baked.cookiecutter
    groups = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    included = {entry["include-group"] for entry in groups["dev"] if isinstance(entry, dict)}
    assert set(groups) == {"dev", *included}
    readthedocs = yaml.safe_load((project / ".readthedocs.yaml").read_text("utf-8"))
    assert readthedocs["python"]["install"] == [
        {"method": "pip", "path": "."},
        {"requirements": "docs/requirements.txt"},
    ]
    requirements = (project / "docs" / "requirements.txt").read_text("utf-8").splitlines()
    wanted = ["sphinx>=8", *SOURCE["kinds"][baked.answer_set.kind].get("docs_dependencies", [])]
    assert set(wanted) <= set(requirements)
