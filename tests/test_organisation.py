"""A team makes the collection its own by editing organisation.toml, and nothing else.

A temporary copy of the collection gets another organisation's file and is assembled with its
own script, as a fork would be; every kind is then rendered from it through both engines.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from answer_sets import default_slug
from rendering import (
    KINDS,
    ROOT,
    ci_sessions,
    clean_environment,
    cookiecutter_command,
    copier_command,
    copy_of_collection,
    fresh_clone,
    git,
    python_runs_here,
    run,
    tool,
    tree,
    uv,
)

from hooks.organisation import OrganisationError, load_source

# The kind a team of Acme's other than the organisation maintains: [owners] in organisation.toml
GUILDS_KIND = KINDS[-1]
ACME = {
    "organisation": {"name": "Acme Engineering"},
    "defaults": {
        "github_owner": "acme-corp",
        "author_name": "Acme Platform Team",
        "email_domain": "acme.example",
        "license": "BSD-3-Clause",
    },
    "python": {"versions": ["3.12", "3.13"]},
    "git": {"default_branch": "trunk"},
    "docs": {"url": "https://docs.acme.example/{github_owner}/{project_slug}/"},
    "packages": {"index": "https://packages.acme.example/api/pypi/upload/"},
    "monitoring": {"url_variable": "ACME_{MODULE}_PING_URL", "base_url": "https://hc.acme.example/ping/"},
    "owners": {GUILDS_KIND: "Test tooling guild"},
}
EMAIL = "acme.platform.team@acme.example"

# Every test here shares one assembled copy, so they run on one worker.
pytestmark = pytest.mark.xdist_group("organisation")


def toml(settings: dict[str, dict[str, object]]) -> str:
    """organisation.toml text: JSON strings and lists are TOML too."""
    lines = []
    for section, table in settings.items():
        lines.append(f"[{section}]")
        lines += [
            f"{json.dumps(key) if '-' in key else key} = {json.dumps(value)}" for key, value in table.items()
        ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Rendered:
    kind: str
    cookiecutter: Path
    copier: Path


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the collection with Acme's organisation.toml, assembled by its own script."""
    collection = copy_of_collection(tmp_path_factory.mktemp("fork"))
    (collection / "organisation.toml").write_text(toml(ACME), "utf-8")
    assemble = [sys.executable, "-m", "templates.assemble"]
    assembled = run(assemble, cwd=collection)
    assert assembled.returncode == 0, assembled.stderr
    checked = run([*assemble, "--check"], cwd=collection)
    assert (checked.returncode, checked.stdout) == (0, "")
    return collection


@pytest.fixture(scope="module")
def rendered(fork: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every kind with every default taken, through each engine."""
    found = {}
    for kind in KINDS:
        where = tmp_path_factory.mktemp(kind)
        by_cookiecutter = run(cookiecutter_command(kind, {}, where / "cc", template=fork), cwd=where)
        assert by_cookiecutter.returncode == 0, by_cookiecutter.stderr
        by_copier = run(copier_command(kind, {}, where / "copier", template=fork), cwd=where)
        assert by_copier.returncode == 0, by_copier.stderr
        found[kind] = Rendered(kind, where / "cc" / default_slug(kind), where / "copier")
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_both_engines_still_render_the_same_bytes(rendered: dict[str, Rendered], kind: str) -> None:
    project = rendered[kind]
    assert tree(project.cookiecutter) == tree(project.copier)


@pytest.mark.parametrize("kind", KINDS)
def test_the_defaults_reach_the_package_metadata(rendered: dict[str, Rendered], kind: str) -> None:
    project = rendered[kind].cookiecutter
    slug = default_slug(kind)
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    assert metadata["authors"] == [{"name": "Acme Platform Team", "email": EMAIL}]
    assert metadata["license"] == "BSD-3-Clause"
    assert metadata["requires-python"] == ">=3.12"
    versions = [
        c.rsplit(" ", 1)[1]
        for c in metadata["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    ]
    assert versions == ["3.12", "3.13"]
    assert metadata["urls"] == {
        "Homepage": f"https://github.com/acme-corp/{slug}",
        "Documentation": f"https://docs.acme.example/acme-corp/{slug}/",
        "Changelog": f"https://github.com/acme-corp/{slug}/blob/trunk/CHANGELOG.md",
        "Issues": f"https://github.com/acme-corp/{slug}/issues",
    }


@pytest.mark.parametrize("kind", KINDS)
def test_the_defaults_reach_readme_licence_and_repository(rendered: dict[str, Rendered], kind: str) -> None:
    project = rendered[kind].cookiecutter
    slug = default_slug(kind)
    readme = (project / "README.md").read_text("utf-8")
    assert f"(https://docs.acme.example/acme-corp/{slug}/)" in readme
    assert f"https://github.com/acme-corp/{slug}/actions/workflows/ci.yml" in readme
    assert "readthedocs" not in readme
    licence = (project / "LICENSE").read_text("utf-8")
    assert licence.startswith("BSD 3-Clause License\n\nCopyright (c) Acme Platform Team\n")
    assert git(project, "branch", "--show-current").strip() == "trunk"
    assert git(project, "log", "--format=%an <%ae>").strip() == f"Acme Platform Team <{EMAIL}>"
    issue_links = yaml.safe_load((project / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text("utf-8"))
    assert issue_links["contact_links"][0]["url"] == f"https://docs.acme.example/acme-corp/{slug}/"


JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")


def rendered_line(line: str, settings: dict[str, str]) -> re.Pattern[str]:
    """A template's line as it must render: each of `settings` (a cookiecutter variable and
    the value it must show) in place, any other Jinja expression or tag a wildcard."""
    pattern = ""
    for part in JINJA.split(line.strip()):
        if not JINJA.fullmatch(part):
            pattern += re.escape(part)
        elif (name := part.strip("{} ")) in settings:
            pattern += re.escape(settings[name])
        else:
            pattern += ".*?"
    return re.compile(pattern)


def lines_with_settings(template: Path, settings: dict[str, str]) -> dict[str, list[re.Pattern[str]]]:
    """Each line of an assembled template that shows one of `settings`, as it must render, by
    the path of the file it is in."""
    found: dict[str, list[re.Pattern[str]]] = {}
    for path in sorted(template.rglob("*")):
        if path.is_file() and any(name.encode() in path.read_bytes() for name in settings):
            lines = path.read_text("utf-8").splitlines()
            found[path.relative_to(template).as_posix()] = [
                rendered_line(line, settings) for line in lines if any(name in line for name in settings)
            ]
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_the_defaults_reach_the_health_check_settings(
    fork: Path, rendered: dict[str, Rendered], kind: str
) -> None:
    project = rendered[kind].cookiecutter
    module = default_slug(kind).replace("-", "_")
    health = (project / "src" / module / "health.py").read_text("utf-8")
    variable = f"ACME_{module.upper()}_PING_URL"
    assert f'URL_ENV_VAR = "{variable}"' in health
    assert 'BASE_URL = "https://hc.acme.example/ping"' in health
    docs = (project / "docs" / "health.md").read_text("utf-8")
    assert f"`{variable}`" in docs
    assert "`https://hc.acme.example/ping/<uuid>`" in docs
    # and every other line of the kind's files that shows them: its command's options, its README
    settings = {
        "cookiecutter.__healthcheck_variable": variable,
        "cookiecutter._healthcheck_base_url": "https://hc.acme.example/ping",
    }
    template = fork / kind / "{{cookiecutter.project_slug}}"
    for path, patterns in lines_with_settings(template, settings).items():
        text = (project / path.replace("{{cookiecutter.module_name}}", module)).read_text("utf-8")
        for pattern in patterns:
            assert pattern.search(text), f"{path}: {pattern.pattern}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_workflows_follow_branch_versions_and_package_index(
    rendered: dict[str, Rendered], kind: str, tmp_path: Path
) -> None:
    project = rendered[kind].cookiecutter
    workflows = project / ".github" / "workflows"
    ci = yaml.safe_load((workflows / "ci.yml").read_text("utf-8"))
    assert ci[True]["push"]["branches"] == ["trunk"]  # YAML 1.1 reads the key `on` as true
    publish = yaml.safe_load((workflows / "publish.yml").read_text("utf-8"))["jobs"]["publish"]
    assert publish["environment"] == "package-index"
    assert publish["permissions"] == {}  # no OIDC token: the index takes a token from secrets
    (upload,) = (step for step in publish["steps"] if "gh-action-pypi-publish" in step["uses"])
    assert upload["with"]["repository-url"] == ACME["packages"]["index"]
    assert "https://packages.acme.example/api/pypi/upload/" in (project / "CONTRIBUTING.md").read_text(
        "utf-8"
    )
    readthedocs = yaml.safe_load((project / ".readthedocs.yaml").read_text("utf-8"))
    assert readthedocs["build"]["tools"]["python"] == "3.13"

    # The CI matrix: the workflow's own step, run on the project.
    clone = fresh_clone(project, tmp_path / "clone")
    sessions = ci_sessions(clone, tmp_path / "github_output")
    tested = sorted({session for session in sessions if session.startswith("tests-3")})
    assert tested == ["tests-3.12", "tests-3.13"]


def test_zizmor_finds_nothing_in_the_private_index_workflows(rendered: dict[str, Rendered]) -> None:
    result = run(
        [tool("zizmor"), "--offline", "--no-progress", ".github"], cwd=rendered[KINDS[0]].cookiecutter
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_the_collections_own_workflows_are_the_projects(fork: Path, rendered: dict[str, Rendered]) -> None:
    for path in (".github/workflows/ci.yml", ".github/workflows/publish.yml"):
        for project in rendered.values():
            assert (fork / path).read_bytes() == (project.cookiecutter / path).read_bytes(), path


def test_the_menus_name_each_kinds_owner(fork: Path) -> None:
    menu = json.loads((fork / "cookiecutter.json").read_text("utf-8"))["templates"]
    owners = {kind: entry["description"].rsplit("; maintained by ", 1)[1] for kind, entry in menu.items()}
    assert owners == {
        kind: "Test tooling guild" if kind == GUILDS_KIND else "Acme Engineering" for kind in KINDS
    }
    copier_kinds = yaml.safe_load((fork / "copier.yml").read_text("utf-8"))["kind"]["choices"]
    assert list(copier_kinds.values()) == list(KINDS)
    assert [label.endswith(f"; maintained by {owners[kind]}") for label, kind in copier_kinds.items()] == [
        True
    ] * len(KINDS)


def test_the_menu_shows_the_owners_and_renders_with_the_defaults(fork: Path, tmp_path: Path) -> None:
    guilds_kind = KINDS.index(GUILDS_KIND) + 1
    menu = subprocess.run(
        [sys.executable, "-m", "cookiecutter", str(fork), "--output-dir", str(tmp_path)],
        input=f"{guilds_kind}\n" + "\n" * 10,  # then Enter for every question
        env=clean_environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert menu.returncode == 0, menu.stdout + menu.stderr
    assert "maintained by Acme Engineering" in menu.stdout
    assert "maintained by Test tooling guild" in menu.stdout
    metadata = tomllib.loads((tmp_path / default_slug(GUILDS_KIND) / "pyproject.toml").read_text("utf-8"))[
        "project"
    ]
    assert (metadata["license"], metadata["authors"][0]["email"]) == ("BSD-3-Clause", EMAIL)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_generated_tests_pass_with_the_organisations_settings(
    rendered: dict[str, Rendered], kind: str, tmp_path: Path
) -> None:
    versions = [version for version in ACME["python"]["versions"] if python_runs_here(version)]
    if not versions:
        pytest.skip(f"no Python {' or '.join(ACME['python']['versions'])} on this machine")
    clone = fresh_clone(rendered[kind].cookiecutter, tmp_path / "clone")
    command = [uv(), "run", "--python", versions[0], "pytest", "-q", "-p", "no:cacheprovider"]
    result = run(command, cwd=clone)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_a_person_overrides_a_default_for_themselves(fork: Path, tmp_path: Path) -> None:
    """cookiecutter: --no-input answers beat the user config, which beats organisation.toml."""
    kind, slug = KINDS[0], default_slug(KINDS[0])
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"default_context": {"license": "MIT", "github_owner": "ada"}}), "utf-8")
    command = cookiecutter_command(kind, {"github_owner": "ada-lovelace"}, tmp_path / "cc", template=fork)
    result = run([*command, "--config-file", str(config)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    metadata = tomllib.loads((tmp_path / "cc" / slug / "pyproject.toml").read_text("utf-8"))["project"]
    assert metadata["license"] == "MIT"
    assert metadata["urls"]["Homepage"] == f"https://github.com/ada-lovelace/{slug}"

    # copier: --data beats --data-file, which beats organisation.toml
    data_file = tmp_path / "answers.yml"
    data_file.write_text(yaml.safe_dump({"license": "MIT", "github_owner": "ada"}), "utf-8")
    command = copier_command(kind, {"github_owner": "ada-lovelace"}, tmp_path / "copier", template=fork)
    result = run([*command[:-2], "--data-file", str(data_file), *command[-2:]], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "copier" / "pyproject.toml").read_bytes() == (
        tmp_path / "cc" / slug / "pyproject.toml"
    ).read_bytes()


# --- Values the templates could not use -----------------------------------------------------


def with_setting(section: str, key: str, value: object) -> dict[str, dict[str, object]]:
    settings = {name: dict(table) for name, table in ACME.items()}
    settings.setdefault(section, {})[key] = value
    return settings


def without_setting(section: str, key: str) -> dict[str, dict[str, object]]:
    settings = {name: dict(table) for name, table in ACME.items()}
    del settings[section][key]
    return settings


BAD = {
    "github owner": (
        with_setting("defaults", "github_owner", "acme corp"),
        'organisation.toml: defaults.github_owner "acme corp": use a GitHub user or organisation name',
    ),
    "licence": (
        with_setting("defaults", "license", "GPL"),
        'organisation.toml: defaults.license "GPL": use one of MIT, Apache-2.0, BSD-3-Clause, Proprietary',
    ),
    "min python outside the versions": (
        with_setting("defaults", "min_python", "3.11"),
        'organisation.toml: defaults.min_python "3.11": use one of 3.12, 3.13',
    ),
    "author": (
        with_setting("defaults", "author_name", "  "),
        'organisation.toml: defaults.author_name "  ": use one line of text with at least one letter',
    ),
    "e-mail domain": (
        with_setting("defaults", "email_domain", "acme"),
        'organisation.toml: defaults.email_domain "acme": use a domain name such as example.com',
    ),
    "versions out of order": (
        with_setting("python", "versions", ["3.13", "3.12"]),
        'organisation.toml: python.versions ["3.13", "3.12"]: list Python versions from 3.11 on',
    ),
    "versions too old": (
        with_setting("python", "versions", ["3.10", "3.11"]),
        'organisation.toml: python.versions ["3.10", "3.11"]: list Python versions from 3.11 on',
    ),
    "versions as text": (
        with_setting("python", "versions", "3.12"),
        'organisation.toml: python.versions "3.12": list Python versions',
    ),
    "branch": (
        with_setting("git", "default_branch", "my branch"),
        'organisation.toml: git.default_branch "my branch": use a git branch name',
    ),
    "docs without a scheme": (
        with_setting("docs", "url", "docs.acme.example/{project_slug}"),
        'organisation.toml: docs.url "docs.acme.example/{project_slug}": use an http(s) address',
    ),
    "docs with an unknown placeholder": (
        with_setting("docs", "url", "https://docs.acme.example/{slug}"),
        'organisation.toml: docs.url "https://docs.acme.example/{slug}": use an http(s) address',
    ),
    "docs with a character a Markdown link would break at": (
        with_setting("docs", "url", "https://docs.acme.example/(v2)/{project_slug}"),
        'organisation.toml: docs.url "https://docs.acme.example/(v2)/{project_slug}": use an http(s) address',
    ),
    "an owner without a name": (
        with_setting("owners", GUILDS_KIND, " - "),
        f'organisation.toml: owners.{GUILDS_KIND} " - ": use one line of text with at least one letter or digit',
    ),
    "index over http": (
        with_setting("packages", "index", "http://packages.acme.example/"),
        'organisation.toml: packages.index "http://packages.acme.example/": use "pypi", or the https:// upload URL',
    ),
    "variable": (
        with_setting("monitoring", "url_variable", "acme-{MODULE}"),
        'organisation.toml: monitoring.url_variable "acme-{MODULE}": use an environment variable name',
    ),
    "base url": (
        with_setting("monitoring", "base_url", "hc-ping.com"),
        'organisation.toml: monitoring.base_url "hc-ping.com": use the http(s) address pings are sent to',
    ),
    "owner of no kind": (
        with_setting("owners", "django-app", "Web team"),
        f"organisation.toml: unknown setting owners.django-app: [owners] holds {', '.join(KINDS)}",
    ),
    "a typo in a key": (
        with_setting("defaults", "licence", "MIT"),
        "organisation.toml: unknown setting defaults.licence: [defaults] holds github_owner, author_name,",
    ),
    "a number": (
        with_setting("git", "default_branch", 1),
        "organisation.toml: git.default_branch 1: use a string, in quotes",
    ),
    "a missing key": (
        without_setting("git", "default_branch"),
        "organisation.toml: git.default_branch is missing: add `default_branch = ...` under [git]",
    ),
}


def collection_with(directory: Path, organisation: str) -> Path:
    (directory / "templates").mkdir()
    shutil.copy2(ROOT / "templates" / "questions.toml", directory / "templates" / "questions.toml")
    (directory / "organisation.toml").write_text(organisation, "utf-8")
    return directory


@pytest.mark.parametrize(("settings", "message"), BAD.values(), ids=BAD.keys())
def test_a_bad_value_is_refused_naming_file_and_key(
    settings: dict[str, dict[str, object]], message: str, tmp_path: Path
) -> None:
    with pytest.raises(OrganisationError) as refused:
        load_source(collection_with(tmp_path, toml(settings)))
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)


def test_invalid_toml_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(OrganisationError, match=r"^organisation\.toml: not valid TOML \(.*line 2"):
        load_source(collection_with(tmp_path, '[git]\ndefault_branch = "main\n'))


def test_assembling_a_fork_with_a_bad_value_says_which_and_writes_nothing(tmp_path: Path) -> None:
    broken = copy_of_collection(tmp_path / "broken")
    (broken / "organisation.toml").write_text(toml(with_setting("defaults", "license", "GPL")), "utf-8")
    before = tree(broken)
    for check in ([], ["--check"]):
        command = [sys.executable, "-m", "templates.assemble", *check]
        result = run(command, cwd=broken, PYTHONDONTWRITEBYTECODE="1")
        assert result.returncode == 1
        assert result.stderr.splitlines() == [BAD["licence"][1]]
    assert tree(broken) == before
