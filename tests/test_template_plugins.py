"""The template-testing plugins a team knows bake this collection's kinds, as
docs/maintainers.md shows: pytest-cookies' `cookies` and pytest-copie's `copie`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytest_cookies.plugin import Cookies
from rendering import KINDS, ROOT, run


# docs/maintainers.md shows this test (cog): keep it one a maintainer can copy.
@pytest.mark.parametrize("kind", KINDS)
def test_a_kind_bakes_with_pytest_cookies(cookies: Cookies, kind: str) -> None:
    result = cookies.bake(extra_context={"author_name": "Ada Lovelace"}, template=str(ROOT / kind))

    assert result.exit_code == 0, result.exception
    assert (result.project_path / "CHANGELOG.md").is_file()


COPIE_TEST = """
import pytest


@pytest.mark.parametrize("kind", {kinds!r})
def test_a_kind_copies_with_pytest_copie(copie, kind):
    result = copie.copy(extra_answers={{"kind": kind, "author_name": "Ada Lovelace"}})

    assert result.exit_code == 0, result.exception
    assert (result.project_dir / "CHANGELOG.md").is_file()
"""


def test_every_kind_copies_with_pytest_copie(tmp_path: Path) -> None:
    # Both plugins add --template, so the collection's settings turn pytest-copie off; a test
    # of copie's runs on its own, as docs/maintainers.md says: one run for every kind.
    test = tmp_path / "test_copie.py"
    test.write_text(COPIE_TEST.format(kinds=list(KINDS)), "utf-8")
    command = [sys.executable, "-m", "pytest", "-c", "pyproject.toml", "-p", "no:cookies", "-p", "copie"]

    result = run([*command, "-n", "0", "-p", "no:cacheprovider", str(test)], cwd=ROOT)

    assert result.returncode == 0, result.stdout
    assert f"{len(KINDS)} passed" in result.stdout
