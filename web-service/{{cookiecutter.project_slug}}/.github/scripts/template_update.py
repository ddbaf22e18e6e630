# /// script
# requires-python = ">=3.11"
# dependencies = ["copier>=9.8"]
# ///
"""Print an issue's body when the project template has a newer release, else nothing.

    uv run --script .github/scripts/template_update.py

The body quotes the template's changelog for each release newer than `.copier-answers.yml`
records, and the command that applies them. The template-update workflow files the issue.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ANSWERS = Path(".copier-answers.yml")
RELEASE_HEADING = re.compile(r"^## \[?v?(\d+(?:\.\d+)*)\]?", re.MULTILINE)
SHORTHANDS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}


def _version(text: str) -> tuple[int, ...]:
    # A project rendered from a commit, not a release (before the template's first release, say)
    # follows what copier reports as 0.0.0.post1.dev0+COMMIT: the release numbers come first.
    release = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(part) for part in release.group().split(".")) if release else ()


def _follows(version: str) -> str:
    """What the project follows, in words: a release, or the commit copier rendered."""
    release, _, commit = version.partition("+")
    return f"commit {commit}" if commit else release


def clone_url(source: str) -> str:
    """The template's address as git understands it (copier also takes gh:, gl:, git+)."""
    for shorthand, host in SHORTHANDS.items():
        if source.startswith(shorthand):
            return host + source.removeprefix(shorthand).removesuffix(".git") + ".git"
    return source.removeprefix("git+")


def changelog_at(source: str, version: str) -> str:
    """The template's CHANGELOG.md as released in `version` (empty if it has none)."""
    with tempfile.TemporaryDirectory() as clone:
        shallow_clone = ["git", "clone", "--quiet", "--depth=1", f"--branch=v{version}"]
        subprocess.run([*shallow_clone, clone_url(source), clone], check=True)
        changelog = Path(clone, "CHANGELOG.md")
        return changelog.read_text(encoding="utf-8") if changelog.is_file() else ""


def releases_between(changelog: str, current: str, latest: str) -> str:
    """The changelog's sections for the releases after `current` up to `latest`."""
    headings = list(RELEASE_HEADING.finditer(changelog))
    sections = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        if _version(current) < _version(heading.group(1)) <= _version(latest):
            end = following.start() if following else len(changelog)
            sections.append(changelog[heading.start() : end].strip())
    return "\n\n".join(sections)


ISSUE = """\
The project template has a newer release: **{latest}** (this project follows {current}).

To apply it, on a clean work tree:

```console
uvx copier update --trust --defaults
```

(`--defaults` keeps the answers recorded in `.copier-answers.yml`; leave it out to review
each of them.) Then resolve any conflicts (`<<<<<<< before updating` … `>>>>>>> after updating`,
and any `.rej` files), run `uvx nox`, and commit. Your own edits are kept; pre-commit refuses
leftover conflict markers.

## What changes

{changes}
"""


def main() -> None:
    if not ANSWERS.is_file():
        return  # not rendered by copier (the template collection itself, for one)
    check = [sys.executable, "-m", "copier", "check-update", "--output-format", "json"]
    result = subprocess.run(check, capture_output=True, text=True, check=True)
    status = json.loads(result.stdout)
    if not status["update_available"]:
        return
    current, latest = str(status["current_version"]), str(status["latest_version"])
    source = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["_src_path"]
    changes = releases_between(changelog_at(source, latest), current, latest)
    changes = changes or "The template's changelog does not describe these releases."
    follows = _follows(current)
    sys.stdout.write(ISSUE.format(latest=latest, current=follows, changes=changes))


if __name__ == "__main__":
    main()
