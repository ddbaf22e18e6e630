"""`templates`: the collection's own commands, each with `--help`.

    uv run templates --help                                                   # in a clone
    uvx --from git+https://github.com/ORG/templates templates --help          # without one

adopt, move and setup run the scripts in hooks/ that people and the setup workflow also run by
path; fleet is collection/fleet.py. Each subcommand's module is imported only when it runs, so
`templates fleet` does not load what adopting needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

# name -> (one line for the list, what it runs). adopt and move parse their own arguments.
PASSED_ON = {
    "adopt": "bring an existing repository onto the templates (hooks/adopt.py)",
    "move": "let a project cookiecutter rendered follow the templates with copier update (hooks/cookiecutter_to_copier.py)",
}


def _adopt(argv: list[str]) -> int:
    from hooks import adopt

    return adopt.main(argv)


def _move(argv: list[str]) -> int:
    from hooks import cookiecutter_to_copier

    return cookiecutter_to_copier.main(argv)


def _setup(_argv: list[str]) -> int:
    from hooks import use_this_template

    return use_this_template.main()


RUNNERS: dict[str, Callable[[list[str]], int]] = {"adopt": _adopt, "move": _move}


def parser() -> argparse.ArgumentParser:
    from collection import fleet

    top = argparse.ArgumentParser(prog="templates", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in PASSED_ON.items():
        # `templates adopt --help` is the script's own help: the arguments go to it unread
        sub = commands.add_parser(name, help=summary, add_help=False)
        sub.add_argument("arguments", nargs=argparse.REMAINDER)
    fleet_parser = commands.add_parser(
        "fleet",
        help="list the organisation's repositories that follow the templates; --update runs their updates",
        description=fleet.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fleet.add_arguments(fleet_parser)
    commands.add_parser(
        "setup",
        help="set up a repository made with Use this template (what .github/workflows/setup.yml runs)",
        description=(
            "Render the kind a repository made with GitHub's Use this template asks for, test it and push "
            "it. It reads the workflow's environment (GITHUB_EVENT_PATH, GITHUB_TOKEN, TEMPLATE_REPOSITORY, "
            "OWNER_NAME): see hooks/use_this_template.py."
        ),
    )
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # adopt and move take every argument after their name, --help included, unread
    if argv and argv[0] in RUNNERS:
        sys.argv[0] = f"templates {argv[0]}"  # the name the script's own help and errors give
        return RUNNERS[argv[0]](argv[1:])
    args = parser().parse_args(argv)
    if args.command == "fleet":
        from collection import fleet

        return fleet.run(args)
    return _setup([])


if __name__ == "__main__":
    sys.exit(main())
