"""Adopting the templates in an existing repository, with hooks/adopt.py.

Each repository of tests/legacy_projects.py is built from scratch, with a history of its own,
and adopted once (a module-scoped fixture) from a template repository with two releases: v0.1.0
(a copy of the collection as it is) and v0.2.0 (a line more in the shared .gitignore, a mypy
setting more in the shared pyproject.toml, a line more in the health module every project
gets). Every check runs on that one adoption; the history and the update run on a committed
copy of it. The refusals run on repositories of their own.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
from legacy_projects import (
    ALL,
    FLIT_TOX,
    FLIT_TOX_SETTINGS,
    HATCH_VCS,
    KNOWN_FAILURES,
    POETRY_APP,
    POETRY_VERSION_PLUGIN,
    SETUP_PY_CFG,
    SETUP_PY_COMPUTED,
    SETUPTOOLS_FLAT,
    UNBUILDABLE,
    Legacy,
    build,
)
from rendering import EVERY_ANSWER_SET, ROOT, SOURCE, Baked, copy_of_collection, git, run, uv

import hooks.adopt as adopt_script
from hooks.adopting import (
    baseline,
    built_metadata,
    comparison,
    files,
    pins,
    pytest_settings,
    report,
    scratch,
    suite,
    test_requirements,
)
from hooks.adopting.built_metadata import Built, backend_error
from hooks.adopting.poetry import pep440, read_poetry
from hooks.adopting.pyproject import own_tool_tables
from hooks.adopting.setup_files import read_setup_py

ADOPT = ROOT / "hooks" / "adopt.py"
IGNORED_IN_V020 = "# added in v0.2.0 of the templates"
MYPY_IN_V020 = "warn_unused_configs = true"
HEALTH_IN_V020 = "# changed in v0.2.0 of the templates\n"


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "-c", "user.name=Team", "-c", "user.email=team@example.com", "commit", "--quiet", "-m", message)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection as a git repository, released as v0.1.0 and then v0.2.0."""
    repo = copy_of_collection(tmp_path_factory.mktemp("templates") / "templates")
    git(repo.parent, "init", "--quiet", str(repo))
    commit_all(repo, "v0.1.0")
    git(repo, "tag", "v0.1.0")
    shared = repo / "templates" / "project"
    append(shared / ".gitignore", IGNORED_IN_V020 + "\n")
    pyproject = shared / "pyproject.toml"
    text = pyproject.read_text("utf-8")
    assert "\nwarn_unreachable = true\n" in text
    pyproject.write_text(
        text.replace("\nwarn_unreachable = true\n", f"\nwarn_unreachable = true\n{MYPY_IN_V020}\n"), "utf-8"
    )
    (health,) = (shared / "src").glob("*/health.py")
    append(health, HEALTH_IN_V020)
    subprocess.run([sys.executable, "-m", "templates.assemble"], cwd=repo, check=True)
    commit_all(repo, "v0.2.0")
    git(repo, "tag", "v0.2.0")
    return repo


def adopt(project: Path, template: Path, kind: str) -> subprocess.CompletedProcess[str]:
    """`uv run ../templates/hooks/adopt.py ...`, as docs/updating.md has a team run it; --quiet
    leaves out uv's own lines (building the collection and installing copier, on a first run)."""
    return run(
        [uv(), "run", "--quiet", str(ADOPT), f"--kind={kind}", f"--template={template}", "--release=v0.1.0"],
        cwd=project,
    )


def sections(report: str) -> dict[str, str]:
    """The report's text under each of its `###` titles; the part before them under ""."""
    parts = re.split(r"^### (.+)$", report, flags=re.MULTILINE)
    return {"": parts[0], **dict(zip(parts[1::2], parts[2::2], strict=True))}


@dataclasses.dataclass
class Adopted:
    legacy: Legacy
    project: Path
    head: str  # HEAD before adopting
    result: subprocess.CompletedProcess[str]

    @property
    def summary(self) -> str:
        return (self.project / ".git" / "adoption-summary.md").read_text("utf-8")

    @functools.cached_property
    def committed(self) -> Path:
        """A copy of the adopted project, its adoption committed (uv.lock too, as the docs say)."""
        copy = self.project.with_name(f"{self.project.name}-committed")
        shutil.copytree(self.project, copy, symlinks=True, ignore=shutil.ignore_patterns(".venv"))
        commit_all(copy, "Adopt the project templates")
        return copy


@pytest.fixture(scope="module")
def adopted(
    request: pytest.FixtureRequest, template_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> Adopted:
    legacy: Legacy = request.param
    project = build(legacy, tmp_path_factory.mktemp(legacy.name) / legacy.name)
    head = git(project, "rev-parse", "HEAD").strip()
    return Adopted(legacy, project, head, adopt(project, template_repo, legacy.kind))


def _param(legacy: Legacy) -> object:
    return pytest.param(
        legacy, id=legacy.name, marks=[pytest.mark.slow, pytest.mark.xdist_group(f"adopt-{legacy.name}")]
    )


EVERY_LEGACY = [_param(legacy) for legacy in ALL]
parametrize_adopted = pytest.mark.parametrize("adopted", EVERY_LEGACY, indirect=True)


@parametrize_adopted
def test_adopting_leaves_the_change_staged_and_uncommitted(adopted: Adopted) -> None:
    result = adopted.result
    assert result.returncode == 0, result.stderr
    *report, last = result.stderr.splitlines()
    assert last.startswith("Adopted: review the staged changes")
    assert git(adopted.project, "rev-parse", "HEAD").strip() == adopted.head
    staged = git(adopted.project, "diff", "--staged", "--name-only").splitlines()
    assert ".copier-answers.yml" in staged
    assert git(adopted.project, "diff", "--name-only") == ""  # nothing left unstaged
    # all of it on stderr, which never fails on a character a console cannot show
    assert (result.stdout, "\n".join(report).strip()) == ("", adopted.summary.strip())


@parametrize_adopted
def test_the_identity_is_kept(adopted: Adopted) -> None:
    data = tomllib.loads((adopted.project / "pyproject.toml").read_text("utf-8"))
    project = data["project"]
    for key, expected in adopted.legacy.project.items():
        if key == "urls":
            assert expected.items() <= project[key].items()
        else:
            assert project.get(key) == expected, key
    assert data["tool"]["hatch"].get("version", {}) == adopted.legacy.version
    assert data["build-system"]["build-backend"] == "hatchling.build"
    for requirement in adopted.legacy.test_requirements:
        assert requirement in data["dependency-groups"]["test"]


@parametrize_adopted
def test_the_identity_its_build_backend_gives_is_the_adopted_wheels(adopted: Adopted) -> None:
    """The old project built by its own backend and the adopted one by hatchling: one identity."""
    found = sections(adopted.summary)
    assert "The adopted project's wheel and its build backend (" in found["Kept"]
    assert "give the same identity: name `" in found["Kept"]
    assert "otherwise): keep it so, or put it back" not in found.get("For a person to decide", "")


@parametrize_adopted
def test_the_installed_project_is_the_same_distribution(adopted: Adopted) -> None:
    legacy = adopted.legacy
    name = legacy.project["name"]
    version = run(
        [uv(), "run", "python", "-c", f"import importlib.metadata as m; print(m.version({name!r}))"],
        cwd=adopted.project,
    )
    assert version.stdout == f"{legacy.installed_version}\n", version.stderr
    command = run([uv(), "run", *legacy.command], cwd=adopted.project)
    assert command.stdout == legacy.prints, command.stderr


@parametrize_adopted
def test_the_teams_tests_and_the_templates_pass(adopted: Adopted) -> None:
    result = run([uv(), "run", "pytest", "-v"], cwd=adopted.project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    team_tests = {
        path
        for commit in adopted.legacy.commits
        for path in commit
        if re.search(r"tests/test_\w+\.py$", path)
    }
    added = git(adopted.project, "diff", "--staged", "--name-only", "--diff-filter=A").splitlines()
    templates_tests = [path for path in added if re.fullmatch(r"tests/test_\w+\.py", path)]
    assert "tests/test_health.py" in templates_tests
    for path in [*team_tests, *templates_tests]:
        assert re.search(rf"^{re.escape(path)}::\w+ PASSED", result.stdout, re.MULTILINE), path
    assert "`uv run pytest`: " in sections(adopted.summary)[""]


# A library, a click application with poetry's pins, a flit project with a noxfile of its own
GREEN_ON_DAY_ONE = [_param(legacy) for legacy in (SETUPTOOLS_FLAT, POETRY_APP, FLIT_TOX)]


@pytest.mark.parametrize("adopted", GREEN_ON_DAY_ONE, indirect=True)
def test_the_adopted_projects_every_check_passes(adopted: Adopted) -> None:
    """`uvx nox`, CI's sessions (lint, tests, docs, build), passes on the adoption's commit: the
    code's findings of today are its lint baseline, which the report counts."""
    # A supported Python this machine lacks skips its tests session, as nox does off CI (CI=true,
    # as .ci/run sets it, would make it an error); GitHub's runners install every one.
    nox = [uv(), "tool", "run", "nox", "--download-python", "never", "--no-error-on-missing-interpreters"]
    listed = run([*nox, "--list"], cwd=adopted.committed)
    for session in ("lint", "docs", "build"):
        assert f"* {session} ->" in listed.stdout, listed.stdout + listed.stderr
    result = run(nox, cwd=adopted.committed)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    assert "so lint passes, and new code meets every rule" in sections(adopted.summary)[""]


@parametrize_adopted
def test_the_report_lists_what_it_must(adopted: Adopted) -> None:
    found = sections(adopted.summary)
    for title, texts in adopted.legacy.report.items():
        (section,) = [text for name, text in found.items() if name.startswith(title)]
        for text in texts:
            assert text in section, f"{title}: {text}"


@parametrize_adopted
def test_every_moved_module_keeps_its_history(adopted: Adopted) -> None:
    """`git log --follow` of each module reaches the commit that made it; empty files aside, which
    git never takes for moved (they are all alike)."""
    old, new = (path.rsplit("/", 1)[0] + "/" for path in adopted.legacy.moved)
    project = adopted.committed
    modules = {path: text for commit in adopted.legacy.commits for path, text in commit.items()}
    moved = [path for path, text in modules.items() if path.startswith(old) and path.endswith(".py") and text]
    assert moved
    for path in moved:
        made = git(project, "log", "--diff-filter=A", "--format=%s", "--", path).strip()
        followed = git(
            project, "log", "--follow", "--format=%s", "--", new + path.removeprefix(old)
        ).splitlines()
        assert followed[-1] == made, path
        # a module that moved shows the move too; one that stayed, only the team's commits
        assert ("Adopt the project templates" in followed) == (old != new), path


@parametrize_adopted
def test_a_later_update_applies_cleanly(adopted: Adopted, tmp_path: Path) -> None:
    project = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(adopted.committed), str(project))
    result = run([sys.executable, "-m", "copier", "update", "--trust", "--defaults", "--quiet"], cwd=project)
    assert result.returncode == 0, result.stderr
    assert "_commit: v0.2.0" in (project / ".copier-answers.yml").read_text("utf-8")
    assert (project / ".gitignore").read_text("utf-8").endswith(IGNORED_IN_V020 + "\n")
    pyproject = (project / "pyproject.toml").read_text("utf-8")
    assert MYPY_IN_V020 in pyproject
    assert (
        tomllib.loads(pyproject)["project"]
        == tomllib.loads((adopted.project / "pyproject.toml").read_text("utf-8"))["project"]
    )
    (health,) = (project / "src").glob("*/health.py")
    assert health.read_text("utf-8").endswith(HEALTH_IN_V020)
    changed = git(project, "status", "--porcelain").splitlines()
    assert sorted(line[3:] for line in changed) == sorted(
        [".copier-answers.yml", ".gitignore", "pyproject.toml", health.relative_to(project).as_posix()]
    )  # and so no file the adoption left out came back


# --- Reading metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("poetry", "pep440_spelling"),
    [
        ("^1.2.3", ">=1.2.3,<2.0.0"),
        ("^0.2", ">=0.2,<0.3"),
        ("^0.0.3", ">=0.0.3,<0.0.4"),
        ("~1.2", ">=1.2,<1.3"),
        ("~1", ">=1,<2"),
        (">= 1.2, < 2", ">=1.2,<2"),
        ("1.2.*", "==1.2.*"),
        ("2.0.1", "==2.0.1"),
        ("*", ""),
        ("1.0 || 2.0", None),
    ],
)
def test_poetry_constraints_keep_their_bounds(poetry: str, pep440_spelling: str | None) -> None:
    assert pep440(poetry) == pep440_spelling


def test_a_poetry_dependencys_python_and_platform_are_its_markers(tmp_path: Path) -> None:
    """As poetry-core writes them: without them a backport for old Pythons is required on every one."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.poetry]\nname = "x"\nversion = "1"\n\n[tool.poetry.dependencies]\n'
        'importlib-metadata = {version = ">=1.6", python = "<3.8"}\n'
        'pywin32 = {version = "*", platform = "win32", markers = "implementation_name == \'cpython\'"}\n',
        "utf-8",
    )
    found = read_poetry(tmp_path)
    assert found is not None
    assert found.metadata["dependencies"] == [
        'importlib-metadata>=1.6; python_version < "3.8"',
        "pywin32; (implementation_name == 'cpython') and sys_platform == \"win32\"",
    ]


def test_setup_py_is_read_without_running_it(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(
        "raise SystemExit('setup.py ran')\n"
        "from setuptools import setup\n"
        "REQUIRES = ['attrs>=22']\n"
        "setup(name='ran-not', version='1.0', install_requires=REQUIRES,\n"
        "      description=open('README').read(), entry_points={'console_scripts': ['x = ran_not:main']})\n",
        "utf-8",
    )
    found = read_setup_py(tmp_path)
    assert found is not None
    assert found.metadata == {
        "name": "ran-not",
        "dependencies": ["attrs>=22"],
        "scripts": {"x": "ran_not:main"},
    }
    assert found.version.static == "1.0"
    assert found.unread == [("setup.py's description", "it is computed when setup.py runs")]


@pytest.mark.parametrize(
    ("own_docs", "placed"),
    [
        ({}, "added"),
        ({"conf.py": "project = 'x'\n", "index.md": "# x\n"}, "added"),
        ({"conf.py": "project = 'x'\n", "requirements.txt": "sphinx<8\n"}, "kept"),
        ({"index.md": "# x\n"}, "left out"),  # not Sphinx's (MkDocs', say): nothing would read it
    ],
)
def test_the_docs_requirements_come_in_where_sphinx_builds_the_docs(
    tmp_path: Path, own_docs: dict[str, str], placed: str
) -> None:
    rendered, project = tmp_path / "rendered", tmp_path / "project"
    (rendered / "docs").mkdir(parents=True)
    (rendered / "docs" / "requirements.txt").write_text("sphinx>=8\n", "utf-8")
    (project / "docs").mkdir(parents=True)
    for name, text in own_docs.items():
        (project / "docs" / name).write_text(text, "utf-8")
    context = files.Context(
        module="x", example=frozenset(), has_docs=bool(own_docs), has_version=True, own_health=False,
        logs_quietly=True, brings_licence=True, library=True,
    )  # fmt: skip
    placement = files.bring_in(rendered, project, context)
    by_placement = {
        "added": placement.added,
        "kept": placement.kept,
        "left out": [path for path, _ in placement.left_out],
    }
    assert by_placement[placed] == ["docs/requirements.txt"]


def test_the_projects_own_tool_tables_are_kept_as_they_were() -> None:
    """tomlkit, not lines: a line of an array of arrays is no table header, and the kept tables
    keep their comments, order and layout."""
    original = (
        '[project]\nname = "inchworm"\n\n[tool.flit.sdist]\ninclude = ["tests/"]\n\n'
        f"{FLIT_TOX_SETTINGS}\n[tool.black]  # the team's formatter\nline-length = 100\n\n"
        '[tool.pytest.ini_options]\naddopts = "-q"\n'
    )
    rendered = '[tool.pytest.ini_options]\naddopts = ["-ra"]\n\n[tool.hatch.version]\npath = "x"\n'

    tools = own_tool_tables(original, rendered, "flit_core.buildapi")

    expected = f"{FLIT_TOX_SETTINGS}\n[tool.black]  # the team's formatter\nline-length = 100\n"
    assert (tools.kept, tools.clashing, tools.packaging) == (expected, ["pytest"], ["flit"])


@pytest.mark.parametrize("adopted", [_param(FLIT_TOX)], indirect=True)
def test_the_kept_tool_tables_come_over_as_they_were(adopted: Adopted) -> None:
    assert FLIT_TOX_SETTINGS in (adopted.project / "pyproject.toml").read_text("utf-8")


def test_setup_pys_entry_points_as_ini_text_are_read(tmp_path: Path) -> None:
    """setuptools takes entry_points as the text of an entry_points.txt too, indented as it
    stands in the call."""
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\n"
        "setup(\n"
        "    name='ini-points',\n"
        '    entry_points="""\n'
        "        [console_scripts]\n"
        "        Ini-Points = ini_points.cli:cli\n"
        "        [ini_points.plugins]\n"
        "        base=ini_points.base\n"
        '    """,\n'
        ")\n",
        "utf-8",
    )
    found = read_setup_py(tmp_path)
    assert found is not None
    assert found.metadata["scripts"] == {"Ini-Points": "ini_points.cli:cli"}
    assert found.metadata["entry-points"] == {"ini_points.plugins": {"base": "ini_points.base"}}
    assert found.unread == []


# --- The team's failing tests ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.xdist_group("adopt-known-failures")
def test_a_test_that_failed_before_too_is_named_and_does_not_stop_it(
    template_repo: Path, tmp_path: Path
) -> None:
    project = build(
        dataclasses.replace(KNOWN_FAILURES, commits=KNOWN_FAILURES.commits[:1]), tmp_path / "shaky"
    )
    result = adopt(project, template_repo, "python-lib")
    assert result.returncode == 0, result.stderr
    tests = sections(result.stderr)[""]
    assert "1 failed" in tests
    assert re.search(
        r"^- `tests/test_shaky\.py::test_half_of_an_odd_number` \(AssertionError: a known bug.*\): "
        r"it failed before adopting too: AssertionError: a known bug",
        tests,
        re.MULTILINE,
    ), tests


def test_a_package_with_a_health_module_of_its_own_keeps_it_and_its_tests_run(
    template_repo: Path, tmp_path: Path
) -> None:
    """The template's health module, its test and its page stay out; the pytest settings that
    come in still load tests/monitoring.py, so the project's tests run as before."""
    health = "def check():\n    return 'ok'\n"
    commit = {
        "pyproject.toml": '[project]\nname = "steady"\nversion = "0.1.0"\n',
        "steady/__init__.py": "",
        "steady/health.py": health,
        "tests/test_steady.py": "from steady.health import check\n\n\ndef test_check():\n    assert check() == 'ok'\n",
    }
    project = build(
        dataclasses.replace(KNOWN_FAILURES, name="steady", commits=(commit,)), tmp_path / "steady"
    )

    result = adopt(project, template_repo, "python-lib")

    assert result.returncode == 0, result.stderr
    assert "1 passed" in sections(result.stderr)[""]
    assert (project / "src" / "steady" / "health.py").read_text("utf-8") == health
    assert not (project / "tests" / "test_health.py").exists()


@pytest.mark.slow
@pytest.mark.xdist_group("adopt-known-failures")
def test_a_test_the_adoption_breaks_is_named_and_fails_it(template_repo: Path, tmp_path: Path) -> None:
    project = build(KNOWN_FAILURES, tmp_path / "shaky")
    result = adopt(project, template_repo, "python-lib")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("Adopted, but tests fail that did not fail before")
    tests = sections(result.stderr)[""]
    assert "- `tests/test_data.py::test_reads_its_data` (" in tests
    assert re.search(r"test_reads_its_data` \(.*\): it passed before adopting\.$", tests, re.MULTILINE), tests
    assert "test_half_of_an_odd_number` (AssertionError: a known bug" in tests
    assert git(project, "log", "--format=%s").splitlines() == ["Step 2", "Step 1"]


# --- Refusals ---------------------------------------------------------------------------------------


def snapshot(folder: Path) -> object:
    """The files, and git's view of them where it has one."""
    files = {
        path: path.read_bytes() for path in folder.rglob("*") if path.is_file() and ".git" not in path.parts
    }
    if not (folder / ".git").exists():
        return files
    return (
        files,
        git(folder, "status", "--porcelain"),
        git(folder, "ls-files", "--stage"),
        git(folder, "rev-parse", "HEAD"),
    )


def not_python(folder: Path) -> Path:
    return build(
        Legacy("docs-only", "python-lib", ({"README.md": "# Notes\n", "notes.txt": "x\n"},), {}, {}, ""),
        folder,
    )


def dirty(folder: Path) -> Path:
    project = build(SETUPTOOLS_FLAT, folder)
    append(project / "README.md", "Work in progress.\n")
    return project


def half_adopted(folder: Path) -> Path:
    """What an adoption that stopped part-way left, before adoptions were all or nothing."""
    project = build(SETUPTOOLS_FLAT, folder)
    (project / ".copier-answers.yml").write_text("_commit: v0.1.0\n", "utf-8")
    return project


def not_a_repository(folder: Path) -> Path:
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[project]\nname = "loose"\nversion = "1"\n', "utf-8")
    return folder


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (
            not_python,
            "This is not a Python project: it has no pyproject.toml, setup.py, setup.cfg or Python file.",
        ),
        (
            dirty,
            "The work tree has changes that are not committed (1, such as README.md): commit or stash them",
        ),
        (
            half_adopted,
            "The work tree has changes that are not committed (1, such as .copier-answers.yml): commit or",
        ),
        (not_a_repository, "This is not a git repository: run this in a clone of the project."),
    ],
    ids=["not-python", "dirty", "half-adopted", "not-a-repository"],
)
def test_a_repository_it_cannot_adopt_is_refused_in_one_line(
    make: object, refusal: str, tmp_path: Path
) -> None:
    project = make(tmp_path / "project")  # type: ignore[operator]
    before = snapshot(project)
    result = adopt(project, tmp_path / "no-templates-needed", "python-lib")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(refusal)
    assert result.stderr.endswith("Nothing was changed.\n")
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(project) == before


@pytest.mark.parametrize("adopted", [_param(SETUPTOOLS_FLAT)], indirect=True)
def test_an_adopted_repository_is_refused_in_one_line(adopted: Adopted, template_repo: Path) -> None:
    project = adopted.committed
    before = snapshot(project)
    result = adopt(project, template_repo, "python-lib")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Already adopted: .copier-answers.yml is here, so `copier update --trust` keeps the project up to "
        "date. Nothing was changed.\n"
    )
    assert snapshot(project) == before


@pytest.mark.parametrize("answer_set", [s for s in EVERY_ANSWER_SET if s.id.endswith("-defaults")])
def test_null_handler_says_what_the_kinds_package_does(baked: Baked) -> None:
    """adopt.py gives an adopted package a NullHandler where the kind's own package has one."""
    (init,) = baked.cookiecutter.glob("src/*/__init__.py")
    has_one = "NullHandler()" in init.read_text("utf-8")
    assert has_one == SOURCE["kinds"][baked.answer_set.kind].get("null_handler", False)


# --- All or nothing ---------------------------------------------------------------------------------


def state(repo: Path) -> tuple[str, ...]:
    """git's view of the repository, ignored files included, and a hash of every byte and mode
    outside .git; and .git's own files, its objects and the adoption's error log aside."""
    digest = hashlib.sha256()
    for path in sorted(repo.rglob("*")):
        relative = path.relative_to(repo)
        if relative.parts[0] == ".git":
            continue
        digest.update(f"{relative.as_posix()}\0{path.lstat().st_mode}\0".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    git_files = sorted(
        f"{path.relative_to(repo).as_posix()} {hashlib.sha256(path.read_bytes()).hexdigest()}"
        for path in (repo / ".git").rglob("*")
        if path.is_file()
        and "objects" not in path.relative_to(repo / ".git").parts
        and path.name != adopt_script.LOG_FILE
    )
    return (
        git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all"),
        git(repo, "ls-files", "--stage"),
        digest.hexdigest(),
        "\n".join(git_files),
    )


def _fail(*args: object, **kwargs: object) -> None:
    msg = "injected"
    raise OSError(msg)


# Each step of the adoption, as the attribute a failure is injected into.
STEPS = {
    "identity": (adopt_script, "read_identity"),
    "layout": (adopt_script, "plan_layout"),
    "render": (adopt_script, "render"),
    "clone": (scratch, "clone"),
    "move": (adopt_script, "move"),
    "setup-files": (adopt_script, "retire_setup_files"),
    "template-files": (files, "bring_in"),
    "pyproject": (adopt_script.pyproject, "merged"),
    "report": (report, "describe"),
    "tests": (suite, "verdict"),
    "identity-check": (comparison, "build"),
    "baseline": (baseline, "record"),
    "staging": (scratch, "staged_paths"),
    "staging-in-the-repository": (scratch, "_stage"),
}


@pytest.fixture(scope="module")
def rendered_once(template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """adopt.py's render, which renders once and copies that rendering after: the steps after
    it are what these tests break."""
    folder = tmp_path_factory.mktemp("rendered")
    real = adopt_script.render

    def render(kind: str, answers: dict[str, str], template: str, release: str, workdir: Path) -> Path:
        if not (folder / "project").exists():
            real(kind, answers, str(template_repo), "v0.1.0", folder)
        shutil.copytree(folder / "project", workdir / "project")
        return workdir / "project"

    return render


@pytest.fixture
def adopt_here(monkeypatch: pytest.MonkeyPatch, rendered_once: Callable[..., Path]) -> Callable[[Path], int]:
    """adopt.py's main, run in-process in a project: a test can break any step of it first."""
    monkeypatch.setattr(adopt_script, "render", rendered_once)
    # the tests' run is the slowest step, and no other step depends on what it finds
    monkeypatch.setattr(suite, "verdict", lambda *_, **__: suite.Verdict(suite.Outcome(True, "2 passed")))
    monkeypatch.setattr(baseline, "record", lambda *_: baseline.Baseline())  # it runs ruff and mypy

    def adopt(project: Path) -> int:
        monkeypatch.chdir(project)
        return adopt_script.main(["--kind=python-lib", "--template=unused", "--release=v0.1.0"])

    return adopt


@pytest.mark.parametrize("step", [*STEPS, "part-way-through-the-copy"])
def test_a_failure_at_any_step_leaves_the_repository_as_it_was(
    step: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    adopt_here: Callable[[Path], int],
) -> None:
    project = build(SETUP_PY_CFG, tmp_path / "legacy-count")
    (project / "legacy_count" / "__pycache__").mkdir()  # an ignored file, as a team's clone has
    (project / "legacy_count" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0bytecode")
    append(project / ".git" / "info" / "exclude", "__pycache__/\n")
    before = state(project)
    copied: list[str] = []
    if step == "part-way-through-the-copy":
        real_copy = scratch._copy

        def copy_some(work: Path, root: Path, path: str) -> None:
            if len(copied) == 3:
                _fail()
            real_copy(work, root, path)
            copied.append(path)

        monkeypatch.setattr(scratch, "_copy", copy_some)
    else:
        module, name = STEPS[step]
        monkeypatch.setattr(module, name, _fail)

    status = adopt_here(project)

    err = capsys.readouterr().err
    assert (status, err.count("\n")) == (1, 1), err
    assert err.startswith("The adoption stopped on an error (OSError: injected); the details are in .git/")
    assert err.endswith("Nothing was changed.\n")
    assert state(project) == before
    assert len(copied) == 3 or step != "part-way-through-the-copy"


def test_with_no_failure_the_same_adoption_changes_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adopt_here: Callable[[Path], int]
) -> None:
    """What the failures above are measured against: the adoption they break does its work; and
    the moved package's old bytecode goes, so that no stale copy of it stays importable."""
    project = build(SETUP_PY_CFG, tmp_path / "legacy-count")
    (project / "legacy_count" / "__pycache__").mkdir()
    (project / "legacy_count" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0bytecode")
    append(project / ".git" / "info" / "exclude", "__pycache__/\n")
    head = git(project, "rev-parse", "HEAD")

    status = adopt_here(project)

    assert status == 0, capsys.readouterr().err
    staged = git(project, "diff", "--staged", "--name-status", "-M").splitlines()
    assert "R100\tlegacy_count/counting.py\tsrc/legacy_count/counting.py" in staged
    assert "D\tsetup.py" in staged
    assert "A\t.copier-answers.yml" in staged
    assert git(project, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        line for line in git(project, "status", "--porcelain").splitlines() if not line.startswith(" ")
    ]
    assert not (project / "legacy_count").exists()
    assert (project / ".git" / "adoption-summary.md").read_text("utf-8").startswith("## Adopt the python-lib")
    assert git(project, "rev-parse", "HEAD") == head


def test_a_version_from_git_tags_keeps_its_scheme_and_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adopt_here: Callable[[Path], int]
) -> None:
    """hatch-vcs's local_scheme and version file come over: without them the version gains a
    `+g<hash>` PyPI refuses, and `from tidemark._version import __version__` fails."""
    project = build(HATCH_VCS, tmp_path / "tidemark")

    assert adopt_here(project) == 0, capsys.readouterr().err

    hatch = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]
    assert hatch["version"] == HATCH_VCS.version
    assert hatch["build"]["hooks"] == {"vcs": {"version-file": "src/tidemark/_version.py"}}


def test_a_version_a_poetry_plugin_reads_stays_where_it_is_and_a_nameless_author_has_no_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adopt_here: Callable[[Path], int]
) -> None:
    """Not poetry's placeholder "0"; and no `name = ""`, which hatchling will not build."""
    project = build(POETRY_VERSION_PLUGIN, tmp_path / "low-water")

    assert adopt_here(project) == 0, capsys.readouterr().err

    data = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    for key, expected in POETRY_VERSION_PLUGIN.project.items():
        assert data["project"].get(key) == expected, key
    assert "version" not in data["project"]
    assert data["tool"]["hatch"]["version"] == POETRY_VERSION_PLUGIN.version


@pytest.mark.parametrize(
    ("stdout", "stderr", "quoted"),
    [
        (
            "",
            (
                "Resolved 9 packages\n  \u00d7 No solution found when resolving dependencies:\n"
                "  Because mypy==0.910 ...\n  hint: Pre-releases are available for `mypy`\n"
            ),
            "\u00d7 No solution found when resolving dependencies:",
        ),
        (
            "ERROR tests/test_x.py - ModuleNotFoundError: No module named 'x._version'\n=== 1 error in 0.41s ===\n",
            "Installed 26 packages in 266ms\n",
            "ERROR tests/test_x.py - ModuleNotFoundError: No module named 'x._version'",
        ),
        ("", "error: Failed to spawn: `pytest`\n", "error: Failed to spawn: `pytest`"),
        (
            "=== no tests ran in 0.01s ===\nERROR: not found: /tmp/x/README.md\n(no match in any of [<Dir x>])\n",
            "   Building humanize @ file:///tmp/x\n      Built humanize @ file:///tmp/x\n",
            "ERROR: not found: /tmp/x/README.md",
        ),
        (
            "",
            (
                "error: Failed to resolve `--with` requirement\n  cause: The build backend returned an error\n"
                '  File "/x/setuptools_scm/_integration/setuptools.py", line 267, in infer_version\n'
                "    LookupError: setuptools-scm was unable to detect version for /tmp/x.\n\n"
                "hint: Build failures usually indicate a problem with the package or the build environment\n"
            ),
            (
                "error: Failed to resolve `--with` requirement: LookupError: setuptools-scm was unable to "
                "detect version for /tmp/x."
            ),
        ),
    ],
    ids=["uv-resolution", "collection-error", "uv-error", "build-backend-error", "test-not-there-before"],
)
def test_tests_that_cannot_run_are_reported_with_the_error(stdout: str, stderr: str, quoted: str) -> None:
    """Not uv's last line, which is a hint or a count of installed packages."""
    outcome = suite._outcome(subprocess.CompletedProcess([], 2, stdout, stderr))
    assert (outcome.ran, outcome.summary) == (False, quoted)


# --- The identity its build backend gives ------------------------------------------------------------


@pytest.mark.parametrize(
    ("legacy", "backend"),
    [(HATCH_VCS, "its build backend (hatchling.build)"), (POETRY_VERSION_PLUGIN, "the old project's files")],
    ids=["hatch-vcs", "poetry-version-plugin"],
)
def test_the_identity_check_passes_on_the_repositories_adopted_in_process(
    legacy: Legacy,
    backend: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    adopt_here: Callable[[Path], int],
) -> None:
    """hatch-vcs's version, built in a clone one commit on, is the same with its scheme kept;
    poetry-core refuses to build an author with no name, so the project's files stand in."""
    project = build(legacy, tmp_path / legacy.name)

    assert adopt_here(project) == 0, capsys.readouterr().err

    found = sections((project / ".git" / "adoption-summary.md").read_text("utf-8"))
    assert f"The adopted project's wheel and {backend} give the same identity: name `" in found["Kept"]
    assert "otherwise): keep it so, or put it back" not in found.get("For a person to decide", "")


def test_what_a_setup_py_computes_and_the_adoption_cannot_carry_is_named_for_a_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adopt_here: Callable[[Path], int]
) -> None:
    """Its `all` extra and its entry points are made when setup.py runs: its wheel has them, the
    files do not state them, and the report says what the adopted wheel lacks."""
    project = build(SETUP_PY_COMPUTED, tmp_path / "paper-fold")

    assert adopt_here(project) == 0, capsys.readouterr().err

    found = sections((project / ".git" / "adoption-summary.md").read_text("utf-8"))
    assert "give the same identity but for what is named under" in found["Kept"]
    person = found["For a person to decide"]
    gave = "(its old build backend gave otherwise): keep it so, or put it back"
    for difference in (
        "it no longer provides the extra `all`",
        'it no longer requires `pyyaml>=6; extra == "all"`',
        'it no longer requires `tomli>=2; extra == "all"`',
        "the entry point `fold = paper_fold:fold` of `paper_fold.tools` is gone",
        "the entry point `unfold = paper_fold:unfold` of `paper_fold.tools` is gone",
    ):
        assert f"- `pyproject.toml`: {difference} {gave}" in person, difference
    assert "extra `yaml`" not in person  # what setup.py states as a literal came over


def test_a_project_its_backend_cannot_build_is_compared_as_its_files_state_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adopt_here: Callable[[Path], int]
) -> None:
    """A build requirement no index has: the report quotes uv's reason in one line, and compares
    the adopted wheel with what the files state."""
    project = build(UNBUILDABLE, tmp_path / "quay-side")

    assert adopt_here(project) == 0, capsys.readouterr().err

    kept = sections((project / ".git" / "adoption-summary.md").read_text("utf-8"))["Kept"]
    assert (
        "- The old project's metadata could not be built (Because acme-internal-build-plugin-0f3c9 was not "
        "found in the package registry and you require acme-internal-build-plugin-0f3c9, we can conclude "
        "that your requirements are unsatisfiable.): its identity was read from its files instead\n"
    ) in kept
    assert (
        "The adopted project's wheel and the old project's files give the same identity: name `quay-side`, "
        "version `2.0.1`, requirements: 1, extras: 0, entry points: 1\n"
    ) in kept


def test_a_uv_version_the_team_pins_is_quoted_where_it_stops_both_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adopt_here: Callable[[Path], int]
) -> None:
    """`[tool.uv] required-version` stays in the adopted pyproject.toml, and uv refuses to build
    either: the report quotes uv and says nothing was compared, rather than that all is the same."""
    commit = {
        "pyproject.toml": (
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
            '[project]\nname = "pinned"\nversion = "0.1.0"\n\n[tool.uv]\nrequired-version = "<0.1"\n'
        ),
        "src/pinned/__init__.py": "",
        "tests/test_pinned.py": "import pinned\n\n\ndef test_imports():\n    assert pinned\n",
    }
    project = build(dataclasses.replace(UNBUILDABLE, name="pinned", commits=(commit,)), tmp_path / "pinned")

    assert adopt_here(project) == 0, capsys.readouterr().err

    found = sections((project / ".git" / "adoption-summary.md").read_text("utf-8"))
    refused = "error: Required uv version `<0.1` does not match the running version"
    assert f"- The old project's metadata could not be built ({refused}" in found["Kept"]
    assert "give the same identity" not in found["Kept"]
    assert (
        f"- `pyproject.toml`: the adopted project could not be built ({refused}"
        in found["For a person to decide"]
    )


def _built(version: str) -> Built:
    return Built("tidemark", version, frozenset(), frozenset())


@pytest.mark.parametrize(
    ("before", "after", "named"),
    [
        ("1.2.0", "1.2.0", []),
        ("0.1.dev2+g1a2b3c4", "0.1.dev2+g5d6e7f8", []),  # the default scheme: a clone's own hash
        (
            "0.1.dev2",
            "0.1.dev2+g5d6e7f8",
            [
                (
                    "the version is `0.1.dev2+g5d6e7f8`, whose local part `+g5d6e7f8` PyPI refuses on upload: "
                    "the version scheme did not come over; it was `0.1.dev2`"
                )
            ],
        ),
        ("3.2.1", "0", ["the version is `0`; it was `3.2.1`"]),
    ],
    ids=["static", "local-scheme-kept", "local-scheme-lost", "placeholder"],
)
def test_a_version_is_compared_as_its_scheme_makes_it(before: str, after: str, named: list[str]) -> None:
    assert comparison.differences(_built(before), _built(after)) == named


def test_requirements_are_compared_as_packaging_reads_them() -> None:
    """poetry-core's spelling and hatchling's of one requirement are one requirement."""
    spelt = built_metadata.requirement
    assert spelt("Click (>=8.1,<9.0) ; extra == 'strict'") == spelt('click<9,>=8.1; extra == "strict"')
    assert spelt("attrs>=22") != spelt("attrs>=23")


def test_a_build_failure_is_quoted_by_the_exception_it_ends_with() -> None:
    output = (
        'Building wheel...\nTraceback (most recent call last):\n  File "x.py", line 1\n'
        "ValueError: Invalid author string.\nerror: Failed to build `/tmp/x`\n"
        "  cause: Call to `poetry.core.masonry.api.build_wheel` failed (exit status: 1)\n"
        "hint: Build failures usually indicate a problem with the package\n"
    )
    assert backend_error(output) == "ValueError: Invalid author string."


def test_the_run_before_adopting_installs_what_an_installer_takes_and_falls_back_to_no_pins() -> None:
    """The project itself, tox's substitutions and pip's options out; an old pin that no longer
    installs has an unpinned fallback, its extras and markers kept."""
    listed = ["old-project[test]", "-e .", "{toxinidir}/extra", "mypy>=0.910,<0.911", "pytest-cov[toml]^2.8"]
    listed.append("tomli>=1; python_version < '3.11'")
    kept = test_requirements.installable(listed, "Old_Project")
    assert kept == ["mypy>=0.910,<0.911", "pytest-cov[toml]^2.8", "tomli>=1; python_version < '3.11'"]
    assert test_requirements.unpinned(kept) == ["mypy", "pytest-cov[toml]", "tomli; python_version < '3.11'"]


def test_an_old_pin_of_a_tool_the_template_pins_gives_way_and_is_named() -> None:
    groups = {
        "test": ["pytest>=8.4"],
        "lint": ["mypy>=1.18", "ruff>=0.14"],
        "dev": [{"include-group": "test"}, {"include-group": "lint"}],
    }
    team = ["pytest >= 8.4", "Pytest_Cov>=2.8.1,<3", "mypy>=0.910,<0.911", "ruff", "hypothesis>=6"]

    added, changed = pins.reconcile(groups, team)

    assert added == ["Pytest_Cov>=2.8.1,<3", "hypothesis>=6"]  # no bound of the template's for them
    assert [str(change) for change in changed] == [
        "`mypy>=0.910,<0.911` → `mypy>=1.18` (the template's, in its `lint` group)"
    ]


def test_the_baseline_reads_both_ways_ruff_names_a_file_to_format_and_writes_only_what_is_found() -> None:
    """ruff before 0.14 says `Would reformat: PATH`; later ones give a diagnostic with `--> PATH`.
    Findings of ruff alone leave [tool.mypy] as it was."""
    older = "Would reformat: src/a.py\n1 file would be reformatted\n"
    newer = "unformatted: File would be reformatted\n  --> tests/test_b.py:43:17\n   |\n42 |     x(\n"
    found = {m.group("old") or m.group("new") for m in baseline.UNFORMATTED.finditer(older + newer)}
    assert found == {"src/a.py", "tests/test_b.py"}
    document = tomlkit.parse('[tool.mypy]\nstrict = true\n\n[tool.ruff.lint]\nignore = ["E501"]\n')
    findings = baseline.Baseline(ruff={"src/a.py": ["F401"]}, findings=1)
    baseline._write_ruff(document, findings)
    baseline._write_mypy(document, findings)
    assert tomlkit.dumps(document) == (
        '[tool.mypy]\nstrict = true\n\n[tool.ruff.lint]\nignore = ["E501"]\n\n[tool.ruff.lint.per-file-ignores]\n'
        '"src/a.py" = ["F401"]  # the baseline: what this file broke when adopted\n'
    )


def test_the_teams_pytest_options_join_the_templates_but_not_those_that_turn_its_plugins_off() -> None:
    """pypa/packaging's `-p no:logging` took caplog from the template's health tests."""
    template = ["-ra", "--strict-markers", "-p", "monitoring"]
    theirs = "-ra --showlocals --strict-markers -m 'not property' -p no:logging"

    joined = pytest_settings._joined("addopts", template, theirs)

    assert joined == [*template, "--showlocals", "-m", "not property"]
    markers = pytest_settings._joined("markers", ["slow: the template's"], ["slow: theirs", "net: theirs"])
    assert markers == ["slow: the template's", "net: theirs"]


def test_a_run_in_colour_is_read_as_one_without() -> None:
    """python-humanize/humanize's own addopts has --color=yes: its failures were not seen."""
    stdout = (
        "\x1b[31mFAILED\x1b[0m src/x/time.py::\x1b[1mx.time.delta\x1b[0m\n"
        "\x1b[31m=== \x1b[31m\x1b[1m1 failed\x1b[0m, \x1b[32m742 passed\x1b[0m\x1b[31m in 23.63s\x1b[0m\x1b[31m ===\x1b[0m\n"
    )
    outcome = suite._outcome(subprocess.CompletedProcess([], 1, stdout, ""))
    assert (outcome.ran, outcome.summary, list(outcome.failures)) == (
        True,
        "1 failed, 742 passed in 23.63s",
        ["src/x/time.py::x.time.delta"],
    )
