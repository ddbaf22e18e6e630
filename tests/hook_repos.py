"""Local stand-ins for the hook repositories a generated project's pre-commit config names.

pre-commit clones each `repo:` at its `rev`, reads the repository's `.pre-commit-hooks.yaml`
and, for a `language: python` hook, builds an environment of its own with `pip install .`
plus the hook's `additional_dependencies`. GitHub is out of reach here, PyPI is not, and every
hook repository we use only pins a PyPI release (or, for pygrep, installs nothing). So each
stand-in is a git repository, tagged with the config's rev, that holds the real manifest's facts
for the hooks we use and a placeholder package whose one dependency is that release: pre-commit
then does exactly what it does with the real repository.

The facts below were read from each repository's `.pre-commit-hooks.yaml`; a hook id the config
names that is missing here makes pre-commit refuse the config, naming the id.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rendering import git, run

Hook = dict[str, object]


@dataclass(frozen=True)
class HookRepo:
    """What pre-commit gets from one hook repository."""

    # The PyPI distribution the repository installs, at the version its rev names; None for a
    # repository whose hooks need no environment (pygrep runs inside pre-commit).
    package: str | None
    hooks: tuple[Hook, ...]
    # Extras of the repository's own package that its manifest installs (`.[all]`).
    extras: dict[str, list[str]] = field(default_factory=dict)

    def requirement(self, rev: str, extras: str = "") -> str:
        return f"{self.package}{extras}=={rev.removeprefix('v')}"


def _python_hook(hook_id: str, name: str, entry: str, **facts: object) -> Hook:
    return {"id": hook_id, "name": name, "entry": entry, "language": "python", **facts}


def _pygrep_hook(hook_id: str, name: str, pattern: str, **facts: object) -> Hook:
    return {"id": hook_id, "name": name, "entry": pattern, "language": "pygrep", **facts}


def _check_jsonschema_hook(hook_id: str, name: str, schema: str, files: str) -> Hook:
    entry = f"check-jsonschema --builtin-schema {schema}"
    return _python_hook(hook_id, name, entry, files=files, types=["yaml"])


HOOK_REPOS: dict[str, HookRepo] = {
    "https://github.com/pre-commit/pre-commit-hooks": HookRepo(
        "pre-commit-hooks",
        (
            _python_hook("check-added-large-files", "check for added large files", "check-added-large-files"),
            _python_hook("check-case-conflict", "check for case conflicts", "check-case-conflict"),
            _python_hook(
                "check-merge-conflict", "check for merge conflicts", "check-merge-conflict", types=["text"]
            ),
            _python_hook("check-symlinks", "check for broken symlinks", "check-symlinks", types=["symlink"]),
            _python_hook("check-yaml", "check yaml", "check-yaml", types=["yaml"]),
            _python_hook("check-toml", "check toml", "check-toml", types=["toml"]),
            _python_hook(
                "debug-statements", "debug statements (python)", "debug-statement-hook", types=["python"]
            ),
            _python_hook("end-of-file-fixer", "fix end of files", "end-of-file-fixer", types=["text"]),
            _python_hook("mixed-line-ending", "mixed line ending", "mixed-line-ending", types=["text"]),
            _python_hook(
                "name-tests-test", "python tests naming", "name-tests-test", files=r"(^|/)tests/.+\.py$"
            ),
            _python_hook(
                "trailing-whitespace", "trim trailing whitespace", "trailing-whitespace-fixer", types=["text"]
            ),
        ),
    ),
    "https://github.com/pre-commit/pygrep-hooks": HookRepo(
        None,
        (
            _pygrep_hook(
                "text-unicode-replacement-char", "no unicode replacement chars", "\ufffd", types=["text"]
            ),
        ),
    ),
    "https://github.com/astral-sh/ruff-pre-commit": HookRepo(
        "ruff",
        tuple(
            _python_hook(
                hook_id,
                name,
                entry,
                types_or=["python", "pyi", "jupyter"],
                args=[],
                require_serial=True,
            )
            for hook_id, name, entry in (
                ("ruff-check", "ruff check", "ruff check --force-exclude"),
                ("ruff-format", "ruff format", "ruff format --force-exclude"),
            )
        ),
    ),
    "https://github.com/pre-commit/mirrors-mypy": HookRepo(
        "mypy",
        (
            _python_hook(
                "mypy",
                "mypy",
                "mypy",
                types_or=["python", "pyi"],
                args=["--ignore-missing-imports", "--scripts-are-modules"],
                require_serial=True,
            ),
        ),
    ),
    "https://github.com/abravalheri/validate-pyproject": HookRepo(
        "validate-pyproject",
        (
            _python_hook(
                "validate-pyproject",
                "Validate pyproject.toml",
                "validate-pyproject",
                files="^pyproject.toml$",
                additional_dependencies=[".[all]"],
            ),
        ),
        extras={"all": ["all"]},
    ),
    "https://github.com/zizmorcore/zizmor-pre-commit": HookRepo(
        "zizmor",
        (
            _python_hook(
                "zizmor",
                "zizmor",
                "zizmor",
                types=["yaml"],
                files=r"(\.github/(workflows/.*|dependabot.ya?ml))|(action\.ya?ml)$",
                require_serial=True,
                args=["--no-progress"],
            ),
        ),
    ),
    "https://github.com/codespell-project/codespell": HookRepo(
        "codespell", (_python_hook("codespell", "codespell", "codespell", types=["text"]),)
    ),
    "https://github.com/python-jsonschema/check-jsonschema": HookRepo(
        "check-jsonschema",
        (
            _check_jsonschema_hook(
                "check-dependabot",
                "Validate Dependabot Config (v2)",
                "vendor.dependabot",
                r"^\.github/dependabot\.(yml|yaml)$",
            ),
            _check_jsonschema_hook(
                "check-github-workflows",
                "Validate GitHub Workflows",
                "vendor.github-workflows",
                r"^\.github/workflows/[^/]+$",
            ),
            _check_jsonschema_hook(
                "check-readthedocs",
                "Validate ReadTheDocs Config",
                "vendor.readthedocs",
                r"^\.readthedocs\.(yml|yaml)$",
            ),
        ),
    ),
    "https://github.com/scientific-python/cookie": HookRepo(
        "sp-repo-review",
        (
            _python_hook(
                "sp-repo-review",
                "sp-repo-review",
                "repo-review .",
                args=["--show=err"],
                types_or=["text"],
                pass_filenames=False,
                additional_dependencies=["repo-review[cli,async]"],
            ),
        ),
    ),
}

# Hooks that pre-commit itself carries out: nothing to stand in for.
BUILT_IN_REPOS = {"local", "meta"}


def placeholder_package(repo: HookRepo, rev: str) -> str:
    """A pyproject.toml that installs nothing of its own, only the release the rev names."""
    extras = {name: [repo.requirement(rev, f"[{','.join(wanted)}]")] for name, wanted in repo.extras.items()}
    # JSON lists of strings are TOML arrays too.
    extra_lines = "".join(f"{name} = {json.dumps(requirements)}\n" for name, requirements in extras.items())
    return (
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "pre-commit-placeholder"\nversion = "0.0.0"\n'
        f"dependencies = {json.dumps([repo.requirement(rev)])}\n\n"
        f"[project.optional-dependencies]\n{extra_lines}\n"
        "[tool.setuptools]\npy-modules = []\n"
    )


class HookRepoShelf:
    """Builds each (repository, rev) stand-in once, so pre-commit's store reuses its environment."""

    def __init__(self, workdir: Path) -> None:
        self._workdir = workdir
        self._built: dict[tuple[str, str], Path] = {}

    def get(self, url: str, rev: str) -> Path:
        if (url, rev) not in self._built:
            self._built[url, rev] = self._build(url, rev)
        return self._built[url, rev]

    def _build(self, url: str, rev: str) -> Path:
        if url not in HOOK_REPOS:
            msg = f"{url} has no stand-in in tests/hook_repos.py: add its hooks' facts there"
            raise KeyError(msg)
        repo = HOOK_REPOS[url]
        where = self._workdir / url.removeprefix("https://github.com/").replace("/", "+") / rev
        where.mkdir(parents=True)
        hooks = yaml.safe_dump(list(repo.hooks), sort_keys=False, allow_unicode=True)
        (where / ".pre-commit-hooks.yaml").write_text(hooks, "utf-8")
        if repo.package is not None:
            (where / "pyproject.toml").write_text(placeholder_package(repo, rev), "utf-8")
        git(where, "init", "--quiet")
        git(where, "add", "--all")
        author = ("-c", "user.name=Stand-in", "-c", "user.email=stand-in@example.com")
        git(where, *author, "commit", "--quiet", "-m", f"{url} at {rev}, from PyPI")
        git(where, "tag", rev)
        return where

    def local_config(self, config: dict[str, Any]) -> dict[str, Any]:
        """`config` with every hook repository replaced by its stand-in, and nothing else changed."""
        repos = [
            entry
            if entry["repo"] in BUILT_IN_REPOS
            else {**entry, "repo": self.get(entry["repo"], entry["rev"]).as_uri()}
            for entry in config["repos"]
        ]
        return {**config, "repos": repos}


def hook_names(config: dict[str, Any]) -> list[str]:
    """The names pre-commit prints for the config's hooks (a hook's own `name` wins)."""
    names = []
    for entry in config["repos"]:
        repo = HOOK_REPOS.get(entry["repo"], HookRepo(None, ()))
        facts = {hook["id"]: hook for hook in repo.hooks}
        names += [hook.get("name") or facts[hook["id"]]["name"] for hook in entry["hooks"]]
    return names


def install_hooks(project: Path, config: dict[str, Any], shelf: HookRepoShelf, outside: Path) -> None:
    """`pre-commit install` in `project` with `config`, its repositories replaced by stand-ins.

    The config file is written to `outside`, so that each commit holds only the project's files.
    """
    config_file = outside / "pre-commit-config.yaml"
    local = shelf.local_config(config)
    config_file.write_text(yaml.safe_dump(local, sort_keys=False, allow_unicode=True), "utf-8")
    command = [sys.executable, "-m", "pre_commit", "install", "--config", str(config_file)]
    installed = run(command, cwd=project)
    assert installed.returncode == 0, installed.stdout + installed.stderr
