#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.5.1"]
# ///
"""The collection's own checks. `uvx nox` is the quick loop: lint, the render and answer checks,
the docs. `uvx nox -s slow` runs the rest, the generated projects as their users run them, in
one pytest run; CI splits it into a session per kind. README.md names both; .ci/run runs both.

CI builds its job matrix from `nox --list --json`, with the same workflow file every generated
project has (.github/workflows/ci.yml): on GitHub's runners every session is a default, so the
slow ones become parallel jobs, and `portable` (tagged all-os) a job on each system.
"""

import os
from pathlib import Path

import nox

nox.needs_version = ">=2025.5.1"
nox.options.default_venv_backend = "uv"

PYPROJECT = nox.project.load_toml("pyproject.toml")
# Where docs/cog_helpers.py and tests/mutations.py import from: the collection's packages and
# the tests' helpers.
COG_PATH = os.pathsep.join([".", "tests"])
# The collection's own code; the templates' code is checked in the projects they render.
PYTHON_CODE = [
    "benchmarks",
    "collection",
    "docs",
    "hooks",
    "templates/assemble.py",
    "templates/add_kind.py",
    "templates/release.py",
    "tests",
    "noxfile.py",
]
# The kinds, each a slow session of its own; "none" is the slow tests of no one kind.
KINDS = list(nox.project.load_toml("templates/questions.toml")["kinds"])
# On GitHub's runners the listing is CI's job matrix, which should hold every session.
ON_GITHUB = os.environ.get("GITHUB_ACTIONS") == "true"
GITHUB_FILES = {
    "vendor.github-workflows": sorted(str(path) for path in Path(".github/workflows").glob("*.yml")),
    "vendor.dependabot": [".github/dependabot.yml"],
    "vendor.readthedocs": [".readthedocs.yaml"],
}


def install_groups(session: nox.Session, *groups: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session(default=False)
def assemble(session: nox.Session) -> None:
    """Rebuild the template directories and copier.yml from templates/ (then commit them)."""
    install_groups(session, "assemble")
    session.run("python", "-m", "templates.assemble")


@nox.session(name="add-kind", default=False)
def add_kind(session: nox.Session) -> None:
    """Start a new kind as a copy of another: `-- NAME --like KIND` (docs/maintainers.md)."""
    install_groups(session, "assemble")
    session.run("python", "-m", "templates.add_kind", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Lint the collection's code and GitHub files; check that the assembled templates are current."""
    install_groups(session, "lint", "assemble")
    session.run("ruff", "check", *PYTHON_CODE)
    session.run("ruff", "format", "--check", *PYTHON_CODE)
    session.run("python", "-m", "templates.assemble", "--check")
    # `uv run pytest` at the root uses uv.lock: it must follow pyproject.toml's groups
    session.run("uv", "lock", "--check", external=True)
    session.run("zizmor", ".github")
    # the schemas GitHub and Read the Docs publish, as vendored by check-jsonschema (no network)
    for schema, files in GITHUB_FILES.items():
        session.run("check-jsonschema", "--builtin-schema", schema, *files)


@nox.session
def tests(session: nox.Session) -> None:
    """Render every template with both engines and check the projects they make."""
    install_groups(session, "test")
    session.run("pytest", "-m", "not slow", *session.posargs)


@nox.session(default=False)
def slow(session: nox.Session) -> None:
    """Run the projects where users run them, every kind at once: what the slow-KIND sessions do."""
    install_groups(session, "test")
    session.run("pytest", "-m", "slow", *session.posargs)


def slow_session(kind: str) -> None:
    def slow(session: nox.Session) -> None:
        install_groups(session, "test")
        session.run("pytest", "-m", "slow", f"--kind={kind}", *session.posargs)

    slow.__doc__ = (
        f"Run the {kind} projects where users run them: each CI job, the pre-commit hooks, a first week, updates."
        if kind != "none"
        else "Run the slow checks of no one kind: adopting legacy projects, updates, a new kind, a page's walk."
    )
    nox.session(name=f"slow-{kind}", default=ON_GITHUB, tags=["slow"])(slow)


for kind in [*KINDS, "none"]:
    slow_session(kind)


@nox.session(default=ON_GITHUB, tags=["all-os"])
def portable(session: nox.Session) -> None:
    """Render every kind with both engines and run each project's own tests, on each system."""
    install_groups(session, "test")
    session.run("pytest", "-m", "portable", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation, warnings as errors; `-- cog` first rewrites its generated parts."""
    if "cog" in session.posargs:
        install_groups(session, "test")  # cog renders the templates, as the tests do
        session.run("python", "docs/cog_helpers.py", env={"PYTHONPATH": COG_PATH})
    install_groups(session, "docs")
    session.run("sphinx-build", "-W", "-n", "--keep-going", "docs", "docs/_build/html")


@nox.session(default=False)
def mutations(session: nox.Session) -> None:
    """Bring back each defect the suite is known to catch (tests/mutations.toml); the suite must fail."""
    install_groups(session, "test")
    session.run("python", "tests/mutations.py", *session.posargs, env={"PYTHONPATH": COG_PATH})


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Time renders, time to green, CLI start-up and memory; `-- --suite` adds this test suite."""
    install_groups(session, "bench")
    # as on a user's machine, where Python caches bytecode (CI machines may turn that off)
    session.run("python", "benchmarks/bench.py", *session.posargs, env={"PYTHONDONTWRITEBYTECODE": ""})


@nox.session(default=False)
def release(session: nox.Session) -> None:
    """Release the collection: `-- minor` (or patch, major, X.Y.Z) dates [Unreleased], commits, tags."""
    session.run("python", "-m", "templates.release", *session.posargs)


if __name__ == "__main__":
    nox.main()
