"""Let a project rendered by cookiecutter follow the templates with `copier update`.

    cd my-project
    python ../templates/hooks/cookiecutter_to_copier.py ~/.cookiecutter_replay/python-lib.json \\
        --template gh:ORG/templates --release v0.1.0

cookiecutter keeps the answers it was given in its replay file. This writes them, in the
current directory, as copier's answers file `.copier-answers.yml`, naming the template and the release the project was rendered from, so that
`copier update` can compare that release with the newest one and apply the difference. No
file of the project is rendered again, so no edit can be lost on the way.
"""

import argparse
import json
import sys
from pathlib import Path

ANSWERS = Path(".copier-answers.yml")


def copier_answers(replay: dict[str, dict[str, object]], template: str, release: str) -> str:
    context = replay["cookiecutter"]
    answers = {name: value for name, value in context.items() if not name.startswith("_")}
    answers["kind"] = context["_kind"]
    lines = [
        "# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY",
        f"_commit: {json.dumps(release)}",
        f"_src_path: {json.dumps(template)}",
        # JSON strings are YAML strings too, whatever characters they hold
        *(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in sorted(answers.items())),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("replay", type=Path, help="cookiecutter's replay file for the template used")
    parser.add_argument("--template", required=True, help="where copier finds the templates")
    parser.add_argument("--release", required=True, help="the release tag the project was rendered from")
    args = parser.parse_args(argv)
    replay = json.loads(args.replay.read_text(encoding="utf-8"))
    ANSWERS.write_text(copier_answers(replay, args.template, args.release), encoding="utf-8")
    print(f"Wrote {ANSWERS}: commit it, then `copier update --trust` follows the templates.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
