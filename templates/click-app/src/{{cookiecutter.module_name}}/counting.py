"""What `{{ cookiecutter.command_name }} count` does, apart from the command line: easy to test and to reuse."""

import logging
from typing import Literal

import click

logger = logging.getLogger(__name__)

#: What :func:`count` can count.
Unit = Literal["lines", "words", "chars"]


def count(text: str, unit: Unit) -> int:
    """Return the number of lines, words (runs of non-space) or characters in `text`."""
    if unit == "lines":
        return len(text.splitlines())
    if unit == "words":
        return len(text.split())
    return len(text)


def count_file(name: str, unit: Unit) -> int:
    """Count in the file called `name`, or in standard input if `name` is ``-``.

    The file is read as UTF-8; a byte that is not UTF-8 counts as one character.
    """
    logger.debug("Reading %s", name)
    with click.open_file(name, encoding="utf-8", errors="replace") as file:
        text = file.read()
    if not text:
        logger.warning("%s is empty", name)
    number = count(text, unit)
    logger.info("%s: %d %s", name, number, unit)
    return number
