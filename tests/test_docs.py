"""The documentation: every command it shows works, and what it says about the code is current.

Commands (docs/maintainers.md says the same for maintainers). A ```console block of docs/*.md
is a terminal session: a line starting with `$ ` is a command, the lines under it its output,
shown for the reader and not compared. The commands of a page run in order, in bash, in a new
folder with a home folder of its own, as a reader would type them:

- a command must succeed, unless its output ends with pytest's summary of a failure: then it
  must fail, and for the reason shown, each `E ` line shown being in its output (`...` in a
  line stands for text left out);
- an output line ending in `(DEFAULT): ANSWER` (or `(DEFAULT):`) is a question the command asks:
  the test types ANSWER (or Enter) and checks that the command asks that question, in order;
- a ```{code-block} captioned `PATH (a new file)`, `PATH (add at the end)` or
  `PATH (add under the line with TEXT)` is an edit the reader makes, and the test makes it
  (under the line, after a blank line, unless the text goes on the line's table or body);
- GitHub is a folder of local repositories, through git's `url.<base>.insteadOf`: ORG/templates
  is this collection as it is in the work tree, tagged with each release of its changelog (before
  the first, with the one pyproject.toml names); any
  other repository is empty, or holds a README where the page clones it. `gh:` addresses, which
  the engines turn into https://github.com/ ones, land there too; ORG, YOUR-NAME and X.Y.Z are
  run as they are. GitHub's API, for a page that runs `templates fleet`, is tests/fake_github.py's
  fake, with an organisation ORG of 30 repositories. The only other stand-ins are in STAND_INS.

Generated parts: the pages' cog blocks must print what is on the page (docs/cog_helpers.py).
Messages: every message the collection's code prints is explained in docs/troubleshooting.md.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cog_helpers  # docs/ is on pytest's pythonpath
import pytest
import yaml
from fake_github import TOKEN, FakeGitHub, organisation, serve
from rendering import KINDS, ROOT, SOURCE, Bakery, clean_environment, copy_of_collection, git, run

DOCS = ROOT / "docs"

PAGES = sorted(DOCS.glob("*.md"))

# Commands that need more than PyPI, and what runs in their place.
STAND_INS = {
    # uv's installers download uv from GitHub; the machine running the tests has uv already
    "curl -LsSf https://astral.sh/uv/install.sh | sh": "uv --version",
    'powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"': "uv --version",
}


# --- Reading the pages --------------------------------------------------------------------------


@dataclass
class Command:
    line: int  # in the page, for messages
    text: str
    output: list[str] = field(default_factory=list)

    @property
    def answers(self) -> list[str]:
        """What the reader types at the command's questions."""
        return [match.group("answer") or "" for match in map(PROMPT.search, self.output) if match]

    @property
    def questions(self) -> list[str]:
        """The questions as the docs show them, without the answers."""
        return [line[: match.end("colon")].strip() for line in self.output if (match := PROMPT.search(line))]

    @property
    def fails(self) -> bool:
        return bool(self.output) and bool(PYTEST_FAILURE.match(self.output[-1]))

    @property
    def reasons(self) -> list[str]:
        """The lines of pytest's report of a failure that the page shows."""
        return [_normalised(line) for line in self.output if line.startswith("E ")]


@dataclass(frozen=True)
class Edit:
    line: int
    path: str
    how: str  # "a new file", "add at the end" or "add under the line with TEXT"
    text: str


FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,})(?P<info>.*)$")
PROMPT = re.compile(r"\([^()]*(?P<colon>\):)(?: (?P<answer>.*))?$")
PYTEST_FAILURE = re.compile(r"^=+ .*\b(failed|errors?)\b.* =+$")
CAPTION = re.compile(r"^(?P<path>\S+) \((?P<how>a new file|add at the end|add under the line with .+)\)$")


def fenced_blocks(page: Path) -> Iterator[tuple[int, str, list[str]]]:
    """Each fenced block: its line number, its info string and its lines, unindented."""
    lines = page.read_text("utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        index += 1
        if not opening:
            continue
        start, indent, fence = index, opening.group("indent"), opening.group("fence")
        body = []
        while index < len(lines) and not re.fullmatch(rf" *{fence}`*\s*", lines[index]):
            body.append(lines[index].removeprefix(indent))
            index += 1
        index += 1
        yield start, opening.group("info").strip(), body


def steps(page: Path) -> list[Command | Edit]:
    """What a reader of the page does, in order: commands to run and edits to make."""
    found: list[Command | Edit] = []
    for line, info, body in fenced_blocks(page):
        if info == "console":
            for offset, text in enumerate(body):
                if text.startswith("$ "):
                    found.append(Command(line + offset + 1, text.removeprefix("$ ")))
                elif found and isinstance(found[-1], Command):
                    found[-1].output.append(text)
        elif info.startswith("{code-block}"):
            options = [text for text in body if text.startswith(":")]
            caption = next(
                # quoted where the caption holds " #", which would start a comment
                (text.removeprefix(":caption:").strip().strip('"') for text in options if "caption" in text),
                "",
            )
            if not caption:
                continue
            match = CAPTION.match(caption)
            assert match, f"{page.name}:{line}: a caption says what to do with its block: {caption!r}"
            content = "\n".join(body[len(options) :]).strip("\n") + "\n"
            found.append(Edit(line, match.group("path"), match.group("how"), content))
    return found


def commands(page: Path) -> list[Command]:
    return [step for step in steps(page) if isinstance(step, Command)]


# --- The reader's computer ----------------------------------------------------------------------


@functools.cache
def tool_locations() -> dict[str, str]:
    """Where uv and pyenv keep what they need: a new home folder must not hide them."""
    found = {}
    for variable, command in (
        ("UV_CACHE_DIR", ["uv", "cache", "dir"]),
        ("UV_PYTHON_INSTALL_DIR", ["uv", "python", "dir"]),
        ("PYENV_ROOT", ["pyenv", "root"]),
    ):
        if variable in os.environ:
            found[variable] = os.environ[variable]
        elif shutil.which(command[0]):
            found[variable] = subprocess.run(
                command, capture_output=True, text=True, check=True
            ).stdout.strip()
    return found


def _commit_all(work: Path, message: str) -> None:
    git(work, "add", "--all")
    git(work, "-c", "user.name=Team", "-c", "user.email=team@example.com", "commit", "--quiet", "-m", message)


def releases() -> list[str]:
    """Each release in the changelog; before the first, the one it will be (pyproject.toml's)."""
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE)
    return released or [tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]]


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection as it is in the work tree, as a bare repository tagged with each release."""
    work = copy_of_collection(tmp_path_factory.mktemp("collection") / "templates")
    git(work.parent, "init", "--quiet", "--initial-branch=main", str(work))
    _commit_all(work, "A release")
    for release in releases():
        git(work, "tag", f"v{release}")
    bare = work.parent / "templates.git"
    git(work.parent, "clone", "--quiet", "--bare", str(work), str(bare))
    return bare


GITHUB_URL = re.compile(
    r"(?:https://github\.com/|gh:)(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?(?=\s|$)"
)


class Reader:
    """A reader's computer: a home folder, a shell's current folder, and GitHub in a folder."""

    def __init__(self, workdir: Path, collection: Path, page: Path, github_api: str = "") -> None:
        self.page = page
        self.github_api = github_api
        self.home = workdir / "home"
        self.home.mkdir()
        self.cwd = self.home
        self._cwd_file = workdir / "cwd"
        github = workdir / "github"
        config = [f'[url "{github.as_uri()}/"]', "\tinsteadOf = https://github.com/"]
        texts = [command.text for command in commands(page)]
        if not any(text.startswith("git config --global user.") for text in texts):
            # the reader has done "Your first project", which sets these
            config += ["[user]", "\tname = Docs Reader", "\temail = reader@example.com"]
        (self.home / ".gitconfig").write_text("\n".join(config) + "\n", "utf-8")
        for text in texts:
            for match in GITHUB_URL.finditer(text):
                repository = github / match.group("owner") / f"{match.group('name')}.git"
                if repository.exists():
                    continue
                repository.parent.mkdir(parents=True, exist_ok=True)
                if (match.group("owner"), match.group("name")) == ("ORG", "templates"):
                    shutil.copytree(collection, repository)
                else:
                    cloned = any(text.startswith(f"git clone {match.group(0)}") for text in texts)
                    self._new_repository(repository, with_readme=cloned)

    def _new_repository(self, repository: Path, *, with_readme: bool) -> None:
        git(repository.parent, "init", "--quiet", "--bare", "--initial-branch=main", str(repository))
        if with_readme:
            work = repository.with_suffix(".work")
            git(repository.parent, "clone", "--quiet", str(repository), str(work))
            (work / "README.md").write_text(f"# {repository.stem}\n\nAn existing project.\n", "utf-8")
            _commit_all(work, "Start")
            git(work, "push", "--quiet", "origin", "main")
            shutil.rmtree(work)

    def environment(self) -> dict[str, str]:
        env = clean_environment(HOME=str(self.home), NO_COLOR="1", **tool_locations())
        # a reader's terminal is not CI's, and keeps its settings in the home folder
        for name in ("CI", "GITHUB_ACTIONS", "FORCE_COLOR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            env.pop(name, None)
        if self.github_api:  # the reader's token, for GitHub's API: the fake's
            env.update(GITHUB_API_URL=self.github_api, GITHUB_TOKEN=TOKEN)
        return env

    def run(self, command: Command) -> subprocess.CompletedProcess[str]:
        text = STAND_INS.get(command.text, command.text)
        script = f'set -o pipefail\n{text}\nstatus=$?\npwd > "{self._cwd_file}"\nexit $status\n'
        answers = "".join(f"{answer}\n" for answer in command.answers)
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=self.cwd,
            env=self.environment(),
            input=answers,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=900,
            check=False,
        )
        self.cwd = Path(self._cwd_file.read_text("utf-8").strip())
        return result

    def edit(self, edit: Edit) -> None:
        path = self.cwd / edit.path
        if edit.how == "a new file":
            assert not path.exists(), f"{self.page.name}:{edit.line}: {edit.path} exists already"
            path.write_text(edit.text, "utf-8")
            return
        text = path.read_text("utf-8")
        if edit.how == "add at the end":
            # pasted right after the last line, as a reader would: tidying up is the page's job
            path.write_text(text + edit.text, "utf-8")
            return
        anchor = edit.how.removeprefix("add under the line with ")
        lines = text.splitlines(keepends=True)
        matching = [n for n, line in enumerate(lines) if anchor in line]
        # a reader who finds the text twice has to guess which line is meant
        assert len(matching) == 1, (
            f"{self.page.name}:{edit.line}: {len(matching)} lines of {edit.path} have {anchor}"
        )
        separator = "" if _goes_on(lines[matching[0]], edit.text) else "\n"
        lines.insert(matching[0] + 1, separator + edit.text)
        path.write_text("".join(lines), "utf-8")


def _goes_on(line: str, text: str) -> bool:
    """Whether text added under a line goes on its block: a table's next row, a body's next line."""
    indent = line[: len(line) - len(line.lstrip())]
    if line.startswith("|"):
        return text.startswith("|")
    return bool(indent) and text.startswith(indent)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _report(page: Path, command: Command, result: subprocess.CompletedProcess[str]) -> str:
    output = (result.stdout + result.stderr).strip().splitlines()
    return f"{page.name}:{command.line}: $ {command.text}\n" + "\n".join(output[-40:])


# Walking a page runs its commands as a reader does (renders, updates, a project's tests and
# nox): slow, as the marker says; the quick loop checks the pages' generated parts and links.
PAGES_WITH_COMMANDS = [
    pytest.param(page, id=page.stem, marks=pytest.mark.slow) for page in PAGES if commands(page)
]


@pytest.fixture(scope="module")
def github_api() -> Iterator[str]:
    """GitHub's API for the pages that run `templates fleet`: an organisation in every state."""
    with serve(FakeGitHub({"ORG": organisation(30)})) as url:
        yield url


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS)
def test_every_command_works(page: Path, collection: Path, github_api: str, tmp_path: Path) -> None:
    uses_api = any("templates fleet" in command.text for command in commands(page))
    reader = Reader(tmp_path, collection, page, github_api if uses_api else "")
    for step in steps(page):
        if isinstance(step, Edit):
            reader.edit(step)
            continue
        result = reader.run(step)
        if step.fails:
            assert result.returncode != 0, "this should fail: " + _report(page, step, result)
            # and fail for the reason the page gives, not for a mistake on the way
            output = [_normalised(line) for line in (result.stdout + result.stderr).splitlines()]
            for reason in step.reasons:
                # `...` stands for text left out, as it does for lines
                pattern = re.compile(".*".join(map(re.escape, reason.split("..."))))
                assert any(map(pattern.search, output)), (
                    f"{page.name}:{step.line}: the output has no line {reason!r}\n"
                    + _report(page, step, result)
                )
        else:
            assert result.returncode == 0, _report(page, step, result)
        asked = _normalised(result.stdout + result.stderr)
        for question in step.questions:
            where = asked.find(_normalised(question))
            assert where >= 0, f"{page.name}:{step.line}: never asked {question!r}\n" + _report(
                page, step, result
            )
            # past this question: a menu's "Choose from [1/2/3/4] (1):" may come twice
            asked = asked[where + len(_normalised(question)) :]


@pytest.mark.parametrize(
    ("line", "text", "goes_on"),
    [
        pytest.param("| `greet(name)` | Hello |\n", "| `shout(text)` | HELLO |\n", True, id="a table's row"),
        pytest.param(
            "    conn.create_function()\n", "    conn.create_function()\n", True, id="a body's line"
        ),
        pytest.param("    return greeting\n", "def farewell() -> str:\n", False, id="after a body"),
        pytest.param("## [Unreleased]\n", "### Added\n", False, id="a new paragraph"),
    ],
)
def test_text_added_under_a_line_goes_on_its_table_or_body(line: str, text: str, goes_on: bool) -> None:
    assert _goes_on(line, text) is goes_on


def test_stand_ins_and_placeholders_are_the_ones_the_pages_use() -> None:
    shown = {command.text for page in PAGES for command in commands(page)}
    assert set(STAND_INS) <= shown
    # every GitHub address a command uses is a stand-in repository, none a real one
    owners = {match.group("owner") for text in shown for match in GITHUB_URL.finditer(text)}
    assert owners <= {"ORG", "YOUR-NAME"}


def test_the_readme_commands_are_in_the_docs() -> None:
    """The README's render command runs here; its two test commands are what CI runs (.ci/run)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = {command.text for page in PAGES for command in commands(page)}
    for marker in ("render-command", "test-command", "rest-command"):
        block = re.search(rf"<!-- {marker} -->\n```console\n(.+)\n```\n<!-- /{marker} -->", readme)
        assert block, f"README.md has lost its {marker} markers"
        if marker == "render-command":
            assert block.group(1).removeprefix("$ ") in shown


def test_the_readme_links_into_the_docs() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    linked = set(re.findall(r"\]\((docs/[^)#]+)", readme))
    assert linked, "README.md links to no page of the docs"
    assert {path for path in linked if not (ROOT / path).is_file()} == set()


# --- The generated parts ------------------------------------------------------------------------


def _group(page: Path) -> list[pytest.MarkDecorator]:
    """Pages about a kind use its default render, which other tests share in this group."""
    return [pytest.mark.xdist_group(f"{page.stem}-defaults")] if page.stem in KINDS else []


@pytest.mark.parametrize(
    "page", [pytest.param(page, id=page.stem, marks=_group(page)) for page in cog_helpers.pages()]
)
def test_generated_parts_are_current(
    page: Path, bakery: Bakery, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cog_helpers, "renderer", lambda answer_set: bakery.get(answer_set).copier)
    status = cog_helpers.cog("--check", "--diff", only=page)
    assert status == 0, (
        f"docs/{page.name} is out of date: run `uvx nox -s docs -- cog` and commit the result.\n"
        + capsys.readouterr().out
    )


def test_every_purpose_names_a_file(bakery: Bakery) -> None:
    """docs/cog_helpers.py says what each file is for: none of it about a file no kind has."""
    rendered = set()
    for kind in KINDS:
        project = bakery.get(cog_helpers.answer_set(kind)).copier
        (module,) = (path.name for path in (project / "src").iterdir())
        for path in project.rglob("*"):
            relative = path.relative_to(project).as_posix() + ("/" if path.is_dir() else "")
            rendered.add(relative.replace(f"src/{module}/", "src/{module}/", 1))
    assert set(cog_helpers.PURPOSES) - rendered == set()


def test_every_kind_has_its_page() -> None:
    index = (DOCS / "index.md").read_text("utf-8")
    for kind in KINDS:
        assert (DOCS / f"{kind}.md").is_file(), f"docs/{kind}.md: every kind has a page"
        assert f"]({kind}.md)" in index, f"docs/index.md does not link to {kind}.md"


def test_every_question_is_explained() -> None:
    page = (DOCS / "first-project.md").read_text("utf-8")
    explained = re.findall(r"^### `(\w+)`$", page, re.MULTILINE)
    assert explained == list(SOURCE["questions"]), "first-project.md explains each question, in order"


def test_the_docs_build_is_a_default_session_with_its_own_dependencies() -> None:
    listed = run([sys.executable, "-m", "nox", "--list", "--json"], cwd=ROOT)
    assert "docs" in {session["session"] for session in json.loads(listed.stdout)}, listed.stderr
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    assert {re.split(r"[<>=]", requirement)[0] for requirement in groups["docs"]} >= {
        "sphinx",
        "myst-parser",
        "furo",
    }
    readthedocs = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text("utf-8"))
    assert readthedocs["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert "--group docs" in " ".join(readthedocs["build"]["jobs"]["install"])


# --- What can go wrong --------------------------------------------------------------------------

# The modules whose messages reach users, and strings there that are not messages.
SPEAKING_MODULES = [
    "hooks/answers.py",
    "hooks/git_init.py",
    "hooks/cookiecutter_to_copier.py",
    "hooks/copier_answers.py",
    "hooks/adopt.py",
    "hooks/use_this_template.py",
    "hooks/organisation.py",
    "hooks/carry_edits.py",
    "collection/fleet.py",
    "collection/github.py",
    "templates/assemble.py",
    "templates/add_kind.py",
    "templates/release.py",
]
NOT_MESSAGES = {
    "{} in {}": "a Jinja condition assemble.py writes into copier.yml's validators",
    'ascii_name({}, "-", {}) == ""': "another such condition",
    "({}) if ({} > 0": "the Jinja expression that writes an answer as Markdown text",
    "::group::": "a log group, not a message",
    "::endgroup::": "a log group, not a message",
    "## Set up {} from the {} template": "the setup run's summary page, which shows the answers",
    "{}; maintained by {}": "a kind's description in the menus",
    "Wrote {}, copies of {}'s.": "add-kind's report of what it wrote, and the next steps",
    "{} of {}'s {} repositories follow": "the fleet's first line, above its table",
    "follows {}": "a note in a row of the fleet",
    "archived": "another",
    "error: {}": "another, before the message on the row",
}
PLACEHOLDER = "{}"


def _pattern(node: ast.expr) -> str | None:
    """A string's text, with `{}` where an f-string or Jinja puts a value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(part.value if isinstance(part, ast.Constant) else PLACEHOLDER for part in node.values)
    else:
        return None
    text = re.sub(r"\{%.*?%\}", "", text)  # copier validators hold Jinja
    return re.sub(r"\{\{.*?\}\}", PLACEHOLDER, text)


def _is_message(pattern: str) -> bool:
    # words, not only values: a fragment such as `{} {}: {}` is part of another message
    words = re.search(r"[A-Za-z]{2}", pattern.replace(PLACEHOLDER, ""))
    return bool(words) and not any(pattern.startswith(prefix) for prefix in NOT_MESSAGES)


def code_messages() -> dict[str, str]:
    """Every message these modules print, raise or return to be printed: pattern -> where."""
    found = {}
    for module in SPEAKING_MODULES:
        tree = ast.parse((ROOT / module).read_text("utf-8"))
        for node in ast.walk(tree):
            said: list[ast.expr] = []
            if isinstance(node, ast.Assign) and any(
                getattr(target, "id", "") == "msg" for target in node.targets
            ):
                said.append(node.value)  # msg = "..."; raise ...(msg)
            elif isinstance(node, ast.Return) and node.value is not None:
                said.append(node.value)  # a notice or a complaint, printed by the caller
            elif isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in ("print", "append", "SystemExit"):
                    said.append(node.args[0])
            for expression in said:
                pattern = _pattern(expression)
                if pattern and _is_message(pattern):
                    found[pattern] = f"{module}:{node.lineno}"
    return found


def documented_messages() -> list[str]:
    """The first cell of each row of the tables about the collection's own messages."""
    page = (DOCS / "troubleshooting.md").read_text("utf-8")
    own = page.split("\n## Messages from the tools", 1)[0]
    cells = re.findall(r"^\| (``?)(.+?)\1 \|", own, re.MULTILINE)
    return [text.strip() for _, text in cells]


def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(".+".join(map(re.escape, pattern.split(PLACEHOLDER))), re.DOTALL)


def test_the_message_finder_finds_messages() -> None:
    found = code_messages()
    for module in SPEAKING_MODULES:
        assert any(where.startswith(module) for where in found.values()), module
    assert "git not found on PATH: the project was not made a git repository (run `git init` later)." in found


def test_every_message_is_explained_in_what_can_go_wrong() -> None:
    documented = documented_messages()
    missing = {
        pattern: where
        for pattern, where in code_messages().items()
        if not any(_regex(pattern).fullmatch(text) for text in documented)
    }
    assert missing == {}, "add these to docs/troubleshooting.md (capitals where values go)"


def test_every_message_explained_is_one_the_code_prints() -> None:
    patterns = [_regex(pattern) for pattern in code_messages()]
    stale = [text for text in documented_messages() if not any(regex.fullmatch(text) for regex in patterns)]
    assert stale == [], "docs/troubleshooting.md explains messages the code no longer prints"
