"""Sphinx configuration (https://www.sphinx-doc.org/en/master/usage/configuration.html)."""

{% if cookiecutter._kind == "click-app" -%}
import re
{% endif -%}
import sys
{%- if cookiecutter._kind == "click-app" %}

import click
from sphinx.application import Sphinx
{%- endif %}

import {{ cookiecutter.module_name }}

# Quoted as the project template wrote them: `fmt: skip` stops ruff from requoting.
project = "{{ cookiecutter.project_name | replace('\\', '\\\\') | replace('"', '\\"') }}"  # fmt: skip
author = "{{ cookiecutter.author_name | replace('\\', '\\\\') | replace('"', '\\"') }}"  # fmt: skip
copyright = author
release = {{ cookiecutter.module_name }}.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
{%- if cookiecutter._kind == "click-app" %}
    "sphinx_click",
{%- endif %}
]
exclude_patterns = ["_build", ".DS_Store", "Thumbs.db"]

# Every reference must resolve (`sphinx-build -n`). The build is offline, so
# there is no intersphinx inventory to link standard-library types to: those
# are left as plain text instead of being reported.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", rf"({'|'.join(sorted(sys.stdlib_module_names))})\..+"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"

html_theme = "furo"
html_title = project
{%- if cookiecutter._kind == "click-app" %}


def _help_as_typed(_app: Sphinx, ctx: click.Context, lines: list[str]) -> None:
    """Show the command's own help as it is typed, not as reStructuredText.

    sphinx-click reads a command's help as reStructuredText, and the command's starts with
    the project's description, where a `*` or a trailing `_` is text. Each character other
    than a letter, a digit or a space is escaped, after the `| ` that starts each line of a
    paragraph kept as it is.
    """
    if ctx.parent is None:
        for index, line in enumerate(lines):
            kept, text = ("| ", line[2:]) if line.startswith("| ") else ("", line)
            lines[index] = kept + re.sub(r"[^0-9A-Za-z\s]", r"\\\g<0>", text)


def setup(app: Sphinx) -> None:
    app.connect("sphinx-click-process-description", _help_as_typed)
{%- endif %}
