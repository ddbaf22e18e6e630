{% raw %}"""The rules every answer must follow, written once for both engines.

cookiecutter's pre-generation hook calls `main()`; `templates/assemble.py` turns the same
`RULES` into copier `validator:` expressions, so an answer one engine accepts the other
accepts too. Each rule is data (a pattern, refused values, choices), not code, for that reason.

It runs inside whatever Python runs the engine (3.10 or newer, as cookiecutter and copier
require), inlined into the cookiecutter hook, so it uses the standard library only, and every
render waits for its imports: a NamedTuple, not a dataclass, which would import `inspect`.
"""

import json
import keyword
import re
import sys
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


class Rule(NamedTuple):
    """What an answer must look like, and how to say so when it does not."""

    allowed: str
    pattern: str = ""  # the whole answer must match, when set
    refused: frozenset[str] = frozenset()
    choices_from: str = ""  # name of the choice list the answer must be in, when set


RULES: dict[str, Rule] = {
    "project_name": Rule(
        allowed="use one line of text with at least one letter or digit",
        pattern=rf"(?=.*\w){_LINE_CHAR}+",
    ),
    "project_slug": Rule(
        allowed="use a normalised distribution name: lowercase letters and digits in words "
        "joined by single hyphens, such as demo-thing",
        pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*",
    ),
    "module_name": Rule(
        allowed="use a lowercase Python identifier (letters, digits, _; starting with a "
        "letter) that is not a keyword, nor a module of the standard library or of the "
        "project's tools, such as json, logging or pytest",
        pattern=r"[a-z][a-z0-9_]*",
        refused=STDLIB_MODULES | PROJECT_TOOLS | frozenset(keyword.kwlist),
    ),
    "description": Rule(
        allowed="use one line of text, without control characters",
        pattern=rf"{_LINE_CHAR}*",
    ),
    "author_name": Rule(
        allowed="use one line of text with at least one letter",
        pattern=rf"(?=.*\w){_LINE_CHAR}+",
    ),
    "author_email": Rule(
        allowed="use an e-mail address such as you@example.com",
        pattern=r"[^@\s\"<>,;]+@[^@\s\"<>,;.]+(?:\.[^@\s\"<>,;.]+)+",
    ),
    "github_owner": Rule(
        allowed="use a GitHub user or organisation name: up to 39 letters, digits and "
        "single hyphens, not starting or ending with a hyphen",
        pattern=r"(?=.{1,39}\Z)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*",
    ),
    "command_name": Rule(
        # longer names make click wrap its usage line, which the README shows
        allowed="use a command name of up to 40 characters: lowercase letters and digits in "
        "words joined by single hyphens, starting with a letter, such as demo-tool",
        pattern=r"(?=.{1,40}\Z)[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
    ),
    "min_python": Rule(allowed="use one of", choices_from="min_python"),
    "license": Rule(allowed="use one of", choices_from="license"),
}

# Rules a kind adds on top of RULES, checked once the general rule is met.
KIND_RULES: dict[str, dict[str, Rule]] = {
    "pytest-plugin": {
        # pytest's convention: the pytest-NAME distribution installs the pytest_NAME module.
        "project_slug": Rule(
            allowed="a pytest plugin's name starts with pytest- and names the plugin, such as pytest-demo",
            pattern=r"pytest-[a-z0-9]+(?:-[a-z0-9]+)*",
        ),
        "module_name": Rule(
            allowed="a pytest plugin's module starts with pytest_ and names the plugin, such as pytest_demo",
            pattern=r"pytest_[a-z0-9]+(?:_[a-z0-9]+)*",
        ),
    },
}


def quote(value: str) -> str:
    """Show an answer the way both engines print it: JSON, non-ASCII kept as is."""
    return json.dumps(value, ensure_ascii=False)


def _broken(rule: Rule, question: str, value: str, choices: Mapping[str, Sequence[str]]) -> str | None:
    if rule.choices_from:
        allowed = choices[rule.choices_from]
        if value in allowed:
            return None
        return f"{question} {quote(value)}: {rule.allowed} {', '.join(allowed)}"
    if re.fullmatch(rule.pattern, value) and value not in rule.refused:
        return None
    return f"{question} {quote(value)}: {rule.allowed}"


def problem(question: str, value: str, choices: Mapping[str, Sequence[str]], kind: str = "") -> str | None:
    """Return the one-line complaint about `value`, or None when it is a valid answer."""
    general = _broken(RULES[question], question, value, choices)
    kind_rule = KIND_RULES.get(kind, {}).get(question)
    if general or kind_rule is None:
        return general
    return _broken(kind_rule, question, value, choices)


def problems(answers: Mapping[str, str], choices: Mapping[str, Sequence[str]], kind: str) -> list[str]:
    """Every complaint about a set of answers, in question order."""
    found = (problem(q, answers[q], choices, kind) for q in RULES if q in answers)
    return [line for line in found if line]


def main(answers: Mapping[str, str], choices: Mapping[str, Sequence[str]], kind: str) -> int:
    """Print the first complaint and return 1, or return 0 when every answer is valid."""
    found = problems(answers, choices, kind)
    if found:
        print(f"Invalid answer: {found[0]}", file=sys.stderr)
        return 1
    return 0
{% endraw %}
# ---------------------------------------------------------------------------------------------
# The cookiecutter pre-generation hook: refuse invalid answers before anything is written.
# The rules above are inlined from the collection's hooks/answers.py by templates/assemble.py
# (cruft gives a hook no way to find the collection's files); copier's validators are made
# from the same rules. Each answer arrives as JSON text inside a string literal, so that any
# character, a newline or an emoji included, reaches the rules exactly as it was typed.

ANSWERS = {
{%- for name, value in cookiecutter.items() if not name.startswith("_") %}
    {{ name | tojson }}: json.loads({{ value | tojson | tojson }}),
{%- endfor %}
}
CHOICES = json.loads({{ cookiecutter._choices | tojson | tojson }})

sys.exit(main(ANSWERS, CHOICES, kind={{ cookiecutter._kind | tojson }}))
