"""A team's first week with a project of each kind, step by step as the docs describe it.

Render with copier, install the pre-commit hooks as CONTRIBUTING.md says, run the tests, commit
the lock file, make a first change pasted as a person pastes it, let `uvx nox -s fix` tidy it
up, pass `uvx nox`'s lint, commit, then take two template releases with `copier update`. Every
commit goes through the hooks (their stand-ins: tests/hook_repos.py). After every step the work
tree holds nothing the docs do not mention.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hook_repos import HookRepoShelf, install_hooks
from rendering import KINDS, ROOT, SOURCE, copy_of_collection, git, run, uv

# the pre-commit tests' group: the hooks' environments are built once, on one worker
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pre-commit")]

RELEASES = ("v0.1.0", "v0.2.0", "v0.3.0")
# What each later release changes: a line of the shared .gitignore, which a team rarely edits.
RELEASE_LINES = {"v0.2.0": "# ignored since v0.2.0\n", "v0.3.0": "# ignored since v0.3.0\n"}

# docs/first-project.md's first change, pasted right after the package's last line.
FAREWELL = '''def farewell(name: str) -> str:
    """Return a friendly goodbye for `name`."""
    return f"Goodbye, {name.strip()}!"
'''
FAREWELL_TEST = """from {module} import farewell


def test_says_goodbye_by_name() -> None:
    assert farewell("Ada") == "Goodbye, Ada!"
"""


def commit_all(repo: Path, message: str, **env: str) -> None:
    git(repo, "add", "--all")
    author = ["-c", "user.name=Team", "-c", "user.email=team@example.com"]
    result = run(["git", *author, "commit", "--quiet", "-m", message], cwd=repo, **env)
    assert result.returncode == 0, (
        f"git commit -m {message!r}\n" + result.stdout[-4000:] + result.stderr[-4000:]
    )


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection as a git repository with three releases."""
    repo = copy_of_collection(tmp_path_factory.mktemp("templates") / "templates")
    git(repo, "init", "--quiet")
    for release in RELEASES:
        if release in RELEASE_LINES:
            gitignore = repo / "templates" / "project" / ".gitignore"
            gitignore.write_text(gitignore.read_text("utf-8") + RELEASE_LINES[release], "utf-8")
            subprocess.run([sys.executable, "-m", "templates.assemble"], cwd=repo, check=True)
        commit_all(repo, release)
        git(repo, "tag", release)
    return repo


def status(project: Path) -> list[str]:
    return git(project, "status", "--porcelain", "--untracked-files=all").splitlines()


def step(project: Path, *command: str) -> str:
    result = run(list(command), cwd=project)
    assert result.returncode == 0, f"$ {' '.join(command)}\n" + result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def copier_update(project: Path, release: str) -> str:
    # as docs/updating.md says, pinned to a release so that the test knows which one arrives
    return step(
        project, sys.executable, "-m", "copier", "update", "--trust", "--defaults", f"--vcs-ref={release}"
    )


def troubleshooting_advice(message: str) -> list[str]:
    """The git commands docs/troubleshooting.md gives in the row of `message`."""
    rows = list((ROOT / "docs" / "troubleshooting.md").read_text("utf-8").splitlines())
    (row,) = [line for line in rows if line.startswith(f"| `{message}")]
    what_to_do = row.rstrip(" |").rsplit(" | ", 1)[1]
    return [command for command in re.findall(r"`(git [^`]+)`", what_to_do) if "stash" in command]


@pytest.mark.parametrize("kind", KINDS)
def test_a_teams_first_week(
    template_repo: Path, kind: str, tmp_path: Path, hook_repos: HookRepoShelf, pre_commit_home: Path
) -> None:
    python = SOURCE["python_versions"][0]
    project = tmp_path / "project"
    step(
        tmp_path, sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--vcs-ref=v0.1.0",
        f"--data=kind={kind}", str(template_repo), str(project),
    )  # fmt: skip
    assert status(project) == []
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text("utf-8"))
    install_hooks(project, config, hook_repos, outside=tmp_path)
    hooks = {"PRE_COMMIT_HOME": str(pre_commit_home)}

    # The first `uv run` writes uv.lock, which the docs say to commit.
    step(project, uv(), "run", "--python", python, "pytest", "-q", "-p", "no:cacheprovider")
    assert status(project) == ["?? uv.lock"]
    commit_all(project, "Lock the development dependencies", **hooks)

    module = next(path.name for path in (project / "src").iterdir())
    package = project / "src" / module / "__init__.py"
    package.write_text(package.read_text("utf-8") + FAREWELL, "utf-8")
    (project / "tests" / "test_farewell.py").write_text(FAREWELL_TEST.format(module=module), "utf-8")
    nox = [uv(), "tool", "run", "nox", "--download-python", "never"]
    step(project, *nox, "-s", "fix")
    assert "\n\n\ndef farewell" in package.read_text("utf-8"), "nox -s fix formats the pasted code"
    step(project, *nox, "-s", "lint")
    step(project, uv(), "run", "pytest", "-q", "-p", "no:cacheprovider")
    assert sorted(status(project)) == [f" M src/{module}/__init__.py", "?? tests/test_farewell.py"]
    commit_all(project, "Say goodbye too: farewell()", **hooks)

    for release in RELEASES[1:]:
        copier_update(project, release)
        assert RELEASE_LINES[release] in (project / ".gitignore").read_text("utf-8")
        assert FAREWELL in package.read_text("utf-8")
        assert sorted(status(project)) == [" M .copier-answers.yml", " M .gitignore"]
        step(project, uv(), "run", "pytest", "-q", "-p", "no:cacheprovider")
        commit_all(project, f"Update to the templates' {release}", **hooks)
    assert status(project) == []


@pytest.mark.parametrize("kind", KINDS[:1])
def test_an_update_right_after_the_first_test_run_follows_the_documented_advice(
    template_repo: Path, kind: str, tmp_path: Path
) -> None:
    """uv.lock is untracked until committed; the advice for a dirty tree must cover it."""
    project = tmp_path / "project"
    step(
        tmp_path, sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--vcs-ref=v0.1.0",
        f"--data=kind={kind}", str(template_repo), str(project),
    )  # fmt: skip
    step(project, uv(), "run", "pytest", "-q", "-p", "no:cacheprovider")
    refused = run([sys.executable, "-m", "copier", "update", "--trust", "--defaults"], cwd=project)
    assert refused.returncode != 0
    message = "Destination repository is dirty; cannot continue."
    assert message in refused.stdout + refused.stderr
    stash, pop = troubleshooting_advice(message)
    step(project, *stash.split())
    copier_update(project, RELEASES[-1])
    step(project, *pop.split())
    assert "?? uv.lock" in status(project)
    assert RELEASE_LINES[RELEASES[-1]] in (project / ".gitignore").read_text("utf-8")
