"""Existing repositories, as teams keep them, for tests/test_adopt.py to adopt.

Each is a git history of a few commits, written file by file, and what adopting it must keep:
its [project] metadata as pyproject.toml must state it afterwards, a moved module whose history
must follow, and what the report must list. Their dependencies are small pure-Python packages
on PyPI, so that `uv run pytest` installs them quickly.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rendering import git

Commit = dict[str, str]  # path: content


@dataclass(frozen=True)
class Legacy:
    name: str
    kind: str
    commits: tuple[Commit, ...]
    project: dict[str, Any]  # [project] values the adopted pyproject.toml must have
    version: dict[str, str]  # [tool.hatch.version] it must have; {} for a static version
    installed_version: str  # what the installed distribution says
    moved: tuple[str, str] = ("", "")  # a module of the package, before and after: its folder moves
    test_requirements: tuple[str, ...] = ()  # in the test dependency group afterwards
    report: dict[str, tuple[str, ...]] = field(default_factory=dict)  # section: text each lists
    command: tuple[str, ...] = ()  # run with `uv run`, with what it prints
    prints: str = ""


SETUPTOOLS_BUILD = (
    '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
)


def build(legacy: Legacy, where: Path) -> Path:
    """The repository, one commit per step of its history."""
    where.mkdir(parents=True)
    git(where, "init", "--quiet", "--initial-branch=main")
    for number, commit in enumerate(legacy.commits, 1):
        for path, text in commit.items():
            (where / path).parent.mkdir(parents=True, exist_ok=True)
            (where / path).write_text(text, "utf-8")
        git(where, "add", "--all")
        git(
            where,
            "-c",
            "user.name=Team",
            "-c",
            "user.email=team@example.com",
            "commit",
            "--quiet",
            "-m",
            f"Step {number}",
        )
    return where


# --- A flat setuptools library with its metadata in pyproject.toml -----------------------------

SETUPTOOLS_FLAT = Legacy(
    name="setuptools-flat",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [build-system]
                requires = ["setuptools>=61"]
                build-backend = "setuptools.build_meta"

                [project]
                name = "old-project"
                dynamic = ["version"]
                description = "Greets people, the way it always has."
                readme = "README.md"
                license = {text = "MIT"}
                authors = [{name = "Ada Lovelace", email = "ada@example.com"}, {name = "Charles Babbage"}]
                requires-python = ">=3.8"
                keywords = ["greeting", "legacy"]
                classifiers = ["Development Status :: 5 - Production/Stable", "Topic :: Utilities"]
                dependencies = ["packaging>=21,<26"]

                [project.optional-dependencies]
                fast = ["attrs>=22"]

                [project.scripts]
                old-greet = "old_project.cli:main"

                [project.urls]
                Homepage = "https://github.com/acme/old-project"
                "Bug Tracker" = "https://github.com/acme/old-project/issues"

                [tool.setuptools.dynamic]
                version = {attr = "old_project.__version__"}

                [tool.setuptools.packages.find]
                include = ["old_project*"]

                [tool.black]
                line-length = 100
                """),
            "old_project/__init__.py": textwrap.dedent('''\
                """Greetings, the old way."""

                from old_project.greetings import greet

                __version__ = "1.4.2"
                '''),
            "old_project/greetings.py": textwrap.dedent("""\
                def greet(name):
                    return "Hello, %s!" % name
                """),
            "tests/test_greetings.py": textwrap.dedent("""\
                from old_project import greet


                def test_greets():
                    assert greet("Ada") == "Hello, Ada!"
                """),
            "README.md": "# old-project\n\nGreets people.\n",
            "LICENSE": "MIT License\n\nCopyright (c) Ada Lovelace\n",
            ".gitignore": "__pycache__/\n*.egg-info/\n/scratch/\n",
        },
        {
            "old_project/greetings.py": textwrap.dedent("""\
                import packaging.version


                def greet(name, punctuation="!"):
                    return "Hello, %s!" % name.strip()


                def newest(*versions, strict=False):  # noqa: ARG001 - callers still pass it
                    return str(max(map(packaging.version.Version, versions)))
                """),
            "old_project/cli.py": textwrap.dedent("""\
                import sys

                from old_project import greet


                def main():
                    print(greet(sys.argv[1]))
                """),
            "tests/test_greetings.py": textwrap.dedent("""\
                from old_project import greet
                from old_project.greetings import newest


                def test_greets():
                    assert greet(" Ada ") == "Hello, Ada!"


                def test_newest():
                    # as the team writes strings, not as ruff formats them
                    assert newest('1.10', '1.9') == '1.10'
                """),
        },
    ),
    project={
        "name": "old-project",
        "description": "Greets people, the way it always has.",
        "readme": "README.md",
        "license": "MIT",
        "license-files": ["LICENSE"],
        "authors": [{"name": "Ada Lovelace", "email": "ada@example.com"}, {"name": "Charles Babbage"}],
        "keywords": ["greeting", "legacy"],
        "dependencies": ["packaging>=21,<26"],
        "optional-dependencies": {"fast": ["attrs>=22"]},
        "scripts": {"old-greet": "old_project.cli:main"},
        "dynamic": ["version"],
    },
    version={"path": "src/old_project/__init__.py"},
    installed_version="1.4.2",
    moved=("old_project/greetings.py", "src/old_project/greetings.py"),
    report={
        "Moved": ("`old_project/` → `src/old_project/`",),
        "Kept": ("`[tool.black]`", "`tests/`", "`old-greet`"),
        "Left out of the template": ("`src/old_project/greetings.py`", "`tests/test_greetings.py`"),
    },
    command=("old-greet", "Ada"),
    prints="Hello, Ada!\n",
)

# --- setup.py, setup.cfg, requirements.txt and tox.ini ------------------------------------------

SETUP_PY_CFG = Legacy(
    name="setup-py-cfg",
    kind="python-lib",
    commits=(
        {
            "setup.py": textwrap.dedent("""\
                from setuptools import setup

                with open("requirements.txt") as requirements:
                    install_requires = requirements.read().splitlines()

                setup(
                    install_requires=install_requires,
                    entry_points={"console_scripts": ["legacy-count = legacy_count.cli:main"]},
                )
                """),
            "setup.cfg": textwrap.dedent("""\
                [metadata]
                name = legacy-count
                version = attr: legacy_count.__version__
                description = Counts words in files
                long_description = file: README.rst
                author = Grace Hopper
                author_email = grace@example.com
                license = BSD-3-Clause
                url = https://github.com/navy/legacy-count
                classifiers =
                    Programming Language :: Python :: 3
                    Topic :: Text Processing

                [options]
                packages = find:
                python_requires = >=3.7

                [options.extras_require]
                yaml = pyyaml>=6

                [flake8]
                max-line-length = 100
                """),
            "requirements.txt": "click>=8.1,<9  # the command line\n",
            "requirements-dev.txt": "-r requirements.txt\npytest>=7\npytest-mock>=3.10\n",
            "tox.ini": "[tox]\nenvlist = py37\n"
            "\n[testenv]\ndeps = -rrequirements-dev.txt\ncommands = pytest\n",
            "Makefile": "test:\n\tpytest\n",
            ".travis.yml": "language: python\nscript: tox\n",
            "legacy_count/__init__.py": textwrap.dedent('''\
                """legacy-count: counts the words of files.

                The command is `legacy-count PATH`; the counting itself is
                `legacy_count.counting.words`, which the command calls and which other
                programs may call too. Nothing here reads files at import time.
                """

                __version__ = "0.9.1"
                __all__ = ["__version__"]
                '''),
            "legacy_count/counting.py": "def words(text):\n    return len(text.split())\n",
            "tests/test_counting.py": textwrap.dedent("""\
                from legacy_count.counting import words


                def test_words():
                    assert words("a b  c") == 3
                """),
            "README.rst": "legacy-count\n============\n\nCounts words.\n",
        },
        {
            "legacy_count/cli.py": textwrap.dedent("""\
                import click

                from legacy_count.counting import words


                @click.command()
                @click.argument("path")
                def main(path):
                    with open(path) as file:
                        click.echo(words(file.read()))
                """),
            "tests/test_cli.py": textwrap.dedent("""\
                from click.testing import CliRunner

                from legacy_count import cli


                def test_counts(tmp_path):
                    (tmp_path / "a.txt").write_text("one two")
                    assert CliRunner().invoke(cli.main, [str(tmp_path / "a.txt")]).output == "2\\n"


                def test_counting_is_called(mocker, tmp_path):
                    counted = mocker.patch.object(cli, "words", return_value=7)
                    (tmp_path / "a.txt").write_text("x")
                    assert CliRunner().invoke(cli.main, [str(tmp_path / "a.txt")]).output == "7\\n"
                    counted.assert_called_once_with("x")
                """),
        },
    ),
    project={
        "name": "legacy-count",
        "description": "Counts words in files",
        "readme": "README.rst",
        "license": "BSD-3-Clause",
        "authors": [{"name": "Grace Hopper", "email": "grace@example.com"}],
        "dependencies": ["click>=8.1,<9"],
        "optional-dependencies": {"yaml": ["pyyaml>=6"]},
        "scripts": {"legacy-count": "legacy_count.cli:main"},
        "urls": {
            "Homepage": "https://github.com/navy/legacy-count",
            "Documentation": "https://legacy-count.readthedocs.io",
            "Changelog": "https://github.com/navy/legacy-count/blob/main/CHANGELOG.md",
            "Issues": "https://github.com/navy/legacy-count/issues",
        },
    },
    version={"path": "src/legacy_count/__init__.py"},
    installed_version="0.9.1",
    moved=("legacy_count/counting.py", "src/legacy_count/counting.py"),
    test_requirements=("pytest-mock>=3.10",),
    report={
        "Moved": ("`legacy_count/` → `src/legacy_count/`",),
        "Replaced": ("`setup.py`: removed", "`src/legacy_count/__init__.py`: its logger has a NullHandler"),
        "Added from the template": ("`tests/test_package.py`",),
        "For a person to decide": (
            "`tox.ini`",
            "`Makefile`",
            "`.travis.yml`",
            "`setup.cfg`",
            "`requirements.txt`",
            "setup.py's install_requires",
        ),
    },
    command=("legacy-count", "README.rst"),
    prints="4\n",
)

# --- poetry, with a console script ---------------------------------------------------------------

POETRY_APP = Legacy(
    name="poetry-app",
    kind="click-app",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [tool.poetry]
                name = "ticket-tool"
                version = "2.3.0"
                description = "Opens and closes tickets"
                authors = ["Alan Turing <alan@example.com>"]
                license = "Apache-2.0"
                readme = "README.md"
                packages = [{include = "ticket_tool"}]

                [tool.poetry.dependencies]
                python = "^3.9"
                click = "^8.1"
                packaging = {version = ">=23", optional = true}
                importlib-metadata = {version = ">=4", python = "<3.10"}  # a backport for old Pythons

                [tool.poetry.extras]
                strict = ["packaging"]

                [tool.poetry.scripts]
                ticket = "ticket_tool.cli:main"

                [tool.poetry.group.dev.dependencies]
                pytest = "^7.4"
                mypy = "^0.982"  # caret bounds, as poetry wrote them: the template's newer mypy wins

                [build-system]
                requires = ["poetry-core>=1.0.0"]
                build-backend = "poetry.core.masonry.api"
                """),
            "ticket_tool/__init__.py": "",
            "ticket_tool/cli.py": textwrap.dedent('''\
                import click


                @click.group()
                def main():
                    """Tickets."""


                @main.command("open")
                @click.argument("title")
                def open_ticket(title):
                    click.echo(f"Opened: {title}")
                '''),
            "tests/test_cli.py": textwrap.dedent("""\
                from click.testing import CliRunner

                from ticket_tool.cli import main


                def test_opens():
                    assert CliRunner().invoke(main, ["open", "Printer"]).output == "Opened: Printer\\n"
                """),
            "README.md": "# ticket-tool\n",
            "LICENSE": "Apache License, Version 2.0\n",
            "poetry.lock": "# a lock file\n",
        },
        {
            "ticket_tool/cli.py": textwrap.dedent('''\
                import click


                @click.group()
                def main():
                    """Tickets."""


                @main.command("open")
                @click.argument("title")
                def open_ticket(title):
                    click.echo(f"Opened: {title}")


                @main.command("close")
                @click.argument("number", type=int)
                def close_ticket(number):
                    click.echo(f"Closed: #{number}")
                '''),
            "tests/test_cli.py": textwrap.dedent("""\
                from click.testing import CliRunner

                from ticket_tool.cli import main


                def test_opens():
                    assert CliRunner().invoke(main, ["open", "Printer"]).output == "Opened: Printer\\n"


                def test_closes():
                    assert CliRunner().invoke(main, ["close", "7"]).output == "Closed: #7\\n"
                """),
        },
    ),
    project={
        "name": "ticket-tool",
        "version": "2.3.0",
        "description": "Opens and closes tickets",
        "license": "Apache-2.0",
        "authors": [{"name": "Alan Turing", "email": "alan@example.com"}],
        "dependencies": ["click>=8.1,<9.0", 'importlib-metadata>=4; python_version < "3.10"'],
        "optional-dependencies": {"strict": ["packaging>=23"]},
        "scripts": {"ticket": "ticket_tool.cli:main"},
    },
    version={},
    installed_version="2.3.0",
    moved=("ticket_tool/cli.py", "src/ticket_tool/cli.py"),
    report={
        "Moved": ("`ticket_tool/` → `src/ticket_tool/`",),
        "Replaced": (
            "`[tool.poetry]`",
            "`mypy>=0.982,<0.983` → `mypy>=1.18` (the template's, in its `lint` group)",
            "`pytest>=7.4,<8.0` → `pytest>=8.4` (the template's, in its `test` group)",
            "`docs/index.md`: the template's, its table of contents without the pages left out above",
            "`docs/conf.py`: the template's, with the version of the installed distribution",
        ),
        "Left out of the template": ("`src/ticket_tool/counting.py`", "`docs/cli.md`", "`docs/usage.md`"),
        "For a person to decide": ("`poetry.lock`",),
    },
    command=("ticket", "close", "12"),
    prints="Closed: #12\n",
)

# --- A src-layout hatch project: a pytest plugin -------------------------------------------------

HATCH_PLUGIN = Legacy(
    name="hatch-plugin",
    kind="pytest-plugin",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [build-system]
                requires = ["hatchling"]
                build-backend = "hatchling.build"

                [project]
                name = "pytest-snail"
                dynamic = ["version"]
                description = "Slows down tests, on purpose"
                readme = "README.md"
                license = "MIT"
                authors = [{name = "Edsger Dijkstra", email = "edsger@example.com"}]
                requires-python = ">=3.10"
                classifiers = ["Framework :: Pytest"]
                dependencies = ["pytest>=7.0"]

                [project.entry-points.pytest11]
                snail = "pytest_snail.plugin"

                [project.urls]
                Source = "https://github.com/slow/pytest-snail"

                [tool.hatch.version]
                path = "src/pytest_snail/__init__.py"

                [tool.pytest.ini_options]
                addopts = "-p pytester"

                [tool.coverage.run]
                branch = true
                """),
            "src/pytest_snail/__init__.py": '__version__ = "0.5.0"\n',
            "src/pytest_snail/plugin.py": textwrap.dedent("""\
                import pytest


                def pytest_addoption(parser):
                    parser.addoption("--snail-pace", type=int, default=1, help="How slow.")


                @pytest.fixture
                def snail_pace(request):
                    return request.config.getoption("--snail-pace")
                """),
            "tests/conftest.py": 'pytest_plugins = ["pytester"]\n',
            "tests/test_plugin.py": textwrap.dedent("""\
                def test_the_fixture_reads_the_option(pytester):
                    pytester.makepyfile("def test_pace(snail_pace):\\n    assert snail_pace == 3\\n")
                    pytester.runpytest("--snail-pace=3").assert_outcomes(passed=1)
                """),
            "README.md": "# pytest-snail\n",
            "LICENSE": "MIT License\n",
            "mkdocs.yml": "site_name: pytest-snail\n",
            "docs/index.md": "# pytest-snail\n\nSlow tests.\n",
            ".github/workflows/tests.yml": "on: push\njobs: {}\n",
        },
        {
            "tests/test_plugin.py": textwrap.dedent("""\
                def test_the_fixture_reads_the_option(pytester):
                    pytester.makepyfile("def test_pace(snail_pace):\\n    assert snail_pace == 3\\n")
                    pytester.runpytest("--snail-pace=3").assert_outcomes(passed=1)


                def test_the_pace_is_one_by_default(pytester):
                    pytester.makepyfile("def test_pace(snail_pace):\\n    assert snail_pace == 1\\n")
                    pytester.runpytest().assert_outcomes(passed=1)
                """),
        },
    ),
    project={
        "name": "pytest-snail",
        "description": "Slows down tests, on purpose",
        "license": "MIT",
        "authors": [{"name": "Edsger Dijkstra", "email": "edsger@example.com"}],
        "dependencies": ["pytest>=7.0"],
        "entry-points": {"pytest11": {"snail": "pytest_snail.plugin"}},
        "dynamic": ["version"],
    },
    version={"path": "src/pytest_snail/__init__.py"},
    installed_version="0.5.0",
    moved=("src/pytest_snail/plugin.py", "src/pytest_snail/plugin.py"),
    report={
        "Kept": (
            "`docs/`",
            "`[tool.coverage]`",
            "`pytest11: snail`",
            "pytest settings of the project's own, from pyproject.toml (`addopts`)",
        ),
        "Left out of the template": ("`src/pytest_snail/plugin.py`", "`docs/reference.md`"),
        "For a person to decide": ("`mkdocs.yml`", "`.github/workflows/tests.yml`"),
    },
    command=(
        "python",
        "-c",
        "import importlib.metadata as m; print(m.entry_points(group='pytest11')['snail'].value)",
    ),
    prints="pytest_snail.plugin\n",
)

# --- A flit project with its tox settings in pyproject.toml ---------------------------------------

# Arrays of arrays, inline tables and comments, as tox 4 writes its settings in pyproject.toml:
# the adopted file must hold them as they were.
FLIT_TOX_SETTINGS = textwrap.dedent("""\
    [tool.tox]
    # one environment per supported Python
    env_list = ["3.11", "3.12"]

    [tool.tox.env_run_base]
    deps = ["pytest>=8"]
    commands = [
        ["pytest", { replace = "posargs", extend = true }],
        ["python", "-m", "inchworm", "--check"]
    ]
    """)

FLIT_TOX = Legacy(
    name="flit-tox",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [build-system]
                requires = ["flit_core>=3.4,<4"]
                build-backend = "flit_core.buildapi"

                [project]
                name = "inchworm"
                dynamic = ["version"]
                description = "Measures things one step at a time"
                readme = "README.md"
                license = {file = "LICENSE"}
                authors = [{name = "Grace Hopper", email = "grace@example.com"}]
                requires-python = ">=3.9"

                [tool.flit.sdist]
                include = ["tests/"]

                """)
            + FLIT_TOX_SETTINGS,
            "src/inchworm/__init__.py": textwrap.dedent('''\
                """Measures things one step at a time."""

                __version__ = "2.1.0"


                def steps(length, stride=1):
                    return -(-length // stride)
                '''),
            "src/inchworm/__main__.py": "import sys\n\nsys.exit(0)\n",
            # a noxfile of its own, with sessions the template's has too
            "noxfile.py": textwrap.dedent("""\
                import nox


                @nox.session
                def tests(session):
                    session.install(".", "pytest")
                    session.run("pytest")


                @nox.session
                def check(session):
                    session.run("python", "-m", "inchworm", "--check")
                """),
            "tests/test_steps.py": textwrap.dedent("""\
                from inchworm import steps


                def test_a_partial_step_counts():
                    assert steps(5, stride=2) == 3
                """),
            "README.md": "# inchworm\n",
            "LICENSE": "MIT License\n",
        },
    ),
    project={
        "name": "inchworm",
        "description": "Measures things one step at a time",
        "authors": [{"name": "Grace Hopper", "email": "grace@example.com"}],
        "dynamic": ["version"],
    },
    version={"path": "src/inchworm/__init__.py"},
    installed_version="2.1.0",
    moved=("src/inchworm/__init__.py", "src/inchworm/__init__.py"),
    report={
        "Kept": ("`[tool.tox]`",),
        "Replaced": ("`noxfile.py`: the template's", "the project's own moved to `old_noxfile.py`"),
        "For a person to decide": ("`old_noxfile.py`: the project's own noxfile",),
    },
    command=("python", "-c", "import inchworm; print(inchworm.steps(7, 2))"),
    prints="4\n",
)

# --- Tests that pass under the team's pytest settings and not under the template's ---------------

# Four tests that leave a file open (a ResourceWarning each, an error under the template's
# filterwarnings = ["error"]), and a marker of the team's own, which --strict-markers requires.
WARNED_TEST = """\


def test_{name}():
    assert open(DATA / "{name}.txt").read() == "{name}\\n"
"""

LOOSE_FILES = Legacy(
    name="loose-files",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": SETUPTOOLS_BUILD
            + textwrap.dedent("""\
                [project]
                name = "tally-sheet"
                version = "1.4.0"
                description = "Counts lines in sheets"

                [tool.pytest.ini_options]
                # the slow ones read every sheet
                markers = ["slow: reads every sheet"]
                """),
            "tally_sheet/__init__.py": "def tally(text):\n    return len(text.splitlines())\n",
            "tests/sheets/one.txt": "one\n",
            "tests/sheets/two.txt": "two\n",
            "tests/sheets/three.txt": "three\n",
            "tests/sheets/four.txt": "four\n",
            "tests/test_sheets.py": 'from pathlib import Path\n\nDATA = Path(__file__).parent / "sheets"\n'
            + "".join(WARNED_TEST.format(name=name) for name in ("one", "two", "three", "four")),
            "tests/test_tally.py": textwrap.dedent("""\
                import pytest

                from tally_sheet import tally


                @pytest.mark.slow
                def test_tally():
                    assert tally("a\\nb\\n") == 2
                """),
        },
    ),
    project={"name": "tally-sheet", "version": "1.4.0"},
    version={},
    installed_version="1.4.0",
    moved=("tally_sheet/__init__.py", "src/tally_sheet/__init__.py"),
    report={
        "Kept": ("pytest settings of the project's own, from pyproject.toml (`markers`)",),
        "For a person to decide": (
            "`[tool.pytest.ini_options] filterwarnings`: the project's own (none), not the template's",
            "4 of the project's tests that passed before fail (`tests/test_sheets.py::test_one`",
        ),
    },
    command=("python", "-c", "import tally_sheet; print(tally_sheet.tally('x'))"),
    prints="1\n",
)

# --- A pytest.ini, which pytest reads instead of pyproject.toml, running the modules' doctests ---

PYTEST_INI = Legacy(
    name="pytest-ini",
    kind="python-lib",
    commits=(
        {
            "setup.cfg": textwrap.dedent("""\
                [metadata]
                name = stepwise
                version = 0.3.0
                description = Walks a path one step at a time

                [options]
                packages = find:
                """),
            "setup.py": "from setuptools import setup\n\nsetup()\n",
            # norecursedirs of its own: without ".*" in it, pytest walks into .github too
            "pytest.ini": textwrap.dedent("""\
                [pytest]
                norecursedirs = dist build .tox
                addopts = --doctest-modules
                markers =
                    network: needs the network
                """),
            "stepwise/__init__.py": textwrap.dedent('''\
                def step(path):
                    """The first step of a path.

                    >>> step("a/b")
                    'a'
                    """
                    return path.split("/")[0]
                '''),
            "tests/test_step.py": textwrap.dedent("""\
                import pytest

                from stepwise import step


                @pytest.mark.network
                def test_step():
                    assert step("x/y") == "x"
                """),
        },
    ),
    project={"name": "stepwise", "version": "0.3.0"},
    version={},
    installed_version="0.3.0",
    moved=("stepwise/__init__.py", "src/stepwise/__init__.py"),
    report={
        "Replaced": ("`pytest.ini`: removed, its settings are in [tool.pytest.ini_options] now",),
        "Kept": (
            "pytest settings of the project's own, from pytest.ini (`norecursedirs`, `addopts`, `markers`)",
        ),
    },
    command=("python", "-c", "import stepwise; print(stepwise.step('p/q'))"),
    prints="p\n",
)

ALL = (SETUPTOOLS_FLAT, SETUP_PY_CFG, POETRY_APP, HATCH_PLUGIN, FLIT_TOX, LOOSE_FILES, PYTEST_INI)

# --- A hatch-vcs project that keeps local versions out, and writes its version in a file ---------

# Adopted in-process only (test_adopt.py): what it checks is the pyproject.toml it gets.
HATCH_VCS = Legacy(
    name="hatch-vcs",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [build-system]
                requires = ["hatchling", "hatch-vcs"]
                build-backend = "hatchling.build"

                [project]
                name = "tidemark"
                dynamic = ["version"]
                description = "Marks the tide"

                [tool.hatch]
                # PyPI refuses local versions (+g<hash>)
                version.source = "vcs"
                version.raw-options.local_scheme = "no-local-version"
                build.hooks.vcs.version-file = "src/tidemark/_version.py"
                """),
            "src/tidemark/__init__.py": "from tidemark._version import __version__\n",
            "tests/test_tidemark.py": "import tidemark\n\n\ndef test_version():\n    assert tidemark.__version__\n",
            ".gitignore": "src/tidemark/_version.py\n",
        },
    ),
    project={"name": "tidemark", "dynamic": ["version"]},
    version={"source": "vcs", "raw-options": {"local_scheme": "no-local-version"}},
    installed_version="0.1.dev1",
)

# --- A project with a test that already fails, and one that reads files by their old path -------

KNOWN_FAILURES = Legacy(
    name="known-failures",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [build-system]
                requires = ["setuptools>=61"]
                build-backend = "setuptools.build_meta"

                [project]
                name = "shaky"
                version = "0.1.0"

                # what tests/test_data.py needs is in this extra only: the run before adopting installs it
                [project.optional-dependencies]
                test = ["six>=1.16"]
                """),
            "shaky/__init__.py": "def half(number):\n    return number // 2\n",
            "shaky/data.txt": "42\n",
            "tests/test_shaky.py": textwrap.dedent("""\
                from shaky import half


                def test_half():
                    assert half(4) == 2


                def test_half_of_an_odd_number():
                    assert half(3) == 1.5, "a known bug"
                """),
        },
        {
            "tests/test_data.py": textwrap.dedent("""\
                from pathlib import Path

                import six


                def test_reads_its_data():
                    assert six.ensure_str(Path("shaky/data.txt").read_bytes()) == "42\\n"
                """),
        },
    ),
    project={"name": "shaky", "version": "0.1.0"},
    version={},
    installed_version="0.1.0",
)

# --- A poetry project whose version a plugin reads from the package, and an author with no name ---

# Adopted in-process only (test_adopt.py), as HATCH_VCS is.
POETRY_VERSION_PLUGIN = Legacy(
    name="poetry-version-plugin",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [tool.poetry]
                name = "low-water"
                version = "0"  # poetry-version-plugin reads the real one
                description = "Knows when the tide is out"
                authors = ["<harbour@example.com>"]

                [tool.poetry.dependencies]
                python = "^3.9"

                [tool.poetry-version-plugin]
                source = "init"

                [build-system]
                requires = ["poetry-core>=1.0.0"]
                build-backend = "poetry.core.masonry.api"
                """),
            "low_water/__init__.py": '__version__ = "3.2.1"\n',
            "tests/test_low_water.py": "import low_water\n\n\ndef test_version():\n    assert low_water.__version__\n",
        },
    ),
    project={"name": "low-water", "dynamic": ["version"], "authors": [{"email": "harbour@example.com"}]},
    version={"path": "src/low_water/__init__.py"},
    installed_version="3.2.1",
)

# --- A setup.py that computes an extra and its entry points when it runs --------------------------

# Adopted in-process only (test_adopt.py): its build backend gives what no file states, so the
# identity check must name what the adoption could not carry over.
SETUP_PY_COMPUTED = Legacy(
    name="setup-py-computed",
    kind="python-lib",
    commits=(
        {
            "setup.py": textwrap.dedent("""\
                from setuptools import setup

                EXTRAS = {"yaml": ["pyyaml>=6"], "toml": ["tomli>=2"]}
                EXTRAS["all"] = sorted({req for reqs in EXTRAS.values() for req in reqs})
                TOOLS = ["fold", "unfold"]

                setup(
                    name="paper-fold",
                    version="1.0.0",
                    packages=["paper_fold"],
                    extras_require=EXTRAS,
                    entry_points={"paper_fold.tools": [f"{tool} = paper_fold:{tool}" for tool in TOOLS]},
                )
                """),
            "paper_fold/__init__.py": "def fold():\n    return 'folded'\n\n\ndef unfold():\n    return 'flat'\n",
            "tests/test_paper_fold.py": "from paper_fold import fold\n\n\ndef test_fold():\n    assert fold()\n",
        },
    ),
    project={"name": "paper-fold", "version": "1.0.0"},
    version={},
    installed_version="1.0.0",
)

# --- A build requirement the index does not have: the backend cannot build it ---------------------

# Adopted in-process only (test_adopt.py): the identity check falls back to the project's files.
UNBUILDABLE = Legacy(
    name="unbuildable",
    kind="python-lib",
    commits=(
        {
            "pyproject.toml": textwrap.dedent("""\
                [build-system]
                # an in-house plugin from a private index (a name no public index has)
                requires = ["setuptools>=61", "acme-internal-build-plugin-0f3c9"]
                build-backend = "setuptools.build_meta"

                [project]
                name = "quay-side"
                version = "2.0.1"
                dependencies = ["attrs>=22"]

                [project.scripts]
                quay = "quay_side:main"
                """),
            "quay_side/__init__.py": "def main():\n    print('moored')\n",
            "tests/test_quay_side.py": "import quay_side\n\n\ndef test_main():\n    assert quay_side.main\n",
        },
    ),
    project={"name": "quay-side", "version": "2.0.1", "scripts": {"quay": "quay_side:main"}},
    version={},
    installed_version="2.0.1",
)
