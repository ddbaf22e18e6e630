{%- set plugin = cookiecutter.module_name.removeprefix("pytest_") %}
{%- set flag = plugin.replace("_", "-") -%}
"""The plugin as users meet it: most tests run pytest itself, in this process.

pytester loads plugins in this process as a new pytest process would: the installed
ones through their entry points. The health-check pings go to the tests' monitoring
service (monitoring.py).
"""

import logging
import re
import socket
import time
import types
from pathlib import Path

import pytest
from monitoring import Server

from {{ cookiecutter.module_name }} import health, plugin

pytest_plugins = ["pytester"]  # the fixture that runs pytest itself

DISTRIBUTION = "{{ cookiecutter.project_slug }}"
ENTRY_POINT = "{{ cookiecutter.module_name }}"
NAME = "{{ plugin }}"  # what the plugin's names start with
SEED = "--{{ flag }}-seed"
URL = "--{{ flag }}-healthcheck-url"
SEED_INI = f"{NAME}_seed"
URL_INI = f"{NAME}_healthcheck_url"

PASSING = "def test_passes():\n    pass\n"
FAILING = "def test_fails():\n    assert False\n"
# Prints each test's first draw, for comparing runs.
DRAWS = """
def test_one({{ plugin }}_random):
    print("one", {{ plugin }}_random.random())

def test_two({{ plugin }}_random):
    print("two", {{ plugin }}_random.random())
"""


@pytest.fixture(autouse=True)
def plugins_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plugins load through their entry points, even where this shell turns that off."""
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)


def draws(result: pytest.RunResult) -> dict[str, str]:
    """Each test's first draw, from a run of DRAWS with -s."""
    return dict(re.findall(r"(one|two) (0\.\d+)", result.stdout.str()))


def test_pytest_loads_the_plugin_through_its_entry_point(
    pytester: pytest.Pytester,
) -> None:
    config = pytester.parseconfig()  # no -p: only an entry point can load the plugin

    assert config.pluginmanager.get_plugin(ENTRY_POINT) is plugin
    # where each entry point came from, as the header's "plugins:" line shows
    loaded = config.pluginmanager.list_plugin_distinfo()
    distributions = {module: dist.project_name for module, dist in loaded}
    assert distributions[plugin] == DISTRIBUTION


def test_the_seed_in_the_header_repeats_a_run(pytester: pytest.Pytester) -> None:
    """Without the option or the ini setting, each run picks a seed; the option wins."""
    pytester.makepyfile(DRAWS)

    first = pytester.runpytest("-s")
    [seed] = re.findall(rf"{SEED}=(\d+)", first.stdout.str())
    pytester.makepyprojecttoml(f"[tool.pytest.ini_options]\n{SEED_INI} = 5\n")
    alone = pytester.runpytest(
        "-s", "-k", "two", f"{SEED}={seed}", "--log-cli-level=DEBUG"
    )
    from_ini = pytester.runpytest("-s")

    header = f"{NAME}: seed {seed} (repeat this run with {SEED}={seed})"
    first.stdout.fnmatch_lines([header])
    assert draws(first)["one"] != draws(first)["two"]  # each test its own numbers
    # the same numbers alone as among others; the option wins over the ini setting
    assert draws(alone) == {"two": draws(first)["two"]}
    logged = f"DEBUG *{ENTRY_POINT}.plugin:*::test_two draws from seed {seed}"
    alone.stdout.fnmatch_lines([logged])  # through pytest's logging
    from_ini.stdout.fnmatch_lines([f"{NAME}: seed 5 *"])
    assert draws(from_ini)["one"] != draws(first)["one"]


def test_a_seed_that_is_not_a_number_is_a_usage_error(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(f"[pytest]\n{SEED_INI} = many\n")

    result = pytester.runpytest()

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    error = f"ERROR: {SEED_INI} must be a whole number, not 'many'"
    result.stderr.fnmatch_lines([error])


def test_the_plugin_adds_no_logging_handlers() -> None:
    for name in [ENTRY_POINT, *logging.root.manager.loggerDict]:
        if name.startswith(ENTRY_POINT):
            assert logging.getLogger(name).handlers == []


def test_xdist_workers_take_the_controllers_seed_and_leave_it_the_pings(
    pytester: pytest.Pytester, server: Server
) -> None:
    controller = pytester.parseconfig(f"{SEED}=7")
    plugin.pytest_configure(controller)  # which settles the seed
    # pytest-xdist calls this hook as it starts each worker, which then finds
    # `node.workerinput` as its `config.workerinput`
    node = types.SimpleNamespace(config=controller, workerinput={"workerid": "gw0"})
    plugin.pytest_configure_node(node)
    pytester.makeconftest(
        f"""
        import pytest

        @pytest.hookimpl(tryfirst=True)
        def pytest_configure(config):
            config.workerinput = {node.workerinput!r}
        """
    )

    worker = pytester.runpytest(f"{URL}={server.url}")

    worker.stdout.fnmatch_lines([f"{NAME}: seed 7 *"])
    assert server.seen == []


def test_pings_go_to_the_option_else_the_ini_setting_else_the_variable(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, f"{server.url}/from-env")
    pytester.makepyfile(FAILING)

    result = pytester.runpytest()
    pytester.makeini(f"[pytest]\n{URL_INI} = {server.url}/from-ini\n")
    pytester.runpytest()
    pytester.runpytest(f"{URL}=")  # an empty URL turns pings off

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    paths = tuple(seen.path for seen in server.seen)
    run_ids = [seen.query["rid"] for seen in server.seen]
    assert paths == ("/from-env/start", "/from-env/1", "/from-ini/start", "/from-ini/1")
    assert run_ids[0] == run_ids[1] != run_ids[2] == run_ids[3]  # one id for each run


def test_a_monitoring_service_that_is_down_changes_nothing(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/secret-uuid"
    monkeypatch.setattr(time, "sleep", lambda _: None)  # no wait between retries
    pytester.makepyfile(PASSING)

    result = pytester.runpytest(f"{URL}={url}", "--log-cli-level=WARNING")

    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "*WARNING*Health ping to http://127.0.0.1:* failed*",
            f"{NAME}: health ping failed (start: *; 0: *); the test results are unaffected",
        ]
    )
    assert "secret-uuid" not in result.stdout.str()


def test_the_reference_lists_every_option_ini_setting_and_fixture(
    pytester: pytest.Pytester,
) -> None:
    reference = Path(__file__).parent.parent / "docs" / "reference.md"
    # its code spans, up to any "=" and the option's value
    documented = set(re.findall(r"`([^`=]+)[^`]*`", reference.read_text("utf-8")))
    without = ("-p", f"no:{ENTRY_POINT}")
    helps = [pytester.runpytest("--help", *more).stdout.str() for more in [(), without]]

    def added(pattern: str) -> set[str]:
        """What `pattern` finds in pytest's help with the plugin and not without it."""
        found = [set(re.findall(pattern, text, re.MULTILINE)) for text in helps]
        return found[0] - found[1]

    options = added(r"(--[a-z][\w-]*)")
    ini_settings = added(r"^  ([a-z]\w*) \(")
    listed = pytester.runpytest("--fixtures").stdout.str()  # with where each is defined
    fixture = rf"^(\w+)(?: \[.*\])? -- \S*{ENTRY_POINT}[/\\]"
    fixtures = set(re.findall(fixture, listed, re.MULTILINE))

    assert options
    assert ini_settings
    assert fixtures
    assert options | ini_settings | fixtures <= documented
