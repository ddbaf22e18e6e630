"""First commit: made when it can be, skipped with one line when it cannot, never a failure."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rendering import ROOT, clean_environment, git

GIT_INIT = [sys.executable, str(ROOT / "hooks" / "git_init.py")]
ARGS = [
    "--author-name",
    "Zoë O'Brien",
    "--author-email",
    "zoe@example.com",
    "--kind",
    "python-lib",
    "--branch",
    "main",
]


def project_in(directory: Path) -> Path:
    project = directory / "demo"
    (project / "src").mkdir(parents=True)
    (project / "src" / "demo.py").write_text("print('hi')\n", "utf-8")
    return project


def run_git_init(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GIT_INIT, *ARGS],
        cwd=project,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_commits_everything_on_main_as_the_author_without_any_git_identity(tmp_path: Path) -> None:
    project = project_in(tmp_path)
    home = tmp_path / "empty-home"
    home.mkdir()
    result = run_git_init(project, HOME=str(home), GIT_CONFIG_NOSYSTEM="1", XDG_CONFIG_HOME=str(home))
    assert (result.returncode, result.stderr) == (0, "")
    assert git(project, "branch", "--show-current").strip() == "main"
    assert git(project, "log", "--format=%an <%ae>|%cn <%ce>|%s").splitlines() == [
        "Zoë O'Brien <zoe@example.com>|Zoë O'Brien <zoe@example.com>|Start the project from the python-lib template"
    ]
    assert git(project, "ls-files").splitlines() == ["src/demo.py"]


def test_skips_with_one_line_when_git_is_missing(tmp_path: Path) -> None:
    project = project_in(tmp_path)
    no_git = tmp_path / "bin"
    no_git.mkdir()
    result = run_git_init(project, PATH=str(no_git))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "git not found on PATH: the project was not made a git repository (run `git init` later)."
    ]
    assert not (project / ".git").exists()


def test_leaves_an_enclosing_repository_untouched(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True, env=clean_environment())
    project = project_in(tmp_path)
    result = run_git_init(project)
    assert result.returncode == 0
    assert len(result.stderr.splitlines()) == 1
    assert "inside" in result.stderr
    assert "git work tree" in result.stderr
    assert not (project / ".git").exists()
    assert git(tmp_path, "log", "--oneline", "--all") == ""
    assert git(tmp_path, "status", "--porcelain") == "?? demo/\n"


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for git")
def test_works_with_a_git_older_than_initial_branch(tmp_path: Path) -> None:
    real_git = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do case "$arg" in --initial-branch=*) '
        'echo "error: unknown option \\`initial-branch=main\'" >&2; exit 129;; esac; done\n'
        f'exec {real_git} "$@"\n',
        "utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    project = project_in(tmp_path)
    result = run_git_init(project, PATH=f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    assert (result.returncode, result.stderr) == (0, "")
    assert git(project, "symbolic-ref", "--short", "HEAD").strip() == "main"
    assert len(git(project, "log", "--oneline").splitlines()) == 1


def test_a_failing_commit_leaves_no_half_made_repository(tmp_path: Path) -> None:
    real_git = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\nfor arg in "$@"; do [ "$arg" = commit ] && { echo "fatal: disk full" >&2; exit 128; }; done\n'
        f'exec {real_git} "$@"\n',
        "utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    project = project_in(tmp_path)
    result = run_git_init(project, PATH=f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "git could not make the first commit (fatal: disk full): the project has no repository yet."
    ]
    assert not (project / ".git").exists()
    assert (project / "src" / "demo.py").exists()


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for git; POSIX signals")
def test_an_interrupt_during_the_commit_leaves_no_repository(tmp_path: Path) -> None:
    real_git = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    started = tmp_path / "commit-started"
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(
        f'#!/bin/sh\nfor arg in "$@"; do [ "$arg" = commit ] && {{ touch "{started}"; sleep 600; }}; done\n'
        f'exec {real_git} "$@"\n',
        "utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    project = project_in(tmp_path)
    hook = subprocess.Popen(
        [*GIT_INIT, *ARGS],
        cwd=project,
        env=clean_environment(PATH=f"{fake.parent}{os.pathsep}{os.environ['PATH']}"),
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's Ctrl+C reaches
    )
    try:
        # generous: on a loaded machine the hook may take long to reach the commit
        deadline = time.monotonic() + 120
        while not started.exists() and hook.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert started.exists(), hook.stderr.read() if hook.poll() is not None else "no commit yet"
        assert (project / ".git").is_dir()  # caught half-way
        os.killpg(hook.pid, signal.SIGINT)
        hook.communicate(timeout=120)
    finally:
        if hook.poll() is None:  # whatever failed above, leave no process behind
            os.killpg(hook.pid, signal.SIGKILL)
            hook.wait()
    assert hook.returncode != 0
    assert not (project / ".git").exists()
    assert (project / "src" / "demo.py").exists()
