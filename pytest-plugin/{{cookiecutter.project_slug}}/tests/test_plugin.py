{%- set plugin = cookiecutter.module_name.removeprefix("pytest_") %}
{%- set flag = plugin.replace("_", "-") -%}
"""The plugin as users meet it: each test runs pytest itself on a small project.

``pytester.runpytest()`` runs pytest in this process, loading the plugin through its
entry point just as a fresh process would; ``runpytest_subprocess()`` proves that.
The health-check pings go to a real HTTP server on 127.0.0.1.
"""

import http.server
import importlib.metadata
import logging
import re
import socket
import threading
import time
import types
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

import {{ cookiecutter.module_name }}
from {{ cookiecutter.module_name }} import health, plugin

ENTRY_POINT = "{{ cookiecutter.module_name }}"
SEED = "--{{ flag }}-seed"
URL = "--{{ flag }}-healthcheck-url"
SEED_INI = "{{ plugin }}_seed"
URL_INI = "{{ plugin }}_healthcheck_url"

PASSING = "def test_passes():\n    pass\n"
FAILING = "def test_fails():\n    assert False\n"
BROKEN = "import a_module_that_does_not_exist\n"
# Prints each test's first draw, for comparing runs.
DRAWS = """
def test_one({{ plugin }}_random):
    print("one", {{ plugin }}_random.random())

def test_two({{ plugin }}_random):
    print("two", {{ plugin }}_random.random())
"""


class Monitor(http.server.ThreadingHTTPServer):
    """A monitoring service on 127.0.0.1 that records the pings it receives."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), PingHandler)
        self.pings: list[urllib.parse.SplitResult] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/check"

    def statuses(self) -> list[str]:
        """The status each ping carried, checking that one run id pairs them all."""
        run_ids = {urllib.parse.parse_qs(ping.query)["rid"][0] for ping in self.pings}
        assert len(run_ids) == 1
        return [ping.path.removeprefix("/check/") for ping in self.pings]


class PingHandler(http.server.BaseHTTPRequestHandler):
    server: Monitor

    def do_GET(self) -> None:
        self.server.pings.append(urllib.parse.urlsplit(self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Keep the server quiet."""


@pytest.fixture
def monitor() -> Iterator[Monitor]:
    with Monitor() as server:
        serving = threading.Thread(target=server.serve_forever, args=(0.01,))
        serving.start()
        yield server
        server.shutdown()
        serving.join()


@pytest.fixture(autouse=True)
def users_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plugins load automatically, and no ping URL or proxy leaks in from this shell."""
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.delenv(health.URL_ENV_VAR, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")


def draws(result: pytest.RunResult) -> dict[str, str]:
    """Each test's first draw, from a run of DRAWS with -s."""
    return dict(re.findall(r"(one|two) (0\.\d+)", result.stdout.str()))


def test_pytest_loads_the_plugin_through_its_entry_point(
    pytester: pytest.Pytester,
) -> None:
    [entry_point] = importlib.metadata.entry_points(group="pytest11", name=ENTRY_POINT)
    assert entry_point.value == f"{ENTRY_POINT}.plugin"
    pytester.makepyfile(
        f"""
        def test_loaded(pytestconfig):
            plugin = pytestconfig.pluginmanager.get_plugin("{ENTRY_POINT}")
            assert plugin.__name__ == "{ENTRY_POINT}.plugin"
        """
    )

    result = pytester.runpytest_subprocess()

    result.assert_outcomes(passed=1)
    # pytest lists each plugin's distribution without its "pytest-" prefix
    name = "{{ cookiecutter.project_slug.removeprefix('pytest-') }}"
    version = {{ cookiecutter.module_name }}.__version__
    result.stdout.fnmatch_lines([f"plugins:*{name}-{version}*"])


def test_p_no_leaves_the_plugin_out(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(DRAWS)

    result = pytester.runpytest("-p", f"no:{ENTRY_POINT}")

    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(
        ["*fixture '{{ plugin }}_random' not found*"],
    )


def test_the_header_shows_the_seed_and_how_to_repeat_the_run(
    pytester: pytest.Pytester,
) -> None:
    result = pytester.runpytest(f"{SEED}=1234")

    result.stdout.fnmatch_lines(
        [
            "{{ plugin }}: seed 1234 (repeat this run with --{{ flag }}-seed=1234)",
        ],
    )


def test_the_same_seed_draws_the_same_numbers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(DRAWS)

    first = draws(pytester.runpytest("-s", f"{SEED}=1"))
    again = draws(pytester.runpytest("-s", f"{SEED}=1"))
    other_seed = draws(pytester.runpytest("-s", f"{SEED}=2"))

    assert first == again
    assert first["one"] != first["two"]
    assert other_seed["one"] != first["one"]


def test_a_test_draws_the_same_numbers_alone_or_with_others(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(DRAWS)

    together = draws(pytester.runpytest("-s", f"{SEED}=7"))
    alone = draws(pytester.runpytest("-s", f"{SEED}=7", "-k", "two"))

    assert alone == {"two": together["two"]}


def test_without_a_seed_each_run_picks_one_that_repeats_it(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(DRAWS)

    first = pytester.runpytest("-s")
    [seed] = re.findall(rf"{SEED}=(\d+)", first.stdout.str())
    again = pytester.runpytest("-s", f"{SEED}={seed}")

    assert draws(again) == draws(first)


def test_the_controller_hands_its_seed_to_each_xdist_worker(
    pytester: pytest.Pytester,
) -> None:
    # pytest-xdist calls this hook for each worker it starts: `workerinput` goes to the worker.
    config = pytester.parseconfigure(f"{SEED}=5")
    worker = types.SimpleNamespace(config=config, workerinput={"workerid": "gw0"})

    plugin.pytest_configure_node(worker)

    assert worker.workerinput == {"workerid": "gw0", SEED_INI: 5}


def test_an_xdist_worker_draws_from_its_controllers_seed(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(DRAWS)
    controller = draws(pytester.runpytest("-s", f"{SEED}=7"))
    # A worker finds what its controller handed over in `config.workerinput`.
    pytester.makeconftest(
        """
        import pytest

        @pytest.hookimpl(tryfirst=True)
        def pytest_configure(config):
            config.workerinput = {"workerid": "gw0", "{{ plugin }}_seed": 7}
        """
    )

    worker = draws(pytester.runpytest("-s"))

    assert worker == controller


def test_the_seed_in_the_header_repeats_a_run_under_xdist(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(DRAWS)

    # -rP reports what each test printed: xdist's workers cannot print as they run
    first = pytester.runpytest("-n", "2", "-rP")
    [seed] = re.findall(rf"{SEED}=(\d+)", first.stdout.str())
    without_xdist = pytester.runpytest("-p", "no:xdist", "-s", f"{SEED}={seed}")

    assert len(draws(first)) == 2
    assert draws(first) == draws(without_xdist)


@pytest.mark.parametrize("config_file", ["pyproject.toml", "pytest.ini"])
def test_the_ini_setting_sets_the_seed(
    pytester: pytest.Pytester, config_file: str
) -> None:
    if config_file == "pyproject.toml":
        pytester.makepyprojecttoml(f"[tool.pytest.ini_options]\n{SEED_INI} = 99\n")
    else:
        pytester.makeini(f"[pytest]\n{SEED_INI} = 99\n")

    result = pytester.runpytest()

    result.stdout.fnmatch_lines(["{{ plugin }}: seed 99 *"])


def test_the_option_wins_over_the_ini_setting(pytester: pytest.Pytester) -> None:
    pytester.makeini(f"[pytest]\n{SEED_INI} = 99\n")

    result = pytester.runpytest(f"{SEED}=5")

    result.stdout.fnmatch_lines(["{{ plugin }}: seed 5 *"])


def test_a_seed_that_is_not_a_number_is_a_usage_error(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(f"[pytest]\n{SEED_INI} = many\n")

    result = pytester.runpytest()

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [f"ERROR: {SEED_INI} must be a whole number, not 'many'"]
    )


def test_the_fixture_logs_through_pytests_logging(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import logging

        def test_logged(caplog, {{ plugin }}_random):
            [record] = [
                record
                for record in caplog.get_records("setup")
                if record.name == "{{ cookiecutter.module_name }}.plugin"
            ]
            assert record.levelno == logging.DEBUG
            assert record.getMessage().endswith("draws from seed 3")
        """
    )

    result = pytester.runpytest("--log-level=DEBUG", f"{SEED}=3")

    result.assert_outcomes(passed=1)


def test_the_plugin_adds_no_logging_handlers() -> None:
    for name in [ENTRY_POINT, *logging.root.manager.loggerDict]:
        if name.startswith(ENTRY_POINT):
            assert logging.getLogger(name).handlers == []


@pytest.mark.parametrize(
    ("test_file", "exit_status"),
    [(PASSING, "0"), (FAILING, "1"), (BROKEN, "2")],
    ids=["pass", "fail", "error"],
)
def test_pings_start_then_the_exit_status(
    pytester: pytest.Pytester, monitor: Monitor, test_file: str, exit_status: str
) -> None:
    pytester.makepyfile(test_file)

    result = pytester.runpytest(f"{URL}={monitor.url}")

    assert result.ret == int(exit_status)
    assert monitor.statuses() == ["start", exit_status]


@pytest.mark.parametrize("source", ["pyproject.toml", "pytest.ini", "environment"])
def test_the_url_can_come_from_an_ini_setting_or_the_environment(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    monitor: Monitor,
    source: str,
) -> None:
    if source == "pyproject.toml":
        toml = f'[tool.pytest.ini_options]\n{URL_INI} = "{monitor.url}"\n'
        pytester.makepyprojecttoml(toml)
    elif source == "pytest.ini":
        pytester.makeini(f"[pytest]\n{URL_INI} = {monitor.url}\n")
    else:
        monkeypatch.setenv(health.URL_ENV_VAR, monitor.url)
    pytester.makepyfile(PASSING)

    pytester.runpytest()

    assert monitor.statuses() == ["start", "0"]


def test_the_option_wins_and_an_empty_one_turns_pings_off(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, monitor: Monitor
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, monitor.url)
    pytester.makeini(f"[pytest]\n{URL_INI} = {monitor.url}\n")
    pytester.makepyfile(PASSING)

    result = pytester.runpytest(f"{URL}=")

    result.assert_outcomes(passed=1)
    assert monitor.pings == []


def test_no_url_sends_nothing(pytester: pytest.Pytester, monitor: Monitor) -> None:
    pytester.makepyfile(PASSING)

    result = pytester.runpytest()

    result.assert_outcomes(passed=1)
    assert "health ping" not in result.stdout.str()
    assert monitor.pings == []


def test_only_the_controller_pings_under_xdist(
    pytester: pytest.Pytester, monitor: Monitor
) -> None:
    # pytest-xdist gives each worker's config a `workerinput` attribute.
    pytester.makeconftest(
        """
        import pytest

        @pytest.hookimpl(tryfirst=True)
        def pytest_configure(config):
            config.workerinput = {"workerid": "gw0"}
        """
    )
    pytester.makepyfile(PASSING)

    pytester.runpytest(f"{URL}={monitor.url}")

    assert monitor.pings == []


def test_a_monitoring_server_that_is_down_changes_nothing(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/secret-uuid"
    pytester.makepyfile(PASSING)
    backoffs: list[float] = []
    # health's backoff between retries, recorded instead of slept: pytest runs in-process
    monkeypatch.setattr(time, "sleep", backoffs.append)

    result = pytester.runpytest(f"{URL}={url}", "--log-cli-level=WARNING")

    assert backoffs == [0.5, 1.0] * 2  # each ping (start, end) was retried twice
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "*WARNING*Health ping to http://127.0.0.1:* failed*",
            "{{ plugin }}: health ping failed (start: *; 0: *); the test results are unaffected",
        ],
    )
    assert "secret-uuid" not in result.stdout.str()


def added_by_the_plugin(
    pytester: pytest.Pytester, pattern: str, *args: str
) -> set[str]:
    """What matches `pattern` in pytest's output with the plugin and not without it."""
    pytester.makepyfile(PASSING)  # so that --fixtures has a test module to read

    def found(*more: str) -> set[str]:
        text = pytester.runpytest(*args, *more).stdout.str()
        return set(re.findall(pattern, text, re.MULTILINE))

    return found() - found("-p", f"no:{ENTRY_POINT}")


def test_the_reference_lists_every_option_ini_setting_and_fixture(
    pytester: pytest.Pytester,
) -> None:
    reference = Path(__file__).parent.parent / "docs" / "reference.md"
    documented = {
        span.split("=")[0]
        for span in re.findall(r"`([^`]+)`", reference.read_text(encoding="utf-8"))
    }
    options = added_by_the_plugin(pytester, r"(--[a-z][\w-]*)", "--help")
    ini_settings = added_by_the_plugin(pytester, r"^  ([a-z]\w*) \(", "--help")
    fixtures = added_by_the_plugin(pytester, r"^(\w+)(?: \[.*\])? -- ", "--fixtures")

    assert options
    assert ini_settings
    assert fixtures
    assert options | ini_settings | fixtures <= documented
