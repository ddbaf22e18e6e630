"""Start a new kind from an existing one: `uvx nox -s add-kind -- NAME --like KIND`.

It writes the three pieces docs/maintainers.md's "Adding a kind" asks for, each a copy of
KIND's: the `[kinds.NAME]` table in templates/questions.toml, the folder templates/NAME/ and
the page docs/NAME.md. The copy is a start, not a kind: until its table says what tells its
projects apart (a dependency, an entry point or a script), `nox -s assemble` refuses it.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

import tomlkit

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = Path("templates") / "questions.toml"


class Refused(Exception):
    """The skeleton cannot be written: nothing was."""


def add_kind(name: str, like: str, root: Path = ROOT) -> list[Path]:
    """Write NAME's table, folder and page as copies of LIKE's; return what was written."""
    document = tomlkit.parse((root / QUESTIONS).read_text("utf-8"))
    kinds = document["kinds"]
    folder, page = root / "templates" / name, root / "docs" / f"{name}.md"
    if not re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", name):
        raise Refused(f"{name!r} is not a kind's name: lowercase words joined by -, such as web-service")
    if like not in kinds:
        raise Refused(f"there is no kind {like!r} to start from: {', '.join(kinds)}")
    taken = [str(path.relative_to(root)) for path in (folder, page) if path.exists()]
    if name in kinds or taken:
        raise Refused(f"{name} exists already: {', '.join([f'[kinds.{name}]'] * (name in kinds) + taken)}")

    table = copy.deepcopy(kinds[like])
    table["title"] = name
    kinds[name] = table
    shutil.copytree(root / "templates" / like, folder)
    page.write_text((root / "docs" / f"{like}.md").read_text("utf-8").replace(like, name), "utf-8")
    (root / QUESTIONS).write_text(tomlkit.dumps(document), "utf-8")
    return [root / QUESTIONS, folder, page]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the new kind's name, such as web-service")
    parser.add_argument("--like", required=True, help="the kind to copy, such as python-lib")
    args = parser.parse_args(argv)
    try:
        written = add_kind(args.name, args.like)
    except Refused as refused:
        print(f"Cannot add {args.name}: {refused}. Nothing was written.", file=sys.stderr)
        return 1
    print(
        f"Wrote {', '.join(str(path.relative_to(ROOT)) for path in written)}, copies of {args.like}'s.\n"
        f"Next (docs/maintainers.md, Adding a kind): edit [kinds.{args.name}] (title, description, "
        "for, gives, and the dependency, entry point or script that tells its projects apart), its "
        "files and its page; add a CHANGELOG.md line; then `uvx nox -s assemble` and "
        "`uvx nox -s docs -- cog`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
