{%- set this_kind = cookiecutter._kinds[cookiecutter._kind] -%}
#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.5.1"]
# ///
"""Every check this project runs, locally and in CI: `uvx nox` runs them all.

CI asks `nox --list --json` which sessions exist and runs each one, so a session added here is
a job in CI with no workflow change. Sessions tagged "all-os" also run on macOS and Windows.
"""

import shutil
{%- if this_kind.image %}
import subprocess
{%- endif %}

import nox

nox.needs_version = ">=2025.5.1"
nox.options.default_venv_backend = "uv"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON_VERSIONS = nox.project.python_versions(PYPROJECT)
# Not the Python running nox: a CI runner's own may be older than `requires-python` allows.
OLDEST_PYTHON = PYTHON_VERSIONS[0]


def install_groups(session: nox.Session, *groups: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session(python=PYTHON_VERSIONS, tags=["all-os"])
def tests(session: nox.Session) -> None:
    """Run the test suite on every supported Python."""
    install_groups(session, "test")
    session.install("-e.")
    session.run("pytest", *session.posargs)


@nox.session(name="tests-oldest-deps", python=OLDEST_PYTHON)
def tests_oldest_deps(session: nox.Session) -> None:
    """Run the test suite with the oldest dependencies pyproject.toml allows.

    The other test sessions get the newest releases; this one keeps the `>=` bounds true.
    """
    session.install("--resolution=lowest-direct", "-e.")
    install_groups(session, "test")
    session.run("pytest", *session.posargs)


@nox.session(python=OLDEST_PYTHON)
def lint(session: nox.Session) -> None:
    """Lint, check formatting, type-check and validate the package metadata."""
    install_groups(session, "lint", "test")
    session.install("-e.")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("validate-pyproject", "pyproject.toml")


@nox.session(python=OLDEST_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation, treating every warning as an error."""
    session.install("-r", "docs/requirements.txt", "-e.")
    session.run("sphinx-build", "-W", "-n", "--keep-going", "docs", "docs/_build/html")


@nox.session(python=OLDEST_PYTHON)
def build(session: nox.Session) -> None:
    """Build the sdist and wheel into dist/ and check them as PyPI would."""
    shutil.rmtree("dist", ignore_errors=True)
    session.install("check-wheel-contents>=0.6", "twine>=6.2")
    session.run("uv", "build", "--out-dir", "dist", external=True)
    session.run("twine", "check", "--strict", "dist/*")  # twine expands the glob itself
    session.run("check-wheel-contents", "dist")
{%- if this_kind.image %}


@nox.session(python=False)
def image(session: nox.Session) -> None:
    """Build the container image from the Dockerfile, as CI does (where Docker runs)."""
    docker = shutil.which("docker")
    if docker is None:
        session.skip("Docker is not installed here: CI builds the image")
    answered = subprocess.run([docker, "info"], capture_output=True, check=False)
    if answered.returncode != 0:
        session.skip("Docker is not running here: CI builds the image")
    session.run("uv", "lock", external=True)  # the image installs what uv.lock pins
    session.run(docker, "build", "--tag", "{{ cookiecutter.project_slug }}", ".", external=True)
{%- endif %}


@nox.session(default=False)
def fix(session: nox.Session) -> None:
    """Fix what can be fixed: format the code, sort imports, apply ruff's safe fixes."""
    install_groups(session, "lint")
    session.run("ruff", "check", "--fix", ".")
    session.run("ruff", "format", ".")


if __name__ == "__main__":
    nox.main()
