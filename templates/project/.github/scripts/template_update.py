# /// script
# requires-python = ">=3.11"
# dependencies = ["copier>=9.8"]
# ///
"""Say whether a newer release of the project template exists, and what updating brings.

    uv run --script .github/scripts/template_update.py

Prints the body of an issue (what changed in each newer release, the command that applies
them) when the template has a newer release than `.copier-answers.yml` records, and prints
nothing when the project is current. The template-update workflow files the issue.
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


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def check_update() -> dict[str, str | bool]:
    result = subprocess.run(
        [sys.executable, "-m", "copier", "check-update", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    status: dict[str, str | bool] = json.loads(result.stdout)
    return status


def source_of_template() -> str:
    source: str = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["_src_path"]
    return source


def clone_url(source: str) -> str:
    """The template's address as git understands it (copier also takes gh:, gl:, git+)."""
    for shorthand, host in (
        ("gh:", "https://github.com/"),
        ("gl:", "https://gitlab.com/"),
    ):
        if source.startswith(shorthand):
            return host + source.removeprefix(shorthand).removesuffix(".git") + ".git"
    return source.removeprefix("git+")


def changelog_at(source: str, version: str) -> str:
    """The template's CHANGELOG.md as released in `version` (empty if it has none)."""
    with tempfile.TemporaryDirectory() as clone:
        subprocess.run(
            [
                "git",
                "clone",
                "--quiet",
                "--depth=1",
                f"--branch=v{version}",
                clone_url(source),
                clone,
            ],
            check=True,
        )
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


def issue_body(current: str, latest: str, changes: str) -> str:
    return f"""\
The project template has a newer release: **{latest}** (this project follows {current}).

To apply it, on a clean work tree:

```console
uvx copier update --trust --defaults
```

(`--defaults` keeps the answers recorded in `.copier-answers.yml`; leave it out to
review each of them.) Then resolve any conflicts (`<<<<<<< before updating` … `>>>>>>> after updating`, and any
`.rej` files), run `uvx nox`, and commit. Your own edits are kept; pre-commit refuses
leftover conflict markers.

## What changes

{changes or "The template's changelog does not describe these releases."}
"""


def main() -> int:
    if not ANSWERS.is_file():
        return 0  # not rendered by copier (the template collection itself, for one)
    status = check_update()
    if not status["update_available"]:
        return 0
    current, latest = str(status["current_version"]), str(status["latest_version"])
    changes = releases_between(
        changelog_at(source_of_template(), latest), current, latest
    )
    sys.stdout.write(issue_body(current, latest, changes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
