{%- set plugin = cookiecutter.module_name.removeprefix("pytest_") %}
{%- set flag = plugin.replace("_", "-") -%}
"""The plugin pytest loads through the ``pytest11`` entry point.

Every name it adds starts with ``{{ plugin }}``, so it cannot clash with another plugin:

- the ``{{ plugin }}_random`` fixture, a :class:`random.Random` seeded for each test;
- ``--{{ flag }}-seed`` and the ``{{ plugin }}_seed`` ini setting choose the seed, which
  the report header shows so that any run can be repeated (under pytest-xdist too: every
  worker draws from the seed the header shows);
- ``--{{ flag }}-healthcheck-url`` and the ``{{ plugin }}_healthcheck_url`` ini setting
  (else the ``{{ cookiecutter.__healthcheck_variable }}`` environment variable)
  turn on the health-check ping: start when the session begins, its exit status when it
  ends.

The hooks stay thin: a ping never raises and never changes the run's outcome, and the
plugin logs through pytest's logging without adding handlers of its own.
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
# The ini settings; the options store their values under the same names.
_SEED_NAME = f"{_NAME}_seed"
_URL_NAME = f"{_NAME}_healthcheck_url"

_SEED = pytest.StashKey[int]()
_RUN_ID = pytest.StashKey[str]()
_PING_ERRORS = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the command-line options and their ini settings."""
    group = parser.getgroup(
        _NAME,
        "{{ cookiecutter.project_slug }}",
    )
    group.addoption(
        "--{{ flag }}-seed",
        type=int,
        metavar="N",
        help=f"Seed for the {_NAME}_random fixture. Default: the {_SEED_NAME} ini "
        "setting, else a new seed each run.",
    )
    parser.addini(
        _SEED_NAME,
        f"Seed for the {_NAME}_random fixture (a whole number).",
        default="",
    )
    group.addoption(
        "--{{ flag }}-healthcheck-url",
        metavar="URL",
        help="Health-check URL to ping when the session starts and ends. Default: "
        f"the {_URL_NAME} ini setting, else the {health.URL_ENV_VAR} environment "
        "variable. An empty URL turns pings off.",
    )
    parser.addini(
        _URL_NAME,
        "Health-check URL to ping when the session starts and ends.",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Settle the session's seed and run id."""
    config.stash[_SEED] = _seed(config)
    config.stash[_RUN_ID] = str(uuid.uuid4())
    config.stash[_PING_ERRORS] = []


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: without xdist, never called
def pytest_configure_node(node: Any) -> None:
    """Under pytest-xdist, give each worker the seed this controlling process settled.

    Each worker runs ``pytest_configure`` too, and would otherwise pick a seed of its own
    that the report header never shows. ``node`` is xdist's ``WorkerController``; what
    ``node.workerinput`` holds, the worker reads as ``config.workerinput``.
    """
    node.workerinput[_SEED_NAME] = node.config.stash[_SEED]


def pytest_report_header(config: pytest.Config) -> str:
    """Show the seed, so that a run can be repeated."""
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
    """Ping start."""
    _ping(session.config, "start")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Ping the session's exit status: 0 for success, 1 when tests failed, and so on."""
    _ping(session.config, int(exitstatus))


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Say when a ping failed: the monitoring service missed it."""
    errors = config.stash.get(_PING_ERRORS, [])
    if errors:
        terminalreporter.write_line(
            f"{_NAME}: health ping failed ({'; '.join(errors)}); "
            "the test results are unaffected",
            yellow=True,
        )


def _seed(config: pytest.Config) -> int:
    # A pytest-xdist worker draws from the seed its controller chose: see above.
    workerinput = getattr(config, "workerinput", {})
    if _SEED_NAME in workerinput:
        return int(workerinput[_SEED_NAME])
    given = config.getoption(_SEED_NAME)
    if given is not None:
        return int(given)
    configured = str(config.getini(_SEED_NAME)).strip()
    if not configured:
        return secrets.randbelow(1_000_000)
    try:
        return int(configured)
    except ValueError:
        msg = f"{_SEED_NAME} must be a whole number, not {configured!r}"
        raise pytest.UsageError(msg) from None


def _url(config: pytest.Config) -> str | None:
    """The option, else the ini setting, else None: ping() then reads the variable."""
    given: str | None = config.getoption(_URL_NAME)
    if given is not None:
        return given
    return str(config.getini(_URL_NAME)).strip() or None


def _ping(config: pytest.Config, status: health.Status | int) -> None:
    # pytest-xdist runs the session hooks in each worker too: only the controller pings.
    if hasattr(config, "workerinput") or _RUN_ID not in config.stash:
        return
    result = health.ping(status, _url(config), run_id=config.stash[_RUN_ID])
    if not result.ok:
        config.stash[_PING_ERRORS].append(f"{status}: {result.error}")
