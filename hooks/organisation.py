"""The question source as the organisation configured it: questions.toml with organisation.toml.

`load_source()` reads both files, checks every value of organisation.toml (the default answers
with the same rules the questions use) and returns the questions with the organisation's
defaults applied. A value it refuses raises `OrganisationError`, whose message names the file
and the key, so a maintainer meets it in `nox -s assemble` or the tests, not a newcomer in a
render.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from hooks.answers import KIND_RULES, RULES, expand_ascii_name, name_rules, problem

ROOT = Path(__file__).resolve().parent.parent
FILE = "organisation.toml"

OLDEST_PYTHON = (3, 11)  # the oldest Python the generated projects are tested on

# What organisation.toml holds, section by section; [owners] is keyed by kind instead.
SETTINGS = {
    "organisation": ("name",),
    "defaults": ("github_owner", "author_name", "email_domain", "license", "min_python"),
    "python": ("versions",),
    "git": ("default_branch",),
    "docs": ("url",),
    "packages": ("index",),
    "monitoring": ("url_variable", "base_url"),
}
OPTIONAL = {"defaults.min_python"}
DOCS_PLACEHOLDERS = {"project_slug": "demo-thing", "github_owner": "example-org"}

# Characters that need no quoting in any file an address lands in (TOML, YAML, Markdown links).
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%@+/-]*)?")
_BRANCH = re.compile(r"(?!.*(?:\.\.|//|/\.|\.lock/|@\{))[A-Za-z0-9_][A-Za-z0-9._/-]*(?<![./])(?<!\.lock)")
_VARIABLE = re.compile(r"[A-Z_][A-Z0-9_]*")
_VERSION = re.compile(r"3\.(\d+)")


class OrganisationError(ValueError):
    """A value in organisation.toml that the templates cannot use."""


def _refuse(key: str, value: object, advice: str) -> OrganisationError:
    shown = json.dumps(value, ensure_ascii=False)
    msg = f"organisation.toml: {key} {shown}: {advice}"
    return OrganisationError(msg)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        msg = f"{path.name}: not valid TOML ({error}); fix the line it names"
        raise OrganisationError(msg) from None


def _settings(organisation: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """Every setting as "section.key": value, after checking that each is known and present."""
    found: dict[str, Any] = {}
    for section, table in organisation.items():
        known = kinds if section == "owners" else SETTINGS.get(section)
        if known is None or not isinstance(table, dict):
            sections = ", ".join(f"[{name}]" for name in [*SETTINGS, "owners"])
            msg = f"organisation.toml: unknown section [{section}]: the sections are {sections}"
            raise OrganisationError(msg)
        for key, value in table.items():
            if key not in known:
                msg = f"organisation.toml: unknown setting {section}.{key}: [{section}] holds {', '.join(known)}"
                raise OrganisationError(msg)
            if section != "python" and not isinstance(value, str):
                raise _refuse(f"{section}.{key}", value, "use a string, in quotes")
            found[f"{section}.{key}"] = value
    for section, keys in SETTINGS.items():
        for key in keys:
            name = f"{section}.{key}"
            if name not in found and name not in OPTIONAL:
                msg = f"organisation.toml: {name} is missing: add `{key} = ...` under [{section}]"
                raise OrganisationError(msg)
    return found


def _check_versions(versions: object) -> list[str]:
    advice = (
        f"list Python versions from {OLDEST_PYTHON[0]}.{OLDEST_PYTHON[1]} on, oldest first, "
        'each once, such as ["3.12", "3.13"]'
    )
    if not isinstance(versions, list) or not versions:
        raise _refuse("python.versions", versions, advice)
    minors = []
    for version in versions:
        match = _VERSION.fullmatch(version) if isinstance(version, str) else None
        if (
            match is None
            or (3, int(match.group(1))) < OLDEST_PYTHON
            or str(int(match.group(1))) != match.group(1)
        ):
            raise _refuse("python.versions", versions, advice)
        minors.append(int(match.group(1)))
    if minors != sorted(set(minors)):
        raise _refuse("python.versions", versions, advice)
    return versions


def _check(settings: dict[str, Any], choices: dict[str, list[str]]) -> None:
    """Refuse the first value the templates could not use."""
    for key in ("github_owner", "author_name", "license", "min_python"):
        value = settings.get(f"defaults.{key}")
        found = value is not None and problem(key, value, choices)
        if found:
            msg = f"organisation.toml: defaults.{found}"
            raise OrganisationError(msg)
    domain = settings["defaults.email_domain"]
    if problem("author_email", f"you@{domain}", choices) or not re.fullmatch(r"[A-Za-z0-9.-]+", domain):
        raise _refuse("defaults.email_domain", domain, "use a domain name such as example.com")
    for key in ("organisation.name", *(key for key in settings if key.startswith("owners."))):
        if not re.fullmatch(RULES["project_name"].pattern, settings[key]):
            raise _refuse(key, settings[key], "use one line of text with at least one letter or digit")
    if not _BRANCH.fullmatch(settings["git.default_branch"]):
        advice = "use a git branch name such as main or trunk (letters, digits, ., _, - and /)"
        raise _refuse("git.default_branch", settings["git.default_branch"], advice)
    docs = settings["docs.url"]
    filled = re.sub(r"\{(\w+)\}", lambda m: DOCS_PLACEHOLDERS.get(m.group(1), m.group(0)), docs)
    if not _URL.fullmatch(filled):
        advice = "use an http(s) address; {project_slug} and {github_owner} stand for the project's answers"
        raise _refuse("docs.url", docs, advice)
    index = settings["packages.index"]
    if index != "pypi" and not (index.startswith("https://") and _URL.fullmatch(index)):
        raise _refuse("packages.index", index, 'use "pypi", or the https:// upload URL of your package index')
    variable = settings["monitoring.url_variable"]
    if not _VARIABLE.fullmatch(variable.replace("{MODULE}", "DEMO")):
        advice = (
            "use an environment variable name (capitals, digits and _), where {MODULE} stands for the module"
        )
        raise _refuse("monitoring.url_variable", variable, advice)
    base = settings["monitoring.base_url"]
    if not _URL.fullmatch(base):
        raise _refuse(
            "monitoring.base_url",
            base,
            "use the http(s) address pings are sent to, such as https://hc-ping.com",
        )


def load_source(root: Path = ROOT) -> dict[str, Any]:
    """templates/questions.toml with the defaults and settings of organisation.toml applied,
    and its defaults in the Jinja both engines run (`ascii_name` written out)."""
    source = _read(root / "templates" / "questions.toml")
    settings = _settings(_read(root / FILE), list(source["kinds"]))
    versions = _check_versions(settings["python.versions"])
    choices = {"min_python": versions, "license": source["questions"]["license"]["choices"]}
    _check(settings, choices)

    source["python_versions"] = versions
    questions = source["questions"]
    for key in ("github_owner", "author_name", "license"):
        questions[key]["default"] = settings[f"defaults.{key}"]
    questions["min_python"]["default"] = settings.get("defaults.min_python", versions[0])
    email = questions["author_email"]
    email["default"] = email["default"].replace("{email_domain}", settings["defaults.email_domain"])
    for name, question in questions.items():
        if not isinstance(question.get("default"), str):
            continue
        if "{name_prefix}" in question["default"]:  # a default of each kind's own, unless it has one
            for meta in source["kinds"].values():
                own = question["default"].replace("{name_prefix}", meta.get("name_prefix", ""))
                meta.setdefault("defaults", {}).setdefault(name, expand_ascii_name(own))
        question["default"] = expand_ascii_name(question["default"].replace("{name_prefix}", ""))
    for kind, meta in source["kinds"].items():
        meta["owner"] = settings.get(f"owners.{kind}", settings["organisation.name"])
        if meta.get("name_prefix"):
            KIND_RULES[kind] = name_rules(meta["name_prefix"])
    index = settings["packages.index"]
    source["organisation"] = {
        "name": settings["organisation.name"],
        "email_domain": settings["defaults.email_domain"],
        "default_branch": settings["git.default_branch"],
        "docs_url": settings["docs.url"],
        "package_index": "" if index == "pypi" else index,
        "healthcheck_variable": settings["monitoring.url_variable"],
        "healthcheck_base_url": settings["monitoring.base_url"].rstrip("/"),
    }
    return source
