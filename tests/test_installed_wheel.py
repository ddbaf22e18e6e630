"""The wheel a project builds works where users put it: a plain `pip install` into a fresh
virtual environment, on the project's oldest Python, with no project folder in sight."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from rendering import FULL_CHECK_SETS, SOURCE, Baked, fresh_clone, run, supported_here, uv

pytestmark = pytest.mark.slow

# Run by the installed Python: what the distribution says of itself, and each entry point loaded.
INSPECT = """
import importlib, importlib.metadata as metadata, json, sys
distribution = metadata.distribution(sys.argv[1])
module = importlib.import_module(sys.argv[2])
for entry_point in distribution.entry_points:
    entry_point.load()
print(json.dumps({
    "version": distribution.version,
    "module_version": getattr(module, "__version__", None),
    "module_file": module.__file__,
    "entry_points": sorted(f"{e.group}:{e.name}" for e in distribution.entry_points),
}))
"""


@pytest.mark.parametrize("answer_set", FULL_CHECK_SETS)
def test_pip_installs_the_wheel_and_every_entry_point_loads(baked: Baked, tmp_path: Path) -> None:
    min_python = baked.answer_set.answers.get("min_python", SOURCE["python_versions"][0])
    runnable = supported_here(min_python)
    if not runnable:
        pytest.skip(f"no Python >= {min_python} on this machine")
    clone = fresh_clone(baked.cookiecutter, tmp_path / "clone")
    built = run([uv(), "build", "--wheel", "--out-dir", str(tmp_path / "dist")], cwd=clone)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    python = shutil.which(f"python{runnable[0]}")
    assert python
    venv = tmp_path / "venv"
    assert run([python, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    bin_dir = venv / ("Scripts" if (venv / "Scripts").is_dir() else "bin")

    installed = run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=tmp_path)

    assert installed.returncode == 0, installed.stdout + installed.stderr
    project = tomllib.loads((clone / "pyproject.toml").read_text("utf-8"))["project"]
    module = next(path.name for path in (clone / "src").iterdir() if path.is_dir())
    inspected = run([str(bin_dir / "python"), "-c", INSPECT, project["name"], module], cwd=tmp_path)
    assert inspected.returncode == 0, inspected.stderr
    found = json.loads(inspected.stdout)
    assert found["version"] == wheel.name.split("-")[1] == found["module_version"]
    assert Path(found["module_file"]).is_relative_to(venv), "imported from the environment, not the clone"
    declared = [
        f"{group}:{name}"
        for group, entries in {
            "console_scripts": project.get("scripts", {}),
            **project.get("entry-points", {}),
        }.items()
        for name in entries
    ]
    assert found["entry_points"] == sorted(declared)
    for script in project.get("scripts", {}):
        result = run([str(bin_dir / script), "--help"], cwd=tmp_path)
        assert result.returncode == 0, result.stderr
