"""Every command reports its run to the monitoring service: a local server, or a stand-in."""

import uuid
from unittest.mock import Mock

import click
import pytest
from command import invoke
from monitoring import SECRET, Server

from {{ cookiecutter.module_name }} import counting, health

URL = "https://hc-ping.com/your-uuid"  # for the tests that replace health.ping


def test_a_run_pings_start_then_its_exit_status(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.URL_ENV_VAR, server.ping_url)  # or --healthcheck-url

    result = invoke("count", stdin="one\n")

    assert (result.exit_code, result.stdout) == (0, "1\t-\n")
    start, end = server.seen
    assert (start.path, end.path) == (f"/{SECRET}/start", f"/{SECRET}/0")
    # one run id pairs the start with its end
    assert start.query["rid"] == end.query["rid"]
    uuid.UUID(start.query["rid"][0])


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--version"], 0),
        # a command's --help, even with a configuration file that cannot be used
        (["--config", "missing.toml", "count", "--help"], 0),
        (["cuont"], 2),
        (["--log-level", "LOUD", "count"], 2),
        (["count", "missing.txt"], 2),
        (["--healthcheck-url", "", "count"], 0),
    ],
)
def test_help_version_usage_errors_and_an_empty_url_send_nothing(
    server: Server, monkeypatch: pytest.MonkeyPatch, args: list[str], status: int
) -> None:
    # Help and usage errors never start the command (for a scheduled job, the missing
    # ping is what alerts); an empty --healthcheck-url turns the variable off.
    monkeypatch.setenv(health.URL_ENV_VAR, server.ping_url)

    assert invoke(*args).exit_code == status
    assert server.seen == []


def test_a_failing_ping_changes_nothing_but_a_warning(server: Server) -> None:
    server.replies = [404, 404]

    result = invoke("--healthcheck-url", server.ping_url, "count", stdin="one\n")

    assert (result.exit_code, result.stdout) == (0, "1\t-\n")
    warning = f"WARNING {health.__name__}: Health ping to {server.url} failed: HTTP 404"
    assert result.stderr.splitlines() == [warning, warning]
    assert SECRET not in result.stderr


@pytest.fixture
def ping(monkeypatch: pytest.MonkeyPatch) -> Mock:
    """Stands in for health.ping, whose requests the tests above check on the server."""
    ping = Mock()
    monkeypatch.setattr(health, "ping", ping)
    return ping


def test_a_configuration_file_that_cannot_be_used_fails_the_run(ping: Mock) -> None:
    result = invoke("--healthcheck-url", URL, "--config", "missing.toml", "count")

    assert result.exit_code == 1
    assert [call.args[0] for call in ping.call_args_list] == ["start", 1]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (RuntimeError("a bug"), 1),
        (KeyboardInterrupt(), 1),
        (click.UsageError("found by the command itself"), 2),
        (SystemExit(3), 3),
        (SystemExit(None), 0),
        (SystemExit("a message"), 1),
    ],
)
def test_whatever_ends_the_command_the_end_ping_carries_its_exit_status(
    monkeypatch: pytest.MonkeyPatch, ping: Mock, error: BaseException, status: int
) -> None:
    monkeypatch.setattr(counting, "count", Mock(side_effect=error))

    result = invoke("--healthcheck-url", URL, "count")

    assert result.exit_code == status
    assert [call.args[0] for call in ping.call_args_list] == ["start", status]
