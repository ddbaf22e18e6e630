"""Sphinx configuration (https://www.sphinx-doc.org/en/master/usage/configuration.html)."""

import sys

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
