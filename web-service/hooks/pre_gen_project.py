{% raw %}"""The rules every answer must follow, written once for both engines.

cookiecutter's pre-generation hook calls `main()`; `templates/assemble.py` turns the same
`RULES` into copier `validator:` expressions, so an answer one engine accepts the other
accepts too. Each rule is data (a pattern, refused values, choices), not code, for that reason.

It runs inside whatever Python runs the engine (3.10 or newer, as cookiecutter and copier
require), inlined into the cookiecutter hook, so it uses the standard library only, and every
render waits for its imports: a NamedTuple, not a dataclass, which would import `inspect`.
"""

import functools
import json
import keyword
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from typing import NamedTuple

# One line of text: no control characters and no Unicode line or paragraph separators,
# which TOML, YAML and Python strings would each treat differently.
_LINE_CHAR = r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]"

# A module named like a standard-library one shadows it (`import logging` would import the
# project). Fixed here, not read from `sys.stdlib_module_names`, so every Python that runs a
# hook refuses the same names; `tests/test_answers.py` checks this list is complete.
STDLIB_MODULES = frozenset(
    """
    __future__ _thread abc aifc antigravity argparse array ast asynchat asyncio asyncore
    atexit audioop base64 bdb binascii binhex bisect builtins bz2 cProfile calendar cgi
    cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent
    configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses
    datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno
    faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath
    getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib
    imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
    linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder
    msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode
    operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform
    plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc
    pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy
    sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr
    socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics
    string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile
    telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize
    tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata
    unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref
    xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo annotationlib compression
    string test
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)


# The tools every generated project imports: a package named like one would shadow it.
PROJECT_TOOLS = frozenset(["click", "furo", "hatchling", "mypy", "myst_parser", "nox", "pytest", "sphinx"])

# The longest distribution and import name: GitHub's limit for a repository name, and far
# below the file systems' 255 bytes for the folders named after them.
NAME_LIMIT = 100


# --- Names made from an answer ----------------------------------------------------------------
# A project name suggests the distribution name (and through it the import name and the
# command), an author's name the e-mail address. cookiecutter's Jinja and copier's share no
# filter that makes such a name, so `jinja_ascii_name()` writes the steps of `ascii_name()` as
# a Jinja macro, with the table below spelled out: both engines then suggest the same names,
# and tests/test_properties.py checks that they are the ones `ascii_name()` makes.

_ASCII_LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789"
# Where the letters people write in names are: Latin-1, Latin Extended-A and -B, the
# combining accents, Latin Extended Additional, the ligatures ﬀ to ﬆ, full-width a-z and 0-9.
_LATIN = ((0x00A0, 0x036F), (0x1E00, 0x1EFF), (0xFB00, 0xFB06), (0xFF10, 0xFF5A))
# Letters that Unicode does not decompose into ASCII ones, and apostrophes, which a name
# drops (Acme's makes acmes, not acme-s).
_OWN_SPELLINGS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "ħ": "h",
    "\u0131": "i",
}
_DROPPED = "'\u2019\u02bc"


@functools.cache
def transliterations() -> dict[str, str]:
    """What each lowercase non-ASCII letter of `_LATIN` becomes in a name: its ASCII letters
    (NFKD: é is e, ĳ is ij, ² is 2), or nothing for an accent written on its own.

    Unicode never changes the decomposition of a character it has assigned, so every Python
    makes the same table as the one templates/assemble.py wrote into the templates.
    """
    table = {}
    for first, last in _LATIN:
        for char in map(chr, range(first, last + 1)):
            decomposed = unicodedata.normalize("NFKD", char)
            plain = "".join(part for part in decomposed if not unicodedata.category(part).startswith("M"))
            if char == char.lower() and all(part in _ASCII_LETTERS_AND_DIGITS for part in plain.lower()):
                table[char] = plain.lower()
    return table | _OWN_SPELLINGS | dict.fromkeys(_DROPPED, "")


def ascii_name(text: str, separator: str, limit: int, prefix: str = "") -> str:
    """The name made from `text`: lowercase ASCII letters and digits, each run of anything
    else one `separator`, none at either end, at most `limit` characters.

    Accented letters lose their accents (Café is cafe); characters with no ASCII spelling
    separate words, as spaces and punctuation do. Empty when `text` has no letter or digit
    with an ASCII spelling.

    With a `prefix` (a kind's name_prefix), the name starts with the prefix and `separator`:
    My Checker is pytest-my-checker, pytest Checker stays pytest-checker. A name that is the
    prefix alone stays so, naming no plugin: the kind's rule refuses it, as it should.
    """
    table = transliterations()
    spelled = "".join(
        table.get(char, char if char in _ASCII_LETTERS_AND_DIGITS else " ") for char in text.lower()
    )
    name = separator.join(spelled.split())
    if prefix and name and name != prefix and not name.startswith(prefix + separator):
        name = prefix + separator + name
    return name[:limit].rstrip(separator)


def jinja_ascii_name() -> str:
    """`ascii_name()` as a Jinja macro of the same name, which templates/questions.toml calls
    as a filter: `{{ cookiecutter.project_name | ascii_name("-", 100) }}`.

    Written for both engines' Jinja: a loop over the characters (no regular expressions,
    which only copier's Jinja has), the table grouped by spelling to keep it short.
    """
    spellings: dict[str, str] = {}
    for char, plain in transliterations().items():
        spellings[plain] = spellings.get(plain, "") + char
    table = ", ".join(
        f"{_jinja_literal(plain)}: {_jinja_literal(chars)}" for plain, chars in spellings.items()
    )
    return (
        '{% macro ascii_name(text, separator, limit, prefix="") %}'
        '{% set found = namespace(spelled="") %}'
        "{% for char in text | lower %}"
        f'{{% set found.part = char if char in "{_ASCII_LETTERS_AND_DIGITS}" else " " %}}'
        f"{{% for plain, chars in {{{table}}}.items() if char in chars %}}{{% set found.part = plain %}}{{% endfor %}}"
        "{% set found.spelled = found.spelled ~ found.part %}"
        "{% endfor %}"
        "{% set found.name = found.spelled.split() | join(separator) %}"
        "{% if prefix and found.name and found.name != prefix and not found.name.startswith(prefix ~ separator) %}"
        "{% set found.name = prefix ~ separator ~ found.name %}"
        "{% endif %}"
        "{{ found.name[:limit].rstrip(separator) }}"
        "{% endmacro %}"
    )


def _jinja_literal(text: str) -> str:
    """A Jinja string literal (JSON's is one); accents written on their own as escapes, which
    would otherwise sit on the quote before them."""
    return re.sub(
        "[\u0300-\u036f]", lambda accent: f"\\u{ord(accent[0]):04x}", json.dumps(text, ensure_ascii=False)
    )


# a variable, or a string literal in single quotes
_PSEUDO_FILTER = re.compile(r"([\w.]+|'[^']*') \| ascii_name\(")


def expand_ascii_name(template: str) -> str:
    """A template of templates/questions.toml with its `X | ascii_name(...)` made the macro's
    call `ascii_name(X, ...)`, and the macro defined first; other templates as they are."""
    called = _PSEUDO_FILTER.sub(r"ascii_name(\1, ", template)
    return jinja_ascii_name() + called if called != template else template


class Rule(NamedTuple):
    """What an answer must look like, and how to say so when it does not."""

    # Short: copier shows it on one line, cut at the terminal's width (a test keeps each within
    # 100 columns); docs/troubleshooting.md says all of it, and the comments above each rule.
    allowed: str
    pattern: str = ""  # the whole answer must match, when set
    refused: frozenset[str] = frozenset()
    choices_from: str = ""  # name of the choice list the answer must be in, when set
    makes_a_name: bool = False  # `ascii_name()` must make a name of it, when set


RULES: dict[str, Rule] = {
    "project_name": Rule(
        # the names the next questions suggest are made of its letters and digits
        allowed="use one line with a letter (a to z, accented or not) or a digit",
        pattern=rf"(?=.*\w){_LINE_CHAR}+",
        makes_a_name=True,
    ),
    "project_slug": Rule(
        # normalised as PyPI compares names; at most NAME_LIMIT characters
        allowed="use lowercase words joined by -, e.g. my-app",
        pattern=rf"(?=.{{1,{NAME_LIMIT}}}\Z)[a-z0-9]+(?:-[a-z0-9]+)*",
    ),
    "module_name": Rule(
        # letters, digits and _, a letter first, at most NAME_LIMIT characters; taken: a keyword,
        # or a module of the standard library or of the project's tools, such as json or pytest
        allowed="use a lowercase Python name not already taken",
        pattern=rf"(?=.{{1,{NAME_LIMIT}}}\Z)[a-z][a-z0-9_]*",
        refused=STDLIB_MODULES | PROJECT_TOOLS | frozenset(keyword.kwlist),
    ),
    "description": Rule(
        allowed="use one line of text, without control characters",
        pattern=rf"{_LINE_CHAR}*",
    ),
    "author_name": Rule(
        # git drops them from an author's name, and e-mail headers put the address between them
        allowed="use one line of text with at least one letter, without < or >",
        pattern=rf"(?=.*\w)(?:(?![<>]){_LINE_CHAR})+",
    ),
    "author_email": Rule(
        # no character that RFC 5322 allows only in quotes (nor a backslash, its escape)
        allowed="use an e-mail address such as you@example.com",
        pattern=r"[^@\s\"<>,;:()\[\]\\]+@[^@\s\"<>,;:()\[\]\\.]+(?:\.[^@\s\"<>,;:()\[\]\\.]+)+",
    ),
    "github_owner": Rule(
        # up to 39 letters, digits and single hyphens, no hyphen at either end
        allowed="use a GitHub user or organisation name, such as octo-org",
        pattern=r"(?=.{1,39}\Z)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*",
    ),
    "command_name": Rule(
        # at most 40 characters: longer names make click wrap its usage line, which the README shows
        allowed="use lowercase words joined by -, letter first",
        pattern=r"(?=.{1,40}\Z)[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
    ),
    "min_python": Rule(allowed="use one of", choices_from="min_python"),
    "license": Rule(allowed="use one of", choices_from="license"),
}


# Rules a kind adds on top of RULES, checked once the general rule is met.
def name_rules(prefix: str) -> dict[str, Rule]:
    """The rules of a kind whose names start with a prefix (questions.toml's `name_prefix`), as
    pytest's convention has it: the pytest-NAME distribution installs the pytest_NAME module.
    The import name is then never the prefix itself, the package the kind plugs into."""
    return {
        "project_slug": Rule(
            allowed=f"use {prefix}-NAME, such as {prefix}-demo",
            pattern=rf"{re.escape(prefix)}-[a-z0-9]+(?:-[a-z0-9]+)*",
        ),
        "module_name": Rule(
            allowed=f"use {prefix}_NAME, such as {prefix}_demo",
            pattern=rf"{re.escape(prefix)}_[a-z0-9]+(?:_[a-z0-9]+)*",
        ),
    }


#: Each kind's rules on top of RULES, by kind: filled from questions.toml's `name_prefix` by
#: hooks/organisation.py's load_source(), and for its own kind by the cookiecutter hook.
KIND_RULES: dict[str, dict[str, Rule]] = {}


def quote(value: str) -> str:
    """Show an answer the way both engines print it: JSON, non-ASCII kept as is."""
    return json.dumps(value, ensure_ascii=False)


def _broken(rule: Rule, question: str, value: str, choices: Mapping[str, Sequence[str]]) -> str | None:
    if rule.choices_from:
        allowed = choices[rule.choices_from]
        if value in allowed:
            return None
        return f"{question} {quote(value)}: {rule.allowed} {', '.join(allowed)}"
    makes_a_name = not rule.makes_a_name or ascii_name(value, "-", NAME_LIMIT)
    if re.fullmatch(rule.pattern, value) and value not in rule.refused and makes_a_name:
        return None
    return f"{question} {quote(value)}: {rule.allowed}"


def problem(question: str, value: str, choices: Mapping[str, Sequence[str]], kind: str = "") -> str | None:
    """Return the one-line complaint about `value`, or None when it is a valid answer."""
    general = _broken(RULES[question], question, value, choices)
    kind_rule = KIND_RULES.get(kind, {}).get(question)
    if general or kind_rule is None:
        return general
    return _broken(kind_rule, question, value, choices)


# For a question whose suggestion is made from an earlier answer: that answer's question, and
# the suggestion it made (cookiecutter's `__suggestions`, rendered from the answers).
Suggestions = Mapping[str, Sequence[str]]


def problems(
    answers: Mapping[str, str],
    choices: Mapping[str, Sequence[str]],
    kind: str,
    suggestions: Suggestions | None = None,
) -> list[str]:
    """Every complaint about a set of answers, one for each answer to blame, in question order.

    An answer that is the suggestion made from an earlier one is blamed on that earlier answer,
    the one typed (`makes()` words it), as copier's validators blame it: a project name 123
    makes module_name 123, which the user never typed. An answer to blame gets its first
    complaint only, as a validator gives one.
    """
    made_from = suggestions or {}
    blamed: dict[str, str] = {}
    for question in (name for name in RULES if name in answers):
        line = problem(question, answers[question], choices, kind)
        if not line:
            continue
        typed = question
        while typed in made_from and answers.get(typed) == made_from[typed][1]:
            typed = made_from[typed][0]
        if typed not in blamed:
            blamed[typed] = line if typed == question else makes(typed, answers[typed], line)
    return list(blamed.values())


def makes(question: str, value: str, complaint: str) -> str:
    """copier's line for an answer from which a later question's suggestion is made that
    breaks that question's rule (`complaint` says how). copier checks a suggestion before it
    shows it and stops with a traceback at an invalid one, so its validators refuse the
    answer the suggestion is made from instead, where it is asked."""
    return f"{question} {quote(value)} makes {complaint}"


def main(
    answers: Mapping[str, str],
    choices: Mapping[str, Sequence[str]],
    kind: str,
    suggestions: Suggestions | None = None,
) -> int:
    """Print every complaint, a line each, and return 1; or return 0 when every answer is valid."""
    found = problems(answers, choices, kind, suggestions)
    for line in found:
        print(f"Invalid answer: {line}", file=sys.stderr)
    return 1 if found else 0
{% endraw %}
# ---------------------------------------------------------------------------------------------
# The cookiecutter pre-generation hook: refuse invalid answers before anything is written.
# The rules above are inlined from the collection's hooks/answers.py by templates/assemble.py
# (cruft gives a hook no way to find the collection's files); copier's validators are made
# from the same rules. Each answer arrives as JSON text inside a string literal, so that any
# character, a newline or an emoji included, reaches the rules exactly as it was typed.

import contextlib
import os
from pathlib import Path

ANSWERS = {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
    {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
}
CHOICES = json.loads({{ cookiecutter._choices | tojson | tojson }})
# The suggestions made from earlier answers: a refused one is blamed on the answer typed.
# (A replay file from before they were recorded has none.)
SUGGESTIONS = json.loads({{ cookiecutter.__suggestions | default({}) | tojson | tojson }})


def remove_folders_made_for(slug: str, output: Path) -> None:
    """Remove the folders cookiecutter made for a project_slug with a / in it.

    cookiecutter makes the project's folder, and the folders on the way to it from the output
    folder, before this hook runs; on failure it removes the project's folder only. A folder
    that holds anything else was there before, and stays. When a folder above the project's
    goes, the project's must go first, and cookiecutter's own clean-up, not finding it, ends
    with a FileNotFoundError (docs/troubleshooting.md says so).
    """
    parts = Path(slug).parts
    project = Path(os.path.normpath(output / slug))
    made = {Path(os.path.normpath(output.joinpath(*parts[:end]))) for end in range(1, len(parts))}
    made = {folder for folder in made if output in folder.parents and folder != project}
    above, way_down = [], project
    for folder in (folder for folder in project.parents if folder in made):  # the nearest first
        if os.listdir(folder) != [way_down.name]:
            break
        above.append(folder)
        way_down = folder
    # beside the way (a slug with ..), the deepest first
    beside = sorted(made - set(project.parents), key=lambda folder: len(folder.parts), reverse=True)
    for folder in [*([project, *above] if above else []), *beside]:
        with contextlib.suppress(OSError):  # not empty: it was there before
            folder.rmdir()


# cruft, which renders into a folder of its own, gives no output folder
OUTPUT = json.loads({{ cookiecutter._output_dir | default("") | tojson | tojson }})

{%- set this_kind = cookiecutter._kinds[cookiecutter._kind] %}
{%- if this_kind.name_prefix %}
KIND_RULES[{{ cookiecutter._kind | tojson }}] = name_rules(json.loads({{ this_kind.name_prefix | tojson | tojson }}))
{%- endif %}
status = main(ANSWERS, CHOICES, kind={{ cookiecutter._kind | tojson }}, suggestions=SUGGESTIONS)
if status and OUTPUT:
    remove_folders_made_for(ANSWERS["project_slug"], Path(OUTPUT))
sys.exit(status)