"""The assembled template directories and copier.yml are exactly what the source makes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rendering import KINDS, ROOT

from templates import assemble


def test_assembled_files_match_their_source() -> None:
    assert assemble.differences() == []


def _copy_of_the_collection(tmp_path: Path) -> Path:
    copy = tmp_path / "collection"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".nox", ".venv", "__pycache__"))
    return copy


def _check(copy: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "templates.assemble", "--check"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_names_a_hand_edited_copy_and_the_command_that_fixes_it(tmp_path: Path) -> None:
    copy = _copy_of_the_collection(tmp_path)
    edited = copy / KINDS[0] / "{{cookiecutter.project_slug}}" / "noxfile.py"
    edited.write_text(edited.read_text("utf-8") + "# edited by hand\n", "utf-8")
    (copy / KINDS[0] / "{{cookiecutter.project_slug}}" / "stray.txt").write_text("left over\n", "utf-8")
    result = _check(copy)
    assert result.returncode == 1
    assert (
        f"{KINDS[0]}/{{{{cookiecutter.project_slug}}}}/noxfile.py: differs from its source" in result.stdout
    )
    assert (
        f"{KINDS[0]}/{{{{cookiecutter.project_slug}}}}/stray.txt: not in the source (remove it)"
        in result.stdout
    )
    assert "run `nox -s assemble`" in result.stdout
    subprocess.run([sys.executable, "-m", "templates.assemble"], cwd=copy, check=True)
    assert _check(copy).returncode == 0
    assert not (copy / KINDS[0] / "{{cookiecutter.project_slug}}" / "stray.txt").exists()


def test_a_kind_may_not_shadow_a_shared_file(tmp_path: Path) -> None:
    copy = _copy_of_the_collection(tmp_path)
    (copy / "templates" / KINDS[0] / "noxfile.py").write_text("# mine\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "templates.assemble"], cwd=copy, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert f"templates/{KINDS[0]}/ repeats files of templates/project/: noxfile.py" in result.stderr


def test_reviews_fold_the_assembled_files_and_show_their_source() -> None:
    """GitHub folds files marked linguist-generated in a pull request's diff."""
    outputs = sorted(set(assemble.assembled()) - {".gitattributes", assemble.SETUP_WORKFLOW})
    sources = [
        path.relative_to(ROOT).as_posix() for path in (ROOT / "templates").rglob("*") if path.is_file()
    ]
    result = subprocess.run(
        ["git", "check-attr", "--stdin", "linguist-generated"],
        cwd=ROOT,
        input="\n".join(outputs + sources) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    marked = dict(line.rsplit(": linguist-generated: ", 1) for line in result.stdout.splitlines())
    assert [path for path in outputs if marked[path] != "set"] == []
    assert [path for path in sources if marked[path] != "unspecified"] == []
