"""The collection's performance figures, each next to its floor measured in the same run.

    uvx nox -s bench               # renders, memory, size, test time, time to green, start-ups
    uvx nox -s bench -- --suite    # and the collection's own test suite, cold and warm (slow)

Each figure is the median of several runs. Every run measures the floor too, in turn with what
it is the floor of, so a machine that slows down slows both; a first round, not counted, warms
the caches. The table is printed and written to benchmarks/results.md, with notes saying what
each floor is.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
MEASURE = Path(__file__).resolve().with_name("measure.py")
with (ROOT / "templates" / "questions.toml").open("rb") as _file:
    KINDS = list(tomllib.load(_file)["kinds"])  # no organisation settings needed for the names
ENGINES = ("cookiecutter", "copier")
GREEN_RUNS = 3  # a time-to-green run takes seconds
STARTUP_RUNS = 15  # a start-up takes milliseconds
GREEN_LIMIT = 3.0  # times simonw/python-lib's
SUITE_TARGET = 300.0  # the README's `uvx nox`
WHOLE_SET_TARGET = 600.0  # and the rest, `uvx nox -s slow`: what .ci/run runs
SLOWEST = 5  # the suite's slowest tests, named in the notes
NOX_SESSION_LINE = re.compile(r"^nox > \[(.+?)\] (Running session|Session) (\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak: int  # bytes: the largest process's peak resident memory

    def __add__(self, other: Measurement) -> Measurement:
        return Measurement(self.seconds + other.seconds, max(self.peak, other.peak))


Run = Callable[[], Measurement]


@dataclass(frozen=True)
class Row:
    figure: str
    subject: str
    value: str
    floor: str = "—"
    ratio: float | None = None
    target: str = "—"
    met: bool | None = None
    runs: int | None = None


def _environment() -> dict[str, str]:
    """A user's shell: not inside the bench session's virtualenv, nor in a git command."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    for key in ("PYTHONPATH", "UV_PROJECT_ENVIRONMENT"):
        env.pop(key, None)
    if venv := env.pop("VIRTUAL_ENV", None):
        session_bin = Path(sys.executable).parent
        if session_bin.is_relative_to(venv):
            paths = env["PATH"].split(os.pathsep)
            env["PATH"] = os.pathsep.join(path for path in paths if Path(path) != session_bin)
    return env


ENV = _environment()
UV = shutil.which("uv", path=ENV["PATH"]) or sys.exit("uv is needed: see README.md")


def tool(name: str, bin_dir: Path = Path(sys.executable).parent) -> str:
    """An executable in a virtualenv (the bench session's by default), as a user would run it."""
    return shutil.which(name, path=str(bin_dir)) or sys.exit(f"{name} not found in {bin_dir}")


def venv_bin(project: Path) -> Path:
    return project / ".venv" / ("Scripts" if os.name == "nt" else "bin")


def measure(command: list[str], cwd: Path) -> Measurement:
    command = [sys.executable, str(MEASURE), *command]
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"failed in {cwd}: {' '.join(command)}\n{result.stderr}")
    seconds, peak = result.stdout.split()
    return Measurement(float(seconds), int(peak))


def compare(
    floor: Run, subjects: dict[str, Run], runs: int, warm_up: Callable[[], object] | None = None
) -> dict[str, Measurement]:
    """The median of `runs` rounds of the floor and each subject, run in turn.

    A first round, not counted, warms the caches; `warm_up`, when given, does that instead.
    """
    runners = {"floor": floor, **subjects}
    if warm_up is None:
        for run in runners.values():
            run()
    else:
        warm_up()
    measured: dict[str, list[Measurement]] = {name: [] for name in runners}
    for _ in range(runs):
        for name, run in runners.items():
            measured[name].append(run())
    return {
        name: Measurement(
            statistics.median(m.seconds for m in samples), int(statistics.median(m.peak for m in samples))
        )
        for name, samples in measured.items()
    }


def git(*args: str, cwd: Path) -> str:
    env = {**ENV, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env.update(GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")
    command = ["git", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def commit_all(directory: Path) -> Path:
    git("init", "--quiet", cwd=directory)
    git("add", "--all", cwd=directory)
    git("commit", "--quiet", "--no-verify", "--message", "snapshot", cwd=directory)
    return directory


def fresh_dir(scratch: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=scratch))


def fresh_clone(repository: Path, scratch: Path) -> Path:
    clone = fresh_dir(scratch) / repository.name
    git("clone", "--quiet", str(repository), str(clone), cwd=scratch)
    return clone


def collection_snapshot(scratch: Path) -> Path:
    """The collection as it is on disk (uncommitted edits too) as a one-commit repository.

    What a user renders from is such a clone. copier clones a template that is a git
    repository, and copies the uncommitted changes of a dirty one on top, which users do not
    pay for.
    """
    snapshot = scratch / "templates"
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    return commit_all(snapshot)


def floor_template(scratch: Path) -> Path:
    """One file, no hooks, one variable; a git repository, as the collection is."""
    template = scratch / "floor"
    (template / "{{cookiecutter.name}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(json.dumps({"name": "floor"}), "utf-8")
    # the same file for copier, which gets the `cookiecutter.` namespace as a computed answer
    (template / "copier.yml").write_text(
        "cookiecutter: {type: yaml, when: false, default: '{name: floor}'}\n"
        '_subdirectory: "{% raw %}{{cookiecutter.name}}{% endraw %}"\n',
        "utf-8",
    )
    (template / "{{cookiecutter.name}}" / "README.md").write_text("# {{ cookiecutter.name }}\n", "utf-8")
    return commit_all(template)


def render(engine: str, template: Path, kind: str | None, scratch: Path) -> Run:
    """One render through the engine's command line, as the README shows it."""

    def run() -> Measurement:
        out = fresh_dir(scratch)
        if engine == "cookiecutter":
            which = ["--directory", kind] if kind else []
            command = [tool("cookiecutter"), str(template), *which, "--no-input", "--output-dir", str(out)]
        else:
            which = ["--data", f"kind={kind}"] if kind else []
            command = [tool("copier"), "copy", "--trust", "--defaults", "--quiet", *which]
            command += [str(template), str(out / "project")]
        return measure(command, cwd=out)

    return run


def render_rows(snapshot: Path, scratch: Path, runs: int) -> list[Row]:
    floor = floor_template(scratch)
    times, memory = [], []
    for engine in ENGINES:
        kinds = {kind: render(engine, snapshot, kind, scratch) for kind in KINDS}
        medians = compare(render(engine, floor, None, scratch), kinds, runs)
        base = medians.pop("floor")
        limit = 1.5 if engine == "cookiecutter" else None
        for kind, median in medians.items():
            subject = f"{kind}, {engine}"
            times.append(compared("Render", subject, median.seconds, base.seconds, _s, runs, limit))
            if median.peak:
                memory.append(compared("Peak memory", subject, median.peak, base.peak, _mib, runs))
    return times + memory


def _rendered(kind: str, snapshot: Path, scratch: Path) -> Path:
    """The kind's project with its default answers, rendered once, as a git repository."""
    out = fresh_dir(scratch)
    command = [tool("cookiecutter"), str(snapshot), "--directory", kind, "--no-input", "-o", str(out)]
    subprocess.run(command, env=ENV, capture_output=True, check=True)
    (project,) = out.iterdir()
    return project


# simonw/python-lib, the smallest peer (../shared/anchors, or GitHub where that is absent): the
# figures of a default project are measured beside it, in the same run.
ANCHOR_DIR = ROOT.parent / "shared" / "anchors" / "simonw-python-lib"
ANCHOR_REMOTE = "gh:simonw/python-lib"
ANCHOR_TEST = [UV, "run", "--extra", "test", "pytest"]  # its README's test command
# Lines of a default project before issue #16 (2026-11-26): each kind is to lose a third.
LINES_BEFORE = {"python-lib": 2121, "click-app": 3289, "pytest-plugin": 2701}
PYTEST_TARGET = 1.0
PYTEST_SECONDS = re.compile(r" in ([\d.]+)s\b")


def _anchor(scratch: Path) -> tuple[Path | None, str]:
    """simonw/python-lib rendered with its README's answers, as a git repository; or why not."""
    out = fresh_dir(scratch)
    source = str(ANCHOR_DIR) if ANCHOR_DIR.is_dir() else ANCHOR_REMOTE
    command = [tool("cookiecutter"), source, "--no-input", "--output-dir", str(out), "lib_name=demo-thing"]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None, f"{source} did not render: {(result.stderr.strip().splitlines() or ['?'])[-1]}"
    (project,) = out.iterdir()
    return commit_all(project), source


def _size(project: Path) -> tuple[int, int]:
    """The files and lines of a project's first commit: what a team owns from day one."""
    names = [name for name in git("ls-files", "-z", cwd=project).split("\0") if name]
    lines = sum(len((project / name).read_bytes().splitlines()) for name in names)
    return len(names), lines


def _pytest_seconds(command: list[str], project: Path) -> Measurement:
    """pytest's own time, as it reports it ("N passed in X s"), in a synced project."""
    result = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    found = PYTEST_SECONDS.findall(result.stdout)
    if result.returncode != 0 or not found:
        sys.exit(f"failed in {project}: {' '.join(command)}\n{result.stdout[-3000:]}{result.stderr}")
    return Measurement(float(found[-1]), 0)


def kind_rows(snapshot: Path, scratch: Path) -> tuple[list[Row], str]:
    """Per kind: size, pytest's own time and time to green, each beside simonw/python-lib's."""
    peer = "simonw/python-lib"
    projects = {kind: _rendered(kind, snapshot, scratch) for kind in KINDS}
    tests = {kind: [UV, "run", "pytest"] for kind in KINDS}
    anchor, source = _anchor(scratch)
    if anchor is not None:
        projects[peer], tests[peer] = anchor, ANCHOR_TEST

    def synced(name: str) -> Path:
        """A fresh clone with its environment made, which also fills uv's cache."""
        clone = fresh_clone(projects[name], scratch)
        sync = [*tests[name][:-1], "--", "python", "-c", ""]
        subprocess.run(sync, cwd=clone, env=ENV, capture_output=True, check=True)
        return clone

    def own_time(name: str) -> Run:
        clone = synced(name)
        return lambda: _pytest_seconds([*tests[name], "-q", "-p", "no:cacheprovider"], clone)

    def green(name: str) -> Run:
        return lambda: measure(tests[name], cwd=fresh_clone(projects[name], scratch))

    def beside_peer(
        run: Callable[[str], Run], warm_up: Callable[[], object] | None
    ) -> dict[str, Measurement]:
        floor = run(peer) if anchor else lambda: Measurement(float("nan"), 0)
        return compare(floor, {kind: run(kind) for kind in KINDS}, GREEN_RUNS, warm_up)

    sizes = {name: _size(project) for name, project in projects.items()}
    # pytest's first run in a new environment compiles bytecode: compare's first round, not counted
    owns = beside_peer(own_time, None)
    greens = beside_peer(green, lambda: None)  # own_time filled uv's cache
    files_floor, lines_floor = sizes.get(peer, (0, 0))
    rows = []
    for kind in KINDS:
        files, lines = sizes[kind]
        before = LINES_BEFORE.get(kind)  # a kind added since has no "before"
        limit = before * 2 // 3 if before else None
        target = f"≤ {limit:,} (⅔ of {before:,})" if limit else "—"
        rows += [
            Row("Generated files", kind, f"{files}", f"{files_floor or '—'}", _ratio(files, files_floor)),
            Row(
                "Generated lines",
                kind,
                f"{lines:,}",
                f"{lines_floor:,}" if lines_floor else "—",
                _ratio(lines, lines_floor),
                target,
                lines <= limit if limit else None,
            ),
        ]
    for kind in KINDS:
        seconds, floor = owns[kind].seconds, owns["floor"].seconds
        row = Row(
            "pytest's own time",
            kind,
            _s(seconds),
            _s(floor) if anchor else "—",
            None,  # a peer's one test takes milliseconds: a ratio would say nothing
            f"< {PYTEST_TARGET:.0f} s",
            seconds < PYTEST_TARGET,
            GREEN_RUNS,
        )
        rows.append(row)
    for kind in KINDS:
        if anchor is None:
            rows.append(Row("Time to green", kind, _s(greens[kind].seconds), f"skipped: {source}"))
            continue
        seconds, floor = greens[kind].seconds, greens["floor"].seconds
        rows.append(compared("Time to green", kind, seconds, floor, _s, GREEN_RUNS, limit=GREEN_LIMIT))
    return rows, source


def _ratio(value: float, floor: float) -> float | None:
    return None if not floor or math.isnan(floor) else value / floor  # no peer measured: no ratio


def startup_rows(snapshot: Path, scratch: Path) -> tuple[list[Row], str]:
    clone = fresh_clone(_rendered("click-app", snapshot, scratch), scratch)
    subprocess.run([UV, "sync", "--quiet"], cwd=clone, env=ENV, check=True)
    with (clone / "pyproject.toml").open("rb") as file:
        (command,) = tomllib.load(file)["project"]["scripts"]
    python = tool("python", venv_bin(clone))
    medians = compare(
        lambda: measure([python, "-c", "import click"], cwd=clone),
        {command: lambda: measure([tool(command, venv_bin(clone)), "--help"], cwd=clone)},
        STARTUP_RUNS,
    )
    value, floor = medians[command].seconds, medians["floor"].seconds
    row = compared("CLI start-up", f"`{command} --help`", value, floor, _ms, STARTUP_RUNS, limit=1.2)
    version_check = [python, "-c", "import platform; print(platform.python_version())"]
    python_version = subprocess.run(version_check, capture_output=True, text=True, check=True).stdout.strip()
    return [row], python_version


FLEET_SIZE = 500
FLEET_RUNS = 5
# The fleet view against tests/fake_github.py on loopback: its time, and the calls GitHub counts.
FLEET_RUN = """
import json, sys, time
from fake_github import TOKEN, FakeGitHub, organisation, serve
from collection.fleet import read_fleet
from collection.github import Client
fake = FakeGitHub({"ORG": organisation(int(sys.argv[1]))})
with serve(fake) as url:
    times = []
    for _ in range(int(sys.argv[2]) + 1):
        fake.reset()
        start = time.perf_counter()
        read_fleet(Client(TOKEN, url), "ORG", "ORG/templates")
        times.append(time.perf_counter() - start)
print(json.dumps({"times": times[1:], "calls": len(fake.calls)}))
"""


def fleet_rows(size: int = FLEET_SIZE, runs: int = FLEET_RUNS) -> list[Row]:
    """`templates fleet` for an organisation of `size` repositories: its time and API calls."""
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    command = [sys.executable, "-c", FLEET_RUN, str(size), str(runs)]
    measured = json.loads(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
    limit = 2 * math.ceil(size / 100)  # a query per hundred, and a few more
    subject = f"`templates fleet`, {size} repositories"
    return [
        Row("Fleet view", subject, _ms(statistics.median(measured["times"])), runs=runs),
        Row(
            "Fleet API calls",
            subject,
            str(measured["calls"]),
            target=f"≤ {limit}",
            met=measured["calls"] <= limit,
        ),
    ]


def service_startup_rows(snapshot: Path, scratch: Path) -> list[Row]:
    """The web-service's command, from its start to its first answer from /healthz."""
    clone = fresh_clone(_rendered("web-service", snapshot, scratch), scratch)
    subprocess.run([UV, "sync", "--quiet"], cwd=clone, env=ENV, check=True)
    with (clone / "pyproject.toml").open("rb") as file:
        ((command, target),) = tomllib.load(file)["project"]["scripts"].items()
    python = tool("python", venv_bin(clone))
    medians = compare(
        lambda: measure([python, "-c", "import fastapi, uvicorn"], cwd=clone),
        {command: lambda: _first_healthz(tool(command, venv_bin(clone)), target.split(".")[0], clone)},
        STARTUP_RUNS,
    )
    value, floor = medians[command].seconds, medians["floor"].seconds
    return [
        compared("Service start-up", f"`{command}` to its first `/healthz`", value, floor, _ms, STARTUP_RUNS)
    ]


def _first_healthz(command: str, module: str, cwd: Path) -> Measurement:
    with socket.socket() as probe:  # a free port, for this run alone
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**ENV, f"{module.upper()}_PORT": str(port)}
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    start = time.perf_counter()
    service = subprocess.Popen([command], cwd=cwd, env=env, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with opener.open(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    seconds = time.perf_counter() - start
                    break
            except OSError:
                if service.poll() is not None:
                    sys.exit(f"{command} stopped with status {service.returncode} before answering")
                time.sleep(0.002)
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=10)
    return Measurement(seconds, 0)


def _two_cores() -> None:
    """The suite's target is for 2 cores: on a bigger machine, give it two."""
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])


def _timed_nox(
    clone: Path, env: dict[str, str], *selection: str
) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(
        [UV, "tool", "run", "nox", "--add-timestamp", *selection, "--", f"--durations={SLOWEST}"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_two_cores if hasattr(os, "sched_setaffinity") else None,
    )
    if result.returncode:
        print(_failures(result.stdout), result.stderr[-2000:], sep="\n", file=sys.stderr)
    return time.perf_counter() - start, result


def suite_rows(scratch: Path) -> tuple[list[Row], list[str]]:
    """The README's two commands in fresh clones, `uvx nox` then `uvx nox -s slow` (the whole
    set, as .ci/run runs it): once with an empty uv cache, then with it warm."""
    cache = fresh_dir(scratch)
    env = {key: value for key, value in ENV.items() if key != "FORCE_COLOR"}
    env.update(UV_CACHE_DIR=str(cache), NO_COLOR="1")  # plain output, to read the times from
    rows, notes = [], []
    for label in ("empty uv cache", "warm uv cache"):
        clone = fresh_clone(ROOT, scratch)  # committed work only: the tests need its history
        quick, quick_result = _timed_nox(clone, env)
        rest, rest_result = _timed_nox(clone, env, "-s", "slow")
        for figure, seconds, passed, target in (
            ("Test suite, `uvx nox`", quick, quick_result.returncode == 0, SUITE_TARGET),
            (
                "Test suite, whole set (`uvx nox`, `uvx nox -s slow`)",
                quick + rest,
                quick_result.returncode == rest_result.returncode == 0,
                WHOLE_SET_TARGET,
            ),
        ):
            row = Row(figure, label, _minutes(seconds) + ("" if passed else " (failed)"), runs=1)
            if label.startswith("warm"):
                row = replace(row, target=f"< {target // 60:.0f} min", met=seconds < target and passed)
            rows.append(row)
        logs = quick_result.stderr + rest_result.stderr
        slowest = f"{_slowest(quick_result.stdout)}, {_slowest(rest_result.stdout)}"
        notes.append(f"  - {label}: {_session_times(logs)}; slowest tests: {slowest}")
    return rows, notes


SUITE_NOTE = "- **Test suite**: the default `uvx nox`"


@dataclass(frozen=True)
class EarlierSuite:
    rows: list[str]
    note: str


def earlier_suite() -> EarlierSuite | None:
    """The suite's rows and note in results.md, which a run without --suite keeps: the note
    says which commit and day they measured."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    rows = [
        line for line in text.splitlines() if line.startswith("| Test suite") and "not measured" not in line
    ]
    start = text.find(SUITE_NOTE)
    if not rows or start < 0:
        return None
    return EarlierSuite(rows, text[start:])


def _failures(output: str) -> str:
    """pytest's report of what failed (the sessions after it print pages more)."""
    start = output.find("= FAILURES =")
    end = output.find("short test summary info", start)
    return output[start : end + 2000][-20_000:] if start >= 0 else output[-3000:]


def _session_times(log: str) -> str:
    """How long each nox session took, from the timestamps `nox --add-timestamp` logs."""
    started: dict[str, datetime.datetime] = {}
    took = []
    for stamp, verb, name in NOX_SESSION_LINE.findall(log):
        when = datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f")
        if verb == "Running session":
            started[name] = when
        elif name in started:  # the first line after the start says how it ended
            took.append(f"{name} {_minutes((when - started.pop(name)).total_seconds())}")
    return ", ".join(took)


def _slowest(output: str) -> str:
    """pytest's --durations lines, shortened to `12.3 s test_file.py::test_name[id]`."""
    found = re.findall(r"^([\d.]+)s \w+ +tests/(\S+?)(?:@\S+)?$", output, re.MULTILINE)
    return ", ".join(f"{seconds} s `{test}`" for seconds, test in found)


def compared(
    figure: str,
    subject: str,
    value: float,
    floor: float,
    show: Callable[[float], str],
    runs: int,
    limit: float | None = None,
) -> Row:
    """A row comparing a figure with its floor; with a limit, the target is that ratio at most."""
    ratio = value / floor
    if limit is None:
        return Row(figure, subject, show(value), show(floor), ratio, runs=runs)
    return Row(figure, subject, show(value), show(floor), ratio, f"≤ {limit}x", ratio <= limit, runs)


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | what | median | floor | ratio | target | met | runs |",
        "| --- | --- | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}x"
        met = {None: "—", True: "yes", False: "**no**"}[row.met]
        lines.append(
            f"| {row.figure} | {row.subject} | {row.value} | {row.floor} | {ratio} | {row.target} | {met}"
            f" | {row.runs or '—'} |"
        )
    return "\n".join(lines)


NOTES = """\
- **Render**: the engine's command line (`cookiecutter --directory KIND --no-input`,
  `copier copy --trust --defaults --data kind=KIND`) on a one-commit clone of the collection,
  hooks, answer checks and the first git commit included. Floor: the same engine rendering a
  one-file, one-variable template with no hooks (also a git repository: copier clones those).
- **Peak memory**: the largest process of a render (the engine), from the operating system's
  peak resident set size; floor as for render time.
- **Generated files, lines**: the files of a default project's first commit and their lines,
  beside simonw/python-lib's (rendered with `lib_name=demo-thing`, as its README shows). The
  target: a third fewer lines than each kind had before issue #16.
- **pytest's own time**: what pytest reports ("N passed in X s") in a synced project, median
  of runs after a first one; beside simonw/python-lib's.
- **Time to green**: `uv run pytest` in a fresh clone of the rendered project (no `.venv`, no
  `uv.lock`), with a warm uv cache; uv still asks the package index whether its cached answers
  are current (one request per package it locks). Floor: simonw/python-lib's `uv run --extra
  test pytest` in a fresh clone of its render, in turn with ours. Target: at most three times
  that. A new folder each run, as a user's first run is: run again in the same folder, uv
  reuses its build of the project, which hides most of the peer's time (setuptools' build) and
  shows a larger ratio (#25 measured 2.7x that way). Where ours goes: locking, installing from
  the cache, building the project's editable wheel, then pytest, compiling its bytecode.
- **CLI start-up**: the click-app's command with `--help`, in its synced `.venv`. Floor:
  `python -c "import click"` in the same environment.
- **Fleet view**: `templates fleet`'s reading of an organisation of 500 repositories in every
  state, from tests/fake_github.py on loopback (so GitHub's own latency is not in it), after a
  first run; the API calls are what the fake counted. Target: two calls per hundred repositories.
- **Service start-up**: the web-service's command, from its start to its first answer from
  `/healthz` on a free loopback port, in its synced `.venv`. Floor: `python -c "import fastapi,
  uvicorn"` in the same environment.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds per render figure (default: 5)")
    parser.add_argument("--suite", action="store_true", help="also time the default `uvx nox` (many minutes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        snapshot = collection_snapshot(scratch)
        rows = render_rows(snapshot, scratch, args.runs)
        kinds, anchor_source = kind_rows(snapshot, scratch)
        rows += kinds
        startup, project_python = startup_rows(snapshot, scratch)
        rows += startup + service_startup_rows(snapshot, scratch)
        rows += fleet_rows()
        notes = NOTES + f"- simonw/python-lib rendered from `{anchor_source}`.\n"
        earlier = None
        if args.suite:
            suite, sessions = suite_rows(scratch)
            rows += suite
            notes += (
                f"{SUITE_NOTE} (every default session), then `uvx nox -s slow`, in a fresh clone of the collection at"
                f" {git('rev-parse', '--short', 'HEAD', cwd=ROOT).strip()}, measured {datetime.date.today()}"
                " on two cores; one run with an empty uv cache, then one with the cache it filled"
                " (one run each). How long each session took:\n" + "\n".join(sessions) + "\n"
            )
        elif earlier := earlier_suite():
            notes += earlier.note
        else:
            rows.append(Row("Test suite, `uvx nox`", "not measured: `uvx nox -s bench -- --suite`", "—"))
    uv_version = subprocess.run([UV, "--version"], capture_output=True, text=True, check=True).stdout
    measured = (
        f"Measured {datetime.date.today()} on {platform.system()} {platform.machine()}, {os.cpu_count()} cores;"
        f" engines on Python {platform.python_version()} (cookiecutter {version('cookiecutter')},"
        f" copier {version('copier')}), generated projects on Python {project_python}, {uv_version.strip()}."
    )
    text = table(rows) + "".join(f"\n{line}" for line in (earlier.rows if earlier else []))
    print(f"\n{measured}\n\n{text}\n\n{notes}")
    RESULTS.write_text(
        "# Benchmarks\n\n"
        "Reproduce from a clone of the collection: `uvx nox -s bench` measures every row but the test\n"
        "suite in about two minutes and rewrites this file, keeping the suite's last figures;\n"
        "`uvx nox -s bench -- --suite` measures the suite too (twice, with an empty and a warm uv\n"
        "cache: about 35 minutes in all). Each figure is the median of the runs shown, next to its\n"
        "floor measured in the same run.\n\n"
        f"{measured}\n\n{text}\n\n{notes}",
        "utf-8",
    )
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
