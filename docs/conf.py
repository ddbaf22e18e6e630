"""Sphinx configuration of the collection's documentation: `uvx nox -s docs` builds it."""

import tomllib
from pathlib import Path

with (Path(__file__).resolve().parent.parent / "pyproject.toml").open("rb") as file:
    release = tomllib.load(file)["project"]["version"]

project = "Python project templates"
author = "The template maintainers"
copyright = author
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser"]
exclude_patterns = ["_build"]
# Links to a heading of another page (`updating.md#projects-made-with-cruft`) resolve.
myst_heading_anchors = 3
# Every reference must resolve (`sphinx-build -n`); the build is offline, with no intersphinx.
nitpicky = True
# Quotes stay as typed: readers copy text from these pages into terminals and editors.
smartquotes = False

html_theme = "furo"
html_title = f"{project} {release}"
