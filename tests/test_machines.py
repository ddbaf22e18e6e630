"""Machines nobody prepared: a C locale, a home folder with non-ASCII letters, a strict umask,
git missing, git without an identity, a folder the user may not write to. Each works, or says
in one line what it did instead."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from answer_sets import ALL, default_slug
from rendering import KINDS, Bakery, cookiecutter_command, copier_command, git, run, tree

DEFAULTS = next(answer_set for answer_set in ALL if answer_set.id == f"{KINDS[0]}-defaults")
# These renders are of the work tree, the bakery's of a commit of it: their answers files name
# different templates (test_render.py compares the engines' answers files).
WITHOUT_ANSWERS_FILE = (".git", ".copier-answers.yml")


def render(
    engine: str, workdir: Path, umask: int = -1, **env: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    workdir.mkdir(parents=True, exist_ok=True)
    project = workdir / default_slug(DEFAULTS.kind)
    if engine == "cookiecutter":
        command = cookiecutter_command(DEFAULTS.kind, {}, workdir)
    else:
        command = copier_command(DEFAULTS.kind, {}, project)
    return run(command, cwd=workdir, umask=umask, **env), project


def as_expected(bakery: Bakery, project: Path) -> None:
    expected = bakery.get(DEFAULTS).cookiecutter
    assert tree(project, skip=WITHOUT_ANSWERS_FILE) == tree(expected, skip=WITHOUT_ANSWERS_FILE)
    assert len(git(project, "log", "--oneline").splitlines()) == 1


GROUP = pytest.mark.xdist_group(DEFAULTS.id)
ENGINES = pytest.mark.parametrize("engine", ["cookiecutter", "copier"])


@GROUP
@ENGINES
def test_a_c_locale(bakery: Bakery, tmp_path: Path, engine: str) -> None:
    result, project = render(engine, tmp_path, LANG="C", LC_ALL="C")
    assert result.returncode == 0, result.stderr
    as_expected(bakery, project)


@GROUP
@ENGINES
@pytest.mark.portable
def test_a_home_folder_with_non_ascii_letters(bakery: Bakery, tmp_path: Path, engine: str) -> None:
    home = tmp_path / "Zoë Ünal"
    home.mkdir()
    result, project = render(
        engine, tmp_path / "work dir ✓", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config")
    )
    assert result.returncode == 0, result.stderr
    as_expected(bakery, project)


@GROUP
@ENGINES
@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_umask_of_077(bakery: Bakery, tmp_path: Path, engine: str) -> None:
    result, project = render(engine, tmp_path, umask=0o077)
    assert result.returncode == 0, result.stderr
    as_expected(bakery, project)  # (cookiecutter copies each template file's mode, umask or not)


@GROUP
@ENGINES
def test_no_git_renders_the_project_and_says_so(bakery: Bakery, tmp_path: Path, engine: str) -> None:
    bin_without_git = tmp_path / "bin"
    bin_without_git.mkdir()
    (bin_without_git / "python").symlink_to(sys.executable)
    result, project = render(engine, tmp_path / "work", PATH=str(bin_without_git))
    assert result.returncode == 0, result.stderr
    assert (
        "git not found on PATH: the project was not made a git repository (run `git init` later)."
        in result.stderr
    )
    assert not (project / ".git").exists()
    expected = bakery.get(DEFAULTS).cookiecutter
    assert tree(project, skip=WITHOUT_ANSWERS_FILE) == tree(expected, skip=WITHOUT_ANSWERS_FILE)


@GROUP
@ENGINES
def test_git_without_an_identity(bakery: Bakery, tmp_path: Path, engine: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result, project = render(engine, tmp_path / "work", HOME=str(home), GIT_CONFIG_NOSYSTEM="1")
    assert result.returncode == 0, result.stderr
    as_expected(bakery, project)


def without_root_powers(command: list[str]) -> list[str]:
    """The command as a user who may not write everywhere: root, as CI runs, ignores permissions.

    A root process without the capability to override file permissions (setpriv, from
    util-linux) is refused a write to a read-only folder as any user would be.
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and no setpriv to give up root's powers over file permissions")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]


@ENGINES
@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_read_only_folder_stops_the_render_naming_it(tmp_path: Path, engine: str) -> None:
    workdir = tmp_path / "read-only"
    workdir.mkdir()
    project = workdir / default_slug(DEFAULTS.kind)
    if engine == "cookiecutter":
        command = cookiecutter_command(DEFAULTS.kind, {}, workdir)
    else:
        command = copier_command(DEFAULTS.kind, {}, project)
    workdir.chmod(0o555)
    try:
        result = run(without_root_powers(command), cwd=tmp_path)
    finally:
        workdir.chmod(0o755)

    assert result.returncode == 1
    # the engine's own last line: it names the folder it could not make
    last_line = result.stderr.strip().splitlines()[-1]
    expected = {
        "cookiecutter": f"OSError: Unable to create directory at {project}",
        "copier": f"PermissionError: [Errno 13] Permission denied: '{project}'",
    }
    assert last_line == expected[engine]
    assert list(workdir.iterdir()) == []


def test_no_test_needs_a_python_version_this_machine_may_lack() -> None:
    """A test picks its Python from those found here (rendering.supported_here and friends) and
    skips, saying why, when none is: a literal `--python 3.X` fails where 3.X is missing."""
    literal = re.compile(r"""["']--python["'],\s*["']3\.\d+["']|--python[= ]3\.\d+""")
    found = [
        f"{path.name}:{number}"
        for path in sorted(Path(__file__).parent.glob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == []
