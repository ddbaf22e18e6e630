"""How long a render takes, through each engine's command line, hooks and git included.

    uvx nox -s bench

Each figure is the median of several runs, printed next to its floor measured in the same
run: the same engine rendering a one-file template with no hooks. The floor is what the
engine itself costs (mostly importing it), so the difference is what the template adds.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _time(command: Callable[[Path], list[str]], workdir: Path) -> float:
    times = []
    for run in range(RUNS):
        target = workdir / f"run-{run}"
        target.mkdir(parents=True)
        start = time.perf_counter()
        subprocess.run(command(target), check=True, capture_output=True, stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _floor_template(directory: Path) -> Path:
    template = directory / "floor"
    (template / "{{cookiecutter.name}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(json.dumps({"name": "floor"}), "utf-8")
    # the same file for copier, which gets the `cookiecutter.` namespace as a computed answer
    (template / "copier.yml").write_text(
        "cookiecutter: {type: yaml, when: false, default: '{name: floor}'}\n"
        '_subdirectory: "{% raw %}{{cookiecutter.name}}{% endraw %}"\n',
        "utf-8",
    )
    (template / "{{cookiecutter.name}}" / "README.md").write_text("# {{ cookiecutter.name }}\n", "utf-8")
    return template


def cookiecutter(template: Path, *args: str) -> Callable[[Path], list[str]]:
    return lambda out: [
        sys.executable,
        "-m",
        "cookiecutter",
        str(template),
        "--no-input",
        "-o",
        str(out),
        *args,
    ]


def copier(template: Path, *args: str) -> Callable[[Path], list[str]]:
    return lambda out: [
        sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", *args, str(template), str(out / "p")
    ]  # fmt: skip


def main() -> None:
    with (ROOT / "templates" / "questions.toml").open("rb") as file:
        kinds = list(tomllib.load(file)["kinds"])
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        floor = _floor_template(workdir)
        rows = []
        for engine, make in (("cookiecutter", cookiecutter), ("copier", copier)):
            floor_time = _time(make(floor), workdir / f"{engine}-floor")
            for kind in kinds:
                args = ("--directory", kind) if engine == "cookiecutter" else ("--data", f"kind={kind}")
                kind_time = _time(make(ROOT, *args), workdir / f"{engine}-{kind}")
                rows.append((kind, engine, kind_time, floor_time))
    print(f"Render time, median of {RUNS} runs (hooks and git init included)\n")
    print("| kind | engine | render | floor | ratio |")
    print("| --- | --- | ---: | ---: | ---: |")
    for kind, engine, kind_time, floor_time in rows:
        print(
            f"| {kind} | {engine} | {kind_time:.3f} s | {floor_time:.3f} s | {kind_time / floor_time:.2f}x |"
        )


if __name__ == "__main__":
    main()
