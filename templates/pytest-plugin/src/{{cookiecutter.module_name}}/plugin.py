{%- set plugin = cookiecutter.module_name.removeprefix("pytest_") %}
{%- set flag = plugin.replace("_", "-") -%}
"""The hooks, options and fixture pytest loads through the ``pytest11`` entry point.

Every name they add starts with ``{{ plugin }}``, so that none clashes with another
plugin's; docs/reference.md describes each. The hooks stay thin: a ping never raises or
changes the run's outcome, and the plugin logs through pytest's logging, adding no
handlers of its own.
"""

import logging
import random
import secrets
import uuid
from typing import Any

import pytest

from {{ cookiecutter.module_name }} import health

logger = logging.getLogger(__name__)

_NAME = "{{ plugin }}"
# The ini settings; each option stores its value under the same name.
_SEED_SETTING = f"{_NAME}_seed"
_URL_SETTING = f"{_NAME}_healthcheck_url"

_SEED = pytest.StashKey[int]()
_RUN_ID = pytest.StashKey[str]()
_PING_ERRORS = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup(
        _NAME,
        "{{ cookiecutter.project_slug }}",
    )
    group.addoption(
        "--{{ flag }}-seed",
        type=int,
        metavar="N",
        help=f"Seed for the {_NAME}_random fixture. Default: the {_SEED_SETTING} "
        "ini setting, else a new seed each run.",
    )
    parser.addini(_SEED_SETTING, f"Seed for the {_NAME}_random fixture (an integer).")
    group.addoption(
        "--{{ flag }}-healthcheck-url",
        metavar="URL",
        help="Health-check URL to ping when the session starts and ends. Default: "
        f"the {_URL_SETTING} ini setting, else the {health.URL_ENV_VAR} environment "
        "variable. An empty URL turns pings off.",
    )
    parser.addini(_URL_SETTING, "Health-check URL to ping at session start and end.")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_SEED] = _seed(config)
    config.stash[_RUN_ID] = str(uuid.uuid4())
    config.stash[_PING_ERRORS] = []


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: without xdist, never called
def pytest_configure_node(node: Any) -> None:
    """Under pytest-xdist, hand each worker the seed the report header shows.

    Each worker runs ``pytest_configure`` too, and would otherwise pick a seed of its
    own. What ``node.workerinput`` holds, the worker reads as ``config.workerinput``.
    """
    node.workerinput[_SEED_SETTING] = node.config.stash[_SEED]


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.stash[_SEED]
    option = "--{{ flag }}-seed"
    return f"{_NAME}: seed {seed} (repeat this run with {option}={seed})"


@pytest.fixture
def {{ plugin }}_random(
    request: pytest.FixtureRequest,
) -> random.Random:
    """A random number generator seeded for this test.

    The seed combines the session's seed with the test's node id: with the same seed,
    a test draws the same numbers whether it runs alone or among others, in any order.
    """
    seed = request.config.stash[_SEED]
    logger.debug("%s draws from seed %d", request.node.nodeid, seed)
    return random.Random(f"{seed}:{request.node.nodeid}")


def pytest_sessionstart(session: pytest.Session) -> None:
    _ping(session.config, "start")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _ping(session.config, int(exitstatus))


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Say when a ping failed: the monitoring service missed it."""
    if errors := config.stash[_PING_ERRORS]:
        terminalreporter.write_line(
            f"{_NAME}: health ping failed ({'; '.join(errors)}); "
            "the test results are unaffected",
            yellow=True,
        )


def _seed(config: pytest.Config) -> int:
    # A pytest-xdist worker takes the seed its controller handed over, see above.
    workerinput = getattr(config, "workerinput", {})
    given = workerinput.get(_SEED_SETTING, config.getoption(_SEED_SETTING))
    if given is not None:
        return int(given)
    configured = str(config.getini(_SEED_SETTING)).strip()
    if not configured:
        return secrets.randbelow(1_000_000)
    try:
        return int(configured)
    except ValueError:
        msg = f"{_SEED_SETTING} must be a whole number, not {configured!r}"
        raise pytest.UsageError(msg) from None


def _ping(config: pytest.Config, status: health.Status | int) -> None:
    # pytest-xdist runs the session hooks in each worker too: only the controller pings.
    if hasattr(config, "workerinput"):
        return
    # The option, else the ini setting; with neither, ping() reads the variable.
    url = config.getoption(_URL_SETTING)
    if url is None:
        url = str(config.getini(_URL_SETTING)).strip() or None
    result = health.ping(status, url, run_id=config.stash[_RUN_ID])
    if not result.ok:
        config.stash[_PING_ERRORS].append(f"{status}: {result.error}")
