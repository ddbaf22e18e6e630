"""Rendering where the user already has files: nothing of theirs changes unless they ask."""

from __future__ import annotations

from pathlib import Path

import pytest
from answer_sets import default_slug
from rendering import KINDS, cookiecutter_command, copier_command, run, tree

KIND = KINDS[0]
TEAM_FILES = {"NOTES.md": b"ours\n", "README.md": b"# Our readme\n", "src/keep.py": b"KEEP = 1\n"}


@pytest.fixture
def occupied(tmp_path: Path) -> Path:
    """A folder where the project would go, already holding the user's files."""
    project = tmp_path / default_slug(KIND)
    for name, data in TEAM_FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_bytes(data)
    return project


def test_cookiecutter_refuses_an_existing_folder(occupied: Path) -> None:
    result = run(cookiecutter_command(KIND, {}, occupied.parent), cwd=occupied.parent)
    assert result.returncode == 1
    assert (result.stdout + result.stderr).strip() == f'Error: "{occupied}" directory already exists'
    assert tree(occupied) == TEAM_FILES


def test_cookiecutter_overwrite_replaces_only_the_templates_files(occupied: Path) -> None:
    command = [*cookiecutter_command(KIND, {}, occupied.parent), "--overwrite-if-exists"]
    result = run(command, cwd=occupied.parent)
    assert result.returncode == 0, result.stderr
    files = tree(occupied)
    assert files["NOTES.md"] == TEAM_FILES["NOTES.md"]
    assert files["src/keep.py"] == TEAM_FILES["src/keep.py"]
    assert files["README.md"] != TEAM_FILES["README.md"]  # asked for, with --overwrite-if-exists


def test_a_refused_answer_leaves_the_users_files_as_they_were(occupied: Path) -> None:
    command = [*cookiecutter_command(KIND, {"license": "GPL"}, occupied.parent), "--overwrite-if-exists"]
    result = run(command, cwd=occupied.parent)
    assert result.returncode == 1
    assert tree(occupied) == TEAM_FILES

    result = run(copier_command(KIND, {"license": "GPL"}, occupied), cwd=occupied.parent)
    assert result.returncode == 1
    assert tree(occupied) == TEAM_FILES


def test_copier_keeps_the_users_files_unless_told_to_overwrite(occupied: Path) -> None:
    # Without a terminal to ask on, copier stops at the first file the user has. Files it
    # wrote before that stay (copier 9.19 removes only a folder it created); the user's don't change.
    result = run(copier_command(KIND, {}, occupied), cwd=occupied.parent)
    assert result.returncode == 1
    assert "Consider using `--overwrite`" in result.stderr
    files = tree(occupied)
    assert {name: files[name] for name in TEAM_FILES} == TEAM_FILES

    result = run([*copier_command(KIND, {}, occupied), "--overwrite"], cwd=occupied.parent)
    assert result.returncode == 0, result.stderr
    files = tree(occupied)
    assert files["NOTES.md"] == TEAM_FILES["NOTES.md"]
    assert files["README.md"] != TEAM_FILES["README.md"]
