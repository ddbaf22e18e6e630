"""benchmarks/results.md, which docs/benchmarks.md shows, keeps the suite's time between runs."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rendering import KINDS, ROOT


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SUITE_ROWS = [
    "| Test suite, `uvx nox` | empty uv cache | 16 min 54 s | — | — | — | — | 1 |",
    "| Test suite, `uvx nox` | warm uv cache | 17 min 00 s | — | — | < 5 min | **no** | 1 |",
]
SUITE_NOTE = (
    "- **Test suite**: the default `uvx nox` (every default session) in a fresh clone of the"
    " collection at 353d0c6, measured 2026-12-03 on two cores; ...\n  - warm uv cache: tests 7 min 45 s\n"
)


def test_a_quick_run_keeps_the_suites_last_figures(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "results.md"
    rows = "| figure | what |\n| --- | --- |\n| Render | python-lib |\n" + "\n".join(SUITE_ROWS)
    results.write_text(f"# Benchmarks\n\n{rows}\n\n- **Render**: a note.\n{SUITE_NOTE}", "utf-8")
    monkeypatch.setattr(bench, "RESULTS", results)
    assert bench.earlier_suite() == bench.EarlierSuite(SUITE_ROWS, SUITE_NOTE)


def test_a_suite_never_measured_is_not_carried(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "results.md"
    row = "| Test suite, `uvx nox` | not measured: `uvx nox -s bench -- --suite` | — |"
    results.write_text(f"# Benchmarks\n\n{row}\n", "utf-8")
    monkeypatch.setattr(bench, "RESULTS", results)
    assert bench.earlier_suite() is None
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "missing.md")
    assert bench.earlier_suite() is None


def test_the_results_show_the_suites_time_and_every_kind(bench: ModuleType) -> None:
    earlier = bench.earlier_suite()
    assert earlier is not None, "benchmarks/results.md: no suite time; `uvx nox -s bench -- --suite`"
    # which commit it measured, and when
    assert re.search(r" at [0-9a-f]{7,}, measured \d{4}-\d\d-\d\d ", earlier.note), earlier.note
    text = bench.RESULTS.read_text("utf-8")
    assert [kind for kind in KINDS if f"| Generated lines | {kind} |" not in text] == []


def test_the_bench_measures_the_fleet_view(bench: ModuleType) -> None:
    time, calls = bench.fleet_rows(size=150, runs=1)

    assert (time.figure, calls.figure) == ("Fleet view", "Fleet API calls")
    assert time.value.endswith(" ms")
    # two pages of repositories, the releases and the update issues
    assert (calls.value, calls.target, calls.met) == ("4", "≤ 4", True)
