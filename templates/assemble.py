"""Assemble every template directory and copier.yml from the shared source in templates/.

    python -m templates.assemble           # write the assembled files (nox -s assemble)
    python -m templates.assemble --check   # say what differs from the source; exit 1 if any

Run from the collection's folder, where `templates` and `hooks` import as packages.

The source: `questions.toml` (kinds and questions), `project/` (files every generated
project gets), `<kind>/` (files only that kind gets), `hooks/` (the thin cookiecutter hooks)
and `../hooks/answers.py` (the answer rules). Everything this script writes is output:
edit the source and run it again, never the other way round.
"""

from __future__ import annotations

import json
import re
import stat
import sys
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import yaml

SOURCE = Path(__file__).resolve().parent
ROOT = SOURCE.parent
PROJECT_DIR = "{{cookiecutter.project_slug}}"

from hooks import next_steps
from hooks.answers import KIND_RULES, NAME_LIMIT, RULES, Rule, jinja_ascii_name
from hooks.cookiecutter_to_copier import kind_marks
from hooks.organisation import OrganisationError, load_source

# Files of the collection itself that are the same bytes as every generated project's:
# GitHub lets a workflow's token push a commit only if it leaves .github/workflows/ alone.
COLLECTION_COPIES = (
    ".github/workflows/ci.yml",
    ".github/workflows/publish.yml",
    ".github/workflows/template-update.yml",
    ".github/dependabot.yml",
)


def _choices(source: dict[str, Any], question: dict[str, Any]) -> list[str]:
    choices = question.get("choices", [])
    return source[choices] if isinstance(choices, str) else list(choices)


def menu(source: dict[str, Any], question: dict[str, Any]) -> list[str]:
    """A choice question's options as both engines list them: its default first, because the
    first item of a cookiecutter menu is its default, then the others in their order."""
    default = question["default"]
    return [default, *(option for option in _choices(source, question) if option != default)]


def menu_description(meta: dict[str, Any]) -> str:
    return f"{meta['description']}; maintained by {meta['owner']}"


def cookiecutter_menu(source: dict[str, Any]) -> dict[str, Any]:
    return {
        "templates": {
            kind: {"path": f"./{kind}", "title": meta["title"], "description": menu_description(meta)}
            for kind, meta in source["kinds"].items()
        }
    }


def _filled(pattern: str, placeholders: dict[str, str]) -> str:
    """A Jinja expression for `pattern` with each {placeholder} replaced by its expression."""
    pieces = re.split(r"\{(\w+)\}", pattern)  # the placeholders' names land at odd indexes
    parts = [
        placeholders[piece] if index % 2 else json.dumps(piece) for index, piece in enumerate(pieces) if piece
    ]
    return " ~ ".join(parts) or '""'


# Characters that mean something in Markdown (CommonMark, GitHub's, MyST's) wherever they are,
# and those that do at the start of a paragraph: a list, a MyST comment, target or block break.
MARKDOWN_MARKS = "\\`*_[]<>&|~#$"
MARKDOWN_OPENINGS = ["-", "+", "%", "(", "=", ":"]
BACKSLASH = "\\"


def markdown_text(answer: str) -> str:
    """A Jinja expression for the free-text `answer` written as Markdown that shows it as it
    was typed (less the spaces at either end, which Markdown drops): each mark escaped with a
    backslash, and an opening that would start a list or a MyST construct, such as `- ` or
    `1. `, escaped too."""
    text = f"({answer} | trim)"
    # the backslash first, so that the ones put before the other marks stay single
    replaced = "".join(
        f" | replace({_jinja_string(mark)}, {_jinja_string(BACKSLASH + mark)})" for mark in MARKDOWN_MARKS
    )
    digits = f"(({text} | length) - ({text}.lstrip('0123456789') | length))"  # how many it starts with
    numbered = f"{text}[:{digits}] ~ '\\\\' ~ ({text}[{digits}:]{replaced})"
    opening = f"('\\\\' if {text}[:1] in {json.dumps(MARKDOWN_OPENINGS)} else '')"
    return (
        f"({numbered}) if ({digits} > 0 and {text}[{digits}:{digits} + 1] in ['.', ')']) "
        f"else ({opening} ~ ({text}{replaced}))"
    )


def derived_values(source: dict[str, Any]) -> dict[str, str]:
    """Values made from the answers, as Jinja expressions: the organisation's settings that
    depend on them, and the free text that Markdown files show."""
    organisation = source["organisation"]
    return {
        "__docs_url": _filled(
            organisation["docs_url"],
            {"project_slug": "cookiecutter.project_slug", "github_owner": "cookiecutter.github_owner"},
        ),
        "__healthcheck_variable": _filled(
            organisation["healthcheck_variable"], {"MODULE": "(cookiecutter.module_name | upper)"}
        ),
        "__project_name_markdown": markdown_text("cookiecutter.project_name"),
        "__description_markdown": markdown_text("cookiecutter.description"),
    }


def organisation_values(source: dict[str, Any]) -> dict[str, str]:
    """The organisation's settings that every project reads as they are."""
    organisation = source["organisation"]
    return {
        "_default_branch": organisation["default_branch"],
        "_package_index": organisation["package_index"],
        "_healthcheck_base_url": organisation["healthcheck_base_url"],
    }


def questions_for(source: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """The questions a kind asks, in order, with the kind's own defaults applied."""
    defaults = source["kinds"][kind].get("defaults", {})
    return {
        name: {**question, "default": defaults.get(name, question.get("default"))}
        for name, question in source["questions"].items()
        if kind in question.get("kinds", source["kinds"])
    }


# What templates/project/ reads of each kind (questions.toml's [kinds] tables), with the value a
# kind that does not say gets.
KIND_FACTS: dict[str, Any] = {
    "title": "",
    "name_prefix": "",
    "dependencies": [],
    "why": "",
    "test_dependencies": [],
    "docs_dependencies": [],
    "classifiers": [],
    "entry_points": {},
    "entry_points_why": "",
    "ruff_ignores": {},
    "ruff_ignores_why": "",
    "scripts": {},
    "typed_imports": [],
    "untyped_imports": [],
    "warning_filters": [],
    "sphinx_extensions": [],
    "docs_pages": [],
    "usage": "",
    "logs": "library",
    "logging": "",
    "changelog": "",
    "image": False,
}


# What questions.toml's [kinds] tables hold besides KIND_FACTS (null_handler: for hooks/adopt.py),
# and what every kind must say.
KIND_FIELDS = {"description", "for", "gives", "defaults", "files", "null_handler", *KIND_FACTS}
REQUIRED = ("title", "description", "for", "gives")
# What a kind's folder must hold, and where its docs page is.
KIND_FILES = ("README.md", "src/{{cookiecutter.module_name}}/__init__.py", "tests")


class KindError(Exception):
    """A kind lacks something it needs: the message names the kind and the missing piece."""


def check_kinds(source: dict[str, Any], root: Path = ROOT) -> None:
    """Refuse, in one line, a kind whose table or files miss what the collection needs."""
    for kind, meta in source["kinds"].items():
        table = f"templates/questions.toml [kinds.{kind}]"
        unknown = ", ".join(sorted(set(meta) - KIND_FIELDS - {"owner"}))
        missing = ", ".join(name for name in REQUIRED if not meta.get(name))
        needed = [f"templates/{kind}/{name}" for name in KIND_FILES if not (SOURCE / kind / name).exists()]
        needed += [] if (root / "docs" / f"{kind}.md").is_file() else [f"docs/{kind}.md"]
        msg = ""
        if unknown:
            msg = f"{table}: unknown {unknown} (the fields are listed above [kinds.python-lib])"
        elif missing:
            msg = f"{table}: no {missing} (the fields are listed above [kinds.python-lib])"
        elif meta.get("logs", "library") not in ("library", "command"):
            msg = f'{table}: logs is "library" or "command", not "{meta["logs"]}"'
        elif needed:
            msg = f"{kind}: no {', '.join(needed)} (docs/maintainers.md, Adding a kind)"
        if msg:
            raise KindError(msg)
    check_kinds_differ(source)


def check_kinds_differ(source: dict[str, Any]) -> None:
    """Refuse two kinds whose projects declare the same entry points, scripts and dependencies:
    moving a cookiecutter project to copier tells its kind by them."""
    seen: dict[frozenset[str], str] = {}
    for kind, meta in source["kinds"].items():
        other = seen.setdefault(kind_marks(meta), kind)
        if other != kind:
            msg = (
                f"templates/questions.toml [kinds.{kind}]: its projects cannot be told from {other}'s: "
                "give it an entry point, a script or a dependency (docs/maintainers.md, Adding a kind)"
            )
            raise KindError(msg)


def kind_facts(source: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each kind's facts for the shared files: `cookiecutter._kinds[cookiecutter._kind]`."""
    return {
        kind: {name: meta.get(name, empty) for name, empty in KIND_FACTS.items()}
        for kind, meta in source["kinds"].items()
    }


def cookiecutter_context(source: dict[str, Any], kind: str) -> dict[str, Any]:
    """A kind's cookiecutter.json: the answers, then the private values templates read."""
    context: dict[str, Any] = {}
    prompts: dict[str, str] = {}
    choices: dict[str, list[str]] = {}
    for name, question in questions_for(source, kind).items():
        options = _choices(source, question)
        # A list is a numbered menu. An answer outside it from the command line or a user
        # config never reaches the hooks (cookiecutter refuses or ignores it first, as
        # docs/troubleshooting.md says); one from a replay file does, and the pre-generation
        # hook names the allowed values.
        context[name] = menu(source, question) if options else question["default"]
        prompts[name] = question["prompt"]
        if options:
            choices[name] = options
    context.update(
        {
            "_kind": kind,
            "_kinds": kind_facts(source),
            "_python_versions": source["python_versions"],
            "_choices": choices,
            **organisation_values(source),
            # cookiecutter renders values whose names start with __, after the answers
            **{name: f"{{{{ {expression} }}}}" for name, expression in derived_values(source).items()},
            # only copier renders the answers file; an empty name makes cookiecutter skip it
            "__answers": "",
            "__suggestions": suggestions(source, kind),
            "__prompts__": prompts,
        }
    )
    return context


def suggestions(source: dict[str, Any], kind: str) -> dict[str, list[str]]:
    """cookiecutter's `__suggestions`: for each question whose default is made from an earlier
    answer, that answer's question and the default, which cookiecutter renders once answered.
    The hook then blames a refused suggestion on the answer it was made from, as copier does
    (hooks/answers.py's problems())."""
    found = {}
    for name, question in questions_for(source, kind).items():
        used = set(_answers_used(question.get("default") or ""))
        if used:
            (earlier,) = used  # a default made from two answers would need blaming on both
            found[name] = [earlier, question["default"]]
    return found


def _jinja_string(text: str) -> str:
    # JSON string syntax is also a valid Jinja string literal with the same value.
    return json.dumps(text)


def _broken(value: str, rule: Rule) -> str:
    """A Jinja condition that is true when `value`, a Jinja expression, breaks `rule`."""
    anchored = "^(?:" + rule.pattern + r")\Z"
    conditions = [f"({value} | regex_search({_jinja_string(anchored)})) is none"]
    # only refused values the pattern lets through need listing
    refused = sorted(word for word in rule.refused if re.fullmatch(rule.pattern, word))
    if refused:
        conditions.append(f"{value} in {json.dumps(refused)}")
    if rule.makes_a_name:
        conditions.append(f'ascii_name({value}, "-", {NAME_LIMIT}) == ""')
    return " or ".join(conditions)


def _complaints(name: str, value: str, said: str) -> list[tuple[str, str]]:
    """(condition, text) for each rule of question `name` that `value` may break, in the
    order the hook checks them; `said` opens the text."""
    found = [(_broken(value, RULES[name]), f"{said}{RULES[name].allowed}")]
    for kind, rules in KIND_RULES.items():
        if name in rules:
            found.append(
                (
                    f"kind == {_jinja_string(kind)} and ({_broken(value, rules[name])})",
                    said + rules[name].allowed,
                )
            )
    return found


def _answers_used(template: str) -> list[str]:
    return re.findall(r"cookiecutter\.(\w+)", template)


def made_from(source: dict[str, Any], name: str) -> list[str]:
    """The questions whose defaults are made from `name`'s answer, directly or through
    another such default, in the order they are asked."""
    made = [name]
    for other, question in source["questions"].items():
        if other not in made and set(_answers_used(question.get("default") or "")) & set(made):
            made.append(other)
    return made[1:]


def copier_validator(source: dict[str, Any], name: str) -> str:
    """The copier `validator:` for a question: empty when valid, the hook's line when not.

    copier checks a default before it shows it, and stops with a traceback when the default
    breaks its question's rule. So the answer a default is made from is refused where it is
    asked, naming the default it would make (`answers.makes()` words it), unless that default
    is not used: its question, or one it is made from in turn, is answered already (by --data,
    or the last answers of an update), and is checked when its turn comes.
    """
    quoted = f"{{{{ {name} | to_json(ensure_ascii=False) }}}}"
    branches = _complaints(name, name, f"{name} {quoted}: ")
    setup = ""
    made = made_from(source, name)
    if made:
        setup = "{% set made = namespace() %}"
        # when each default is used: its question, and those it is made from, not answered yet
        unanswered: dict[str, str] = {}
        for other in made:
            question = source["questions"][other]
            used = [answer for answer in [name, *made] if answer in _answers_used(question["default"])]
            default = copier_default(source, other).replace(jinja_ascii_name(), "")
            arguments = ", ".join(answer if answer == name else f"made.{answer}" for answer in used)
            setup += f"{{% macro default_{other}({', '.join(used)}) %}}{default}{{% endmacro %}}"
            setup += f"{{% set made.{other} = default_{other}({arguments}) %}}"
            unanswered[other] = " and ".join(
                [f"{other} is not defined", *(unanswered[answer] for answer in used if answer != name)]
            )
            asked = f"kind in {json.dumps(question['kinds'])} and " if "kinds" in question else ""
            said = f"{name} {quoted} makes {other} {{{{ made.{other} | to_json(ensure_ascii=False) }}}}: "
            branches += [
                (f"{unanswered[other]} and {asked}({condition})", text)
                for condition, text in _complaints(other, f"made.{other}", said)
            ]
    text = "".join(
        f"{{% {'elif' if index else 'if'} {condition} %}}{line}"
        for index, (condition, line) in enumerate(branches)
    )
    text = setup + text + "{% endif %}"
    return jinja_ascii_name() + text if "ascii_name(" in text else text


def unknown_answers_validator(names: list[str]) -> str:
    """copier ignores answers to questions it does not have; a typo deserves a message.

    Names starting with _ are copier's own records (_src_path, _commit), not answers.
    """
    return (
        "{% set found = namespace(unknown=[]) %}"
        f"{{% for name in _copier_conf.data if name not in {json.dumps(names)} and not name.startswith('_') %}}"
        "{% set found.unknown = found.unknown + [name] %}{% endfor %}"
        "{% if found.unknown %}"
        f"unknown answer {{{{ found.unknown | join(', ') }}}}: the questions are {', '.join(names)}"
        "{% endif %}"
    )


def copier_default(source: dict[str, Any], name: str) -> str:
    """A question's default in copier's spelling, chosen by kind where kinds differ."""
    general = source["questions"][name]["default"]
    text = ""
    for kind in source["kinds"]:
        default = questions_for(source, kind).get(name, {}).get("default", general)
        if default != general:
            keyword = "elif" if text else "if"
            text += f"{{% {keyword} kind == {_jinja_string(kind)} %}}{default}"
    text = f"{text}{{% else %}}{general}{{% endif %}}" if text else general
    return text.replace("cookiecutter.", "")


def copier_migrations(source: dict[str, Any]) -> dict[str, Any]:
    """copier's `_migrations`: after an update, carry team edits of each moved file along."""
    migrations = [
        {
            "version": move["version"],
            "when": "{{ _stage == 'after' }}",
            "command": [
                "{{ _copier_python }}",
                "{{ _copier_conf.src_path / 'hooks' / 'carry_edits.py' }}",
                move["old"].replace("cookiecutter.", ""),
                move["new"].replace("cookiecutter.", ""),
            ],
        }
        for move in source.get("migrations", [])
    ]
    return {"_migrations": migrations} if migrations else {}


def copier_message_after_copy(source: dict[str, Any]) -> str:
    """hooks/next_steps.py's message in Jinja: the path, absolute as the cookiecutter hook
    prints it, and the command of the kinds that ask for one."""
    plain = _jinja_string("^(?:" + next_steps.PLAIN_PATH + r")\Z")
    path = (
        "{% set path = _copier_conf.dst_path | realpath %}"
        f"""{{% set path = path if (path | regex_search({plain})) is not none else '"' ~ path ~ '"' %}}"""
    )
    without = next_steps.message("{{ path }}")
    with_command = next_steps.message("{{ path }}", "{{ command_name }}")
    kinds = json.dumps(source["questions"]["command_name"]["kinds"])
    # the command's step comes last, so the message without it is the other's beginning
    assert with_command.startswith(without)
    return f"{path}{without}{{% if kind in {kinds} %}}{with_command.removeprefix(without)}{{% endif %}}"


def copier_config(source: dict[str, Any]) -> str:
    kinds = source["kinds"]
    config: dict[str, Any] = {
        "_min_copier_version": "9.8.0",
        "_subdirectory": "{{ kind }}/{% raw %}" + PROJECT_DIR + "{% endraw %}",
        "_templates_suffix": "",
        "_answers_file": ".copier-answers.yml",
        "_tasks": [
            {
                "command": [
                    "{{ _copier_python }}",
                    "{{ _copier_conf.src_path / 'hooks' / 'git_init.py' }}",
                    "--author-name={{ author_name }}",
                    "--author-email={{ author_email }}",
                    "--kind={{ kind }}",
                    f"--branch={source['organisation']['default_branch']}",
                ],
                "when": "{{ _copier_operation == 'copy' }}",
            }
        ],
        **copier_migrations(source),
        "_message_after_copy": copier_message_after_copy(source),
        "kind": {
            "type": "str",
            "help": "Which template?",
            "choices": {f"{meta['title']}: {menu_description(meta)}": kind for kind, meta in kinds.items()},
            "validator": unknown_answers_validator(["kind", *source["questions"]]),
        },
    }
    for name, question in source["questions"].items():
        entry: dict[str, Any] = {"type": "str", "help": question["prompt"]}
        if "kinds" in question:
            entry["when"] = "{{ kind in " + json.dumps(question["kinds"]) + " }}"
        options = _choices(source, question)
        if options:
            entry["choices"] = menu(source, question)
            entry["default"] = question["default"]
        else:
            entry["default"] = copier_default(source, name)
            entry["validator"] = copier_validator(source, name)
        config[name] = entry

    # Templates say `cookiecutter.x`; copier gets the same namespace as a computed answer.
    context = cookiecutter_context(source, next(iter(kinds)))
    fields = [f'"{name}": {{{{ {name} | tojson }}}}' for name in source["questions"]]
    derived = derived_values(source)
    fields += [
        f'"{name}": {json.dumps(value)}'
        for name, value in context.items()
        if name.startswith("_")
        and name not in ("_kind", "__answers", "__prompts__", "__suggestions", *derived)
    ]
    fields += [
        f'"{name}": {{{{ ({expression.replace("cookiecutter.", "")}) | tojson }}}}'
        for name, expression in derived.items()
    ]
    fields += ['"_kind": {{ kind | tojson }}', '"__answers": ".copier-answers.yml"']
    config["cookiecutter"] = {"type": "json", "when": False, "default": "{" + ", ".join(fields) + "}"}
    header = "# Assembled by templates/assemble.py from templates/questions.toml: do not edit.\n"
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """yaml's safe dumper, writing a text of several lines (the message) as a literal block."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _Dumper.represent_str)


class File(NamedTuple):
    data: bytes
    executable: bool = False

    @classmethod
    def read(cls, path: Path) -> File:
        return cls(path.read_bytes(), _is_executable(path))


def _is_executable(path: Path) -> bool:
    return bool(path.stat().st_mode & stat.S_IXUSR)


def _tree(directory: Path) -> dict[str, File]:
    return {
        path.relative_to(directory).as_posix(): File.read(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _json(data: Any) -> File:
    return File((json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


INCLUDE = re.compile(r"^# assemble: include (\S+)$", re.MULTILINE)
# The block that runs a script as a command; a hook that inlines the script calls it itself.
MAIN_BLOCK = re.compile(r'^if __name__ == "__main__":\n(?:    .*\n)+\Z', re.MULTILINE)


def hook(path: Path) -> bytes:
    """A cookiecutter hook with the shared scripts it names inlined, shielded from Jinja."""

    def inline(match: re.Match[str]) -> str:
        script = MAIN_BLOCK.sub("", (ROOT / match.group(1)).read_text("utf-8"))
        return "{% raw %}" + script + "{% endraw %}"

    return INCLUDE.sub(inline, path.read_text("utf-8")).encode()


# A Jinja snippet that several files need, written once under templates/ and pasted in place
# of the line that names it (the engines' loaders cannot share a file outside the project).
JINJA_INCLUDE = re.compile(r"^\{# assemble: include (\S+) #\}\n", re.MULTILINE)


def with_snippets(file: File) -> File:
    """A template file with each snippet it names pasted in."""
    if b"assemble: include" not in file.data:
        return file
    text = JINJA_INCLUDE.sub(lambda match: (SOURCE / match.group(1)).read_text("utf-8"), file.data.decode())
    return File(text.encode(), file.executable)


def kind_files(source: dict[str, Any], kind: str) -> dict[str, File]:
    """Everything in `<kind>/`, keyed by path relative to the collection root."""
    shared, own = _tree(SOURCE / "project"), _tree(SOURCE / kind)
    clash = sorted(shared.keys() & own.keys())
    if clash:
        msg = f"templates/{kind}/ repeats files of templates/project/: {', '.join(clash)}"
        raise SystemExit(msg)
    files = {f"{kind}/{PROJECT_DIR}/{path}": with_snippets(data) for path, data in {**shared, **own}.items()}
    files |= {
        f"{kind}/hooks/{path.name}": File(hook(path)) for path in sorted((SOURCE / "hooks").glob("*.py"))
    }
    files[f"{kind}/cookiecutter.json"] = _json(cookiecutter_context(source, kind))
    return files


def collection_copies(source: dict[str, Any]) -> dict[str, File]:
    """The collection's own files that are rendered project files: no answers, only settings."""
    environment = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    context = {"cookiecutter": organisation_values(source)}
    return {
        path: File(
            environment.from_string((SOURCE / "project" / path).read_text("utf-8")).render(context).encode()
        )
        for path in COLLECTION_COPIES
    }


SETUP_WORKFLOW = ".github/workflows/setup.yml"
SETUP_KINDS = re.compile(r"^(        options: \[auto)(?:, [\w-]+)*(\])$", re.MULTILINE)


def setup_workflow(source: dict[str, Any]) -> File:
    """The "Use this template" workflow, written by hand but for its menu of kinds, made here."""
    text = (ROOT / SETUP_WORKFLOW).read_text("utf-8")
    options = "".join(f", {kind}" for kind in source["kinds"])
    return File(SETUP_KINDS.sub(lambda match: f"{match.group(1)}{options}{match.group(2)}", text).encode())


def gitattributes(source: dict[str, Any], outputs: list[str]) -> File:
    """The collection's .gitattributes: LF everywhere, and this script's output marked generated.

    GitHub folds generated files in a pull request's diff, so a review reads the change to
    templates/ and not its copies.
    """
    generated = [f"/{kind}/** linguist-generated" for kind in source["kinds"]]
    generated += [
        f"/{path} linguist-generated"
        for path in outputs
        if path.split("/")[0] not in source["kinds"] and path != SETUP_WORKFLOW  # mostly by hand
    ]
    header = "# Written by templates/assemble.py (uvx nox -s assemble): edit it there.\n* text=auto eol=lf\n"
    return File((header + "\n".join(sorted(generated)) + "\n").encode())


def assembled() -> dict[str, File]:
    """Every output file, keyed by its path relative to the collection root."""
    source = load_source()
    check_kinds(source)
    files = {
        "cookiecutter.json": _json(cookiecutter_menu(source)),
        "copier.yml": File(copier_config(source).encode()),
        **collection_copies(source),
        SETUP_WORKFLOW: setup_workflow(source),
    }
    for kind in source["kinds"]:
        files |= kind_files(source, kind)
    files[".gitattributes"] = gitattributes(source, list(files))
    return files


def differences() -> list[str]:
    """What on disk differs from the assembly: changed, missing, or left over."""
    expected = assembled()
    kinds = load_source()["kinds"]
    on_disk = {path: ROOT / path for path in expected}
    for kind in kinds:
        on_disk |= {f"{kind}/{path}": ROOT / kind / path for path in _tree(ROOT / kind)}
    found = []
    for path, file in sorted(on_disk.items()):
        if path not in expected:
            found.append(f"{path}: not in the source (remove it)")
        elif not file.is_file():
            found.append(f"{path}: missing")
        elif File.read(file) != expected[path]:
            found.append(f"{path}: differs from its source")
    return found


def write() -> None:
    for line in differences():
        path = line.split(":", 1)[0]
        if line.endswith("(remove it)"):
            (ROOT / path).unlink()
    for path, file in assembled().items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or File.read(target) != file:
            target.write_bytes(file.data)
            mode = target.stat().st_mode
            executable = stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH
            target.chmod(mode | executable if file.executable else mode & ~executable)


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except (OrganisationError, KindError) as error:
        print(error, file=sys.stderr)
        return 1


def _main(argv: list[str]) -> int:
    if argv == ["--check"]:
        found = differences()
        for line in found:
            print(line)
        if found:
            print("The assembled templates are stale: run `nox -s assemble` and commit the result.")
        return 1 if found else 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
