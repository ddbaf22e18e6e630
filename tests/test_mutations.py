"""tests/mutations.toml stays true to the collection: each defect it lists can still be made, and
each selection that should catch it names tests that exist (`uvx nox -s mutations` runs them)."""

from __future__ import annotations

import re

import pytest
from mutations import Mutation, load
from rendering import ROOT

MUTATIONS = load()


def test_every_mutation_has_a_name_of_its_own() -> None:
    ids = [mutation.id for mutation in MUTATIONS]
    assert len(ids) == len(set(ids))
    assert [name for name in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)] == []


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.id)
def test_the_text_a_mutation_replaces_is_in_its_file_once(mutation: Mutation) -> None:
    for edit in mutation.edits():
        path = ROOT / edit.file
        assert path.is_file(), f"{edit.file} is gone: tests/mutations.toml names it"
        assert path.read_text("utf-8").count(edit.old) == 1, f"{edit.file}: {edit.old!r}"
        assert edit.new != edit.old
    assert mutation.expect.strip(), "what pytest says when it fails for this defect"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.id)
def test_a_mutations_selection_names_tests_that_exist(mutation: Mutation) -> None:
    """A node id names a test function its file defines; a file with -k is a test module."""
    assert mutation.test_files(), "a selection names at least one test file"
    for argument in mutation.tests:
        if argument.startswith("tests/"):
            file, _, node = argument.partition("::")
            assert (ROOT / file).is_file(), f"{file} is gone"
            assert re.fullmatch(r"tests/test_\w+\.py", file)
            function = node.split("[")[0]
            if function:
                assert f"def {function}(" in (ROOT / file).read_text("utf-8"), f"{file} has no {function}"
