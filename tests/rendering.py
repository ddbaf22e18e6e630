"""Render with cookiecutter and copier, in-process through pytest-cookies and pytest-copie or
through the command lines users type, and compare results.

The one module the tests share helpers through (with tests/answer_sets.py, tests/hook_repos.py
and tests/legacy_projects.py): no test module imports another, nor conftest.py.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from answer_sets import ALL, FULL_CHECK, ROOT, SOURCE, AnswerSet
from cookiecutter.prompt import prompt_for_config
from markdown_it import MarkdownIt
from pytest_cookies.plugin import Cookies
from pytest_copie.plugin import Copie

# ROOT, SOURCE (the questions as the organisation configured them) and AnswerSet come from
# tests/answer_sets.py, which makes the answer sets the bakery below renders.
KINDS = tuple(SOURCE["kinds"])
ENGINES = ("cookiecutter", "copier")


def clean_environment(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: none of the test runner's virtualenv or git state."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH"} and not key.startswith("GIT_")
    }
    env.update(extra)
    return env


def cookiecutter_literal(value: str) -> str:
    """cookiecutter renders `--no-input` answers as Jinja; a raw block passes braces as text."""
    return f"{{% raw %}}{value}{{% endraw %}}" if "{" in value else value


def replay_context(kind: str, answers: dict[str, str]) -> dict[str, object]:
    """What cookiecutter records in a replay file after a run with these answers."""
    context = json.loads((ROOT / kind / "cookiecutter.json").read_text("utf-8"))
    context.update({name: cookiecutter_literal(value) for name, value in answers.items()})
    # the answers exactly as given, even those (refused ones) that rendering would change
    return {**prompt_for_config({"cookiecutter": context}, no_input=True), **answers}


def cookiecutter_command(
    kind: str, answers: dict[str, str], output: Path, template: Path = ROOT
) -> list[str]:
    pairs = [f"{key}={cookiecutter_literal(value)}" for key, value in answers.items()]
    return [
        sys.executable,
        "-m",
        "cookiecutter",
        str(template),
        "--directory",
        kind,
        "--no-input",
        "--output-dir",
        str(output),
        *pairs,
    ]


def copier_command(kind: str, answers: dict[str, str], destination: Path, template: Path = ROOT) -> list[str]:
    data = [item for key, value in {"kind": kind, **answers}.items() for item in ("--data", f"{key}={value}")]
    return [
        sys.executable,
        "-m",
        "copier",
        "copy",
        "--trust",
        "--defaults",
        "--quiet",
        *data,
        str(template),
        str(destination),
    ]


def run(command: list[str], cwd: Path, *, umask: int = -1, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command as a user's shell would; `umask` -1 keeps this process's."""
    return subprocess.run(
        command,
        cwd=cwd,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        stdin=subprocess.DEVNULL,
        umask=umask,
    )


def render(engine: str, answer_set: AnswerSet, workdir: Path) -> Path:
    """Render one answer set with one engine into `workdir`; return the project directory."""
    workdir.mkdir(parents=True)
    if engine == "cookiecutter":
        result = run(cookiecutter_command(answer_set.kind, answer_set.answers, workdir), cwd=workdir)
        projects = [path for path in workdir.iterdir() if path.is_dir()]
    else:
        destination = workdir / "project"
        result = run(copier_command(answer_set.kind, answer_set.answers, destination), cwd=workdir)
        projects = [destination]
    if result.returncode != 0:
        msg = f"{engine} failed for {answer_set.id}:\n{result.stdout}\n{result.stderr}"
        raise AssertionError(msg)
    (project,) = projects
    return project


# --- Each answer set baked once per test session, with both engines, and shared --------------
# In-process, through the two pytest plugins a team's own template tests would use: no Python
# start per render. Tests that use the same answer set carry the same xdist group, so one worker
# renders it and runs every check on that output (conftest.py's `bakery` and `baked` fixtures).
# The tests that check an engine's command line itself (its menu, `--no-input`, its messages)
# use render() above instead.


def bake(cookies: Cookies, answer_set: AnswerSet, template: Path = ROOT) -> Path:
    """Render with cookiecutter through pytest-cookies, as `--directory KIND` does."""
    extra_context = {name: cookiecutter_literal(value) for name, value in answer_set.answers.items()}
    result = cookies.bake(extra_context=extra_context, template=str(template / answer_set.kind))
    if result.exception is not None:
        msg = f"cookiecutter failed for {answer_set.id}: {result.exception!r}"
        raise AssertionError(msg) from result.exception
    return result.project_path


def copy(copie: Copie, answer_set: AnswerSet, template: Path = ROOT) -> Path:
    """Render with copier through pytest-copie, as `copier copy --defaults --data ...` does."""
    result = copie.copy(extra_answers={"kind": answer_set.kind, **answer_set.answers}, template_dir=template)
    if result.exception is not None or result.project_dir is None:
        msg = f"copier failed for {answer_set.id}: {result.exception!r}"
        raise AssertionError(msg) from result.exception
    return result.project_dir


@dataclass(frozen=True)
class Baked:
    answer_set: AnswerSet
    cookiecutter: Path
    copier: Path


class Bakery:
    """Both engines render one commit of the collection (`committed_collection()`), so that
    the answers files they write, which name it, are the same bytes too."""

    def __init__(self, cookies: Cookies, workdir: Path, template: Path) -> None:
        self._cookies, self._template = cookies, template
        # pytest-copie's fixtures cannot load beside pytest-cookies' (both add --template), so
        # the bakery holds its Copie; the config file is one copier never reads.
        self._copie = Copie(default_template_dir=template, test_dir=workdir, config_file=workdir / "unused")
        self._baked: dict[str, Baked] = {}

    def get(self, answer_set: AnswerSet) -> Baked:
        if answer_set.id not in self._baked:
            self._baked[answer_set.id] = Baked(
                answer_set,
                cookiecutter=bake(self._cookies, answer_set, self._template),
                copier=copy(self._copie, answer_set, self._template),
            )
        return self._baked[answer_set.id]


def _param(answer_set: AnswerSet) -> object:
    return pytest.param(answer_set, id=answer_set.id, marks=pytest.mark.xdist_group(answer_set.id))


EVERY_ANSWER_SET = [_param(answer_set) for answer_set in ALL]
FULL_CHECK_SETS = [_param(answer_set) for answer_set in ALL if answer_set.id in FULL_CHECK]


def tree(directory: Path, *, skip: tuple[str, ...] = (".git",)) -> dict[str, bytes]:
    """Every file below `directory` by relative path, leaving out `skip` at the top level."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path.relative_to(directory).parts[0] not in skip
    }


def assert_files_parse(project: Path) -> None:
    """Every TOML, YAML and JSON file parses and every Python file compiles."""
    for path, data in tree(project).items():
        text = data.decode("utf-8")
        if path.endswith(".toml"):
            tomllib.loads(text)
        elif path.endswith((".yml", ".yaml")):
            yaml.safe_load(text)
        elif path.endswith(".json"):
            json.loads(text)
        elif path.endswith(".py"):
            compile(text, path, "exec")


def assert_ruff_finds_nothing(project: Path) -> None:
    """The project's own ruff settings find nothing to fix or reformat: the first step of its
    `nox -s lint`, in a fraction of a second (ruff is in the collection's test group)."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is in the collection's test dependency group"
    for command in ([ruff, "check", "--no-cache", "."], [ruff, "format", "--no-cache", "--check", "."]):
        result = run(command, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr


@contextlib.contextmanager
def terminal(command: list[str], home: Path, log: io.StringIO) -> Iterator[pexpect.spawn]:
    """The command in a pseudo-terminal of 50 lines of 200 columns, as a person runs it; what
    it shows goes to `log`. Closed whatever happens."""
    env = clean_environment(
        HOME=str(home),
        TERM="xterm",
        COLUMNS="200",
        LINES="50",
        # a pseudo-terminal does not answer prompt_toolkit's cursor position requests
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    child = pexpect.spawn(
        command[0], command[1:], env=env, encoding="utf-8", timeout=60, dimensions=(50, 200)
    )
    child.logfile_read = log
    try:
        yield child
    finally:
        child.close(force=True)


def screen(log: io.StringIO) -> list[str]:
    """What a terminal showed, line by line, without colours and cursor movements."""
    shown = re.sub(r"\x1b(?:\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07)", "", log.getvalue())
    return shown.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def markdown_shows(markdown: str) -> list[str]:
    """The text of each heading and paragraph as a reader sees it: markup there (emphasis,
    code, a link, HTML) shows as <its kind>, so text that arrives as typed is plain text."""
    return [
        "".join(
            child.content if child.type == "text" else f"<{child.type}>" for child in token.children or []
        )
        for token in MarkdownIt("commonmark").parse(markdown)
        if token.type == "inline"
    ]


# PEP 723's inline script metadata: a `# /// script` block of `#`-prefixed TOML lines.
SCRIPT_METADATA = re.compile(r"(?m)^# /// script$\s(?P<content>(^#(| .*)$\s)+)^# ///$")


def script_metadata(script: Path) -> dict[str, Any]:
    """The TOML of a script's `# /// script` block, as uv reads it."""
    block = SCRIPT_METADATA.search(script.read_text("utf-8"))
    assert block, f"{script.name} has no `# /// script` block"
    lines = block["content"].splitlines(keepends=True)
    return tomllib.loads("".join(line[2:] if line.startswith("# ") else line[1:] for line in lines))


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=project, env=clean_environment(), capture_output=True, text=True, check=True
    ).stdout


def copy_of_collection(destination: Path) -> Path:
    """The collection's files as the work tree has them, uncommitted changes included."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for path in filter(None, listed):
        if (ROOT / path).is_file():
            (destination / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / path, destination / path)
    return destination


def committed_collection(destination: Path) -> Path:
    """The collection's files as the work tree has them, as the one commit of a repository.

    What both engines record as the release rendered is git's name for the template's commit;
    from a work tree with uncommitted changes, copier renders a commit of its own, in a
    throwaway clone, and records that.
    """
    collection = copy_of_collection(destination.resolve())
    git(collection, "init", "--quiet")
    git(collection, "add", "--all")
    git(collection, "-c", "user.name=Maintainer", "-c", "user.email=maintainer@example.com", "commit", "--quiet",
        "--message", "The collection as the work tree has it")  # fmt: skip
    return collection


def fresh_clone(project: Path, destination: Path) -> Path:
    """A clone of the rendered repository: what a user pushes is what gets tested."""
    subprocess.run(
        ["git", "clone", "--quiet", str(project), str(destination)],
        env=clean_environment(),
        check=True,
    )
    return destination


def tool(name: str) -> str:
    """A command installed beside this test run's Python (the test dependency group)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is in the collection's test dependency group"
    return found


def ci_sessions(project: Path, github_output: Path) -> list[str]:
    """The sessions CI runs on Linux, as the workflow's own `list` step computes them."""
    steps = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text("utf-8"))["jobs"][
        "sessions"
    ]["steps"]
    (script,) = (step["run"] for step in steps if step.get("id") == "list")
    result = run(["bash", "-eo", "pipefail", "-c", script], cwd=project, GITHUB_OUTPUT=str(github_output))
    assert result.returncode == 0, result.stderr
    (line,) = github_output.read_text("utf-8").splitlines()
    jobs = json.loads(line.removeprefix("include="))
    return [job["session"] for job in jobs if job["os"] == "ubuntu-latest"]


def uv() -> str:
    found = shutil.which("uv")
    if found is None:
        msg = "uv is needed to run the generated projects' tests (see README.md)"
        raise RuntimeError(msg)
    return found


@functools.cache
def python_runs_here(version: str) -> bool:
    """Whether `pythonX.Y` runs on this machine (pyenv shims may exist but fail)."""
    executable = shutil.which(f"python{version}")
    return (
        bool(executable)
        and subprocess.run([executable, "-c", ""], capture_output=True, check=False).returncode == 0
    )


def available_pythons() -> tuple[str, ...]:
    """The supported Python versions this machine can run."""
    return tuple(version for version in SOURCE["python_versions"] if python_runs_here(version))


def python_at_least(min_python: str) -> str | None:
    """The oldest supported Python here from `min_python` on, else whichever one uv finds that
    a project with this minimum accepts (where no `python3.X` command exists, as on Windows)."""
    runnable = supported_here(min_python)
    if runnable:
        return runnable[0]
    found = subprocess.run(
        [uv(), "python", "find", "--no-project", f">={min_python}"],
        env=clean_environment(UV_PYTHON_DOWNLOADS="never"),
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or None


def runner_python(min_python: str) -> str | None:
    """A Python to start nox with, as a CI runner does with its own: one the project does not
    accept (the newest below its minimum) where this machine has one, else any other."""
    major, minor = map(int, min_python.split("."))
    older = [f"{major}.{below}" for below in range(minor - 1, 7, -1)]
    newer = [version for version in SOURCE["python_versions"] if version != min_python]
    return next((version for version in [*older, *newer] if python_runs_here(version)), None)


def supported_here(min_python: str) -> list[str]:
    """The versions a project with this minimum supports that this machine can run."""
    versions = SOURCE["python_versions"]
    wanted = versions[versions.index(min_python) :]
    return [version for version in wanted if version in available_pythons()]
