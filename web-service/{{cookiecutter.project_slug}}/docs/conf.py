{%- set this_kind = cookiecutter._kinds[cookiecutter._kind] -%}
{#- sphinx-click reads a command's help as reStructuredText: the help needs escaping -#}
{%- set command_help = "sphinx_click" in this_kind.sphinx_extensions -%}
{%- set third_party = (this_kind.typed_imports + this_kind.untyped_imports) | unique | sort -%}
{#- Free text as the inside of a Python string in double quotes: a backslash and a quote
    escaped, and the invisible characters ruff refuses unescaped (PLE2502, PLE2515: the
    bidirectional controls, which can make code read other than it runs, and the zero-width
    space) written as escapes. -#}
{%- macro python_text(text) %}{{ text | replace("\\", "\\\\") | replace('"', '\\"') | replace("\u061c", "\\u061c") | replace("\u200b", "\\u200b") | replace("\u200f", "\\u200f") | replace("\u202a", "\\u202a") | replace("\u202b", "\\u202b") | replace("\u202c", "\\u202c") | replace("\u202d", "\\u202d") | replace("\u202e", "\\u202e") | replace("\u2066", "\\u2066") | replace("\u2067", "\\u2067") | replace("\u2068", "\\u2068") | replace("\u2069", "\\u2069") }}{% endmacro -%}"""Sphinx configuration (https://www.sphinx-doc.org/en/master/usage/configuration.html)."""

{% if command_help -%}
import re
{% endif -%}
import sys
{%- if command_help %}

import click
from sphinx.application import Sphinx
{%- endif %}

import {{ cookiecutter.module_name }}

# Quoted as the project template wrote them: `fmt: skip` stops ruff from requoting.
project = "{{ python_text(cookiecutter.project_name) }}"  # fmt: skip
author = "{{ python_text(cookiecutter.author_name) }}"  # fmt: skip
copyright = author
release = {{ cookiecutter.module_name }}.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
{%- for extension in this_kind.sphinx_extensions %}
    "{{ extension }}",
{%- endfor %}
]
exclude_patterns = ["_build"]

# Every reference must resolve (`sphinx-build -n`). Offline, there is no intersphinx
# inventory for the standard library: its types are left as plain text, not reported.
{%- if third_party %}
# The same goes for the packages the code imports: {{ third_party | join(", ") }}.
{%- endif %}
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", rf"({'|'.join(sorted(sys.stdlib_module_names))})\..+"),
{%- if third_party %}
    (r"py:.*", r"({{ third_party | join("|") }})\..+"),
{%- endif %}
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"

html_theme = "furo"
html_title = project
{%- if command_help %}


def _help_as_typed(_app: Sphinx, ctx: click.Context, lines: list[str]) -> None:
    """Show the command's help as typed: escape all but letters, digits and spaces for reST.

    The description is the project's, where a `*` or a trailing `_` is text, not markup.
    """
    if ctx.parent is None:
        for index, line in enumerate(lines):
            kept, text = ("| ", line[2:]) if line.startswith("| ") else ("", line)
            lines[index] = kept + re.sub(r"[^0-9A-Za-z\s]", r"\\\g<0>", text)


def setup(app: Sphinx) -> None:
    app.connect("sphinx-click-process-description", _help_as_typed)
{%- endif %}
