"""Every command reports its run to the monitoring service, against a real server on 127.0.0.1."""

import uuid
from unittest.mock import Mock

import click
import pytest
from click.testing import CliRunner, Result
from test_health import SECRET, Server

from {{ cookiecutter.module_name }} import cli, counting, health

URL_VAR = health.URL_ENV_VAR


def invoke(*args: str, stdin: str = "") -> Result:
    return CliRunner().invoke(cli.main, args, input=stdin)


def paths(server: Server) -> list[str]:
    return [seen.path for seen in server.seen]


def test_a_run_pings_start_then_its_exit_status(server: Server, ping_url: str) -> None:
    result = invoke("--healthcheck-url", ping_url, "count", stdin="one\n")

    assert (result.exit_code, result.stdout) == (0, "1\t-\n")
    start, end = server.seen
    assert (start.path, end.path) == (f"/{SECRET}/start", f"/{SECRET}/0")
    # one run id pairs the start with its end
    assert start.query["rid"] == end.query["rid"]
    uuid.UUID(start.query["rid"][0])


def test_the_variable_sets_the_url(
    server: Server, ping_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_VAR, ping_url)

    assert invoke("count").exit_code == 0
    assert paths(server) == [f"/{SECRET}/start", f"/{SECRET}/0"]


def test_an_empty_option_turns_the_variable_off(
    server: Server, ping_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_VAR, ping_url)

    assert invoke("--healthcheck-url", "", "count").exit_code == 0
    assert server.seen == []


def test_without_a_url_nothing_is_sent(server: Server) -> None:
    assert invoke("count").exit_code == 0
    assert server.seen == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--help"], id="--help"),
        pytest.param(["--version"], id="--version"),
        pytest.param(["count", "--help"], id="a command's --help"),
        pytest.param(["health", "-h"], id="a command's -h"),
        pytest.param(
            ["--config", "missing.toml", "count", "--help"],
            id="a command's --help, with a broken config",
        ),
    ],
)
def test_help_and_version_send_nothing(
    server: Server, ping_url: str, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv(URL_VAR, ping_url)

    assert invoke(*args).exit_code == 0
    assert server.seen == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no command"),
        pytest.param(["cuont"], id="unknown command"),
        pytest.param(["--log-level", "LOUD", "count"], id="bad group option"),
        pytest.param(["count", "--unit", "pages"], id="bad command option"),
        pytest.param(["count", "missing.txt"], id="missing file"),
    ],
)
def test_a_usage_error_sends_nothing(
    server: Server, ping_url: str, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    # The command never started: the missing ping is what alerts.
    monkeypatch.setenv(URL_VAR, ping_url)

    assert invoke(*args).exit_code == 2
    assert server.seen == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["--config", "missing.toml", "count"], 1, id="broken config"),
        pytest.param(
            ["--config", "missing.toml", "health"], 1, id="failed health check"
        ),
    ],
)
def test_a_failed_run_pings_its_exit_status(
    server: Server, ping_url: str, args: list[str], code: int
) -> None:
    result = invoke("--healthcheck-url", ping_url, *args)

    assert result.exit_code == code
    assert paths(server) == [f"/{SECRET}/start", f"/{SECRET}/{code}"]


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (RuntimeError("a bug"), 1),
        (KeyboardInterrupt(), 1),
        (click.ClickException("refused"), 1),
        (click.UsageError("found by the command itself"), 2),
        (click.exceptions.Exit(4), 4),
        (SystemExit(3), 3),
        (SystemExit(None), 0),
        (SystemExit("a message"), 1),
    ],
)
def test_whatever_ends_the_command_the_end_ping_carries_its_exit_status(
    server: Server,
    ping_url: str,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
) -> None:
    monkeypatch.setattr(counting, "count", Mock(side_effect=error))

    result = invoke("--healthcheck-url", ping_url, "count")

    assert result.exit_code == code
    assert paths(server) == [f"/{SECRET}/start", f"/{SECRET}/{code}"]


def test_a_failing_ping_changes_nothing_but_a_warning(
    server: Server, ping_url: str
) -> None:
    server.replies = [404, 404]

    result = invoke("--healthcheck-url", ping_url, "count", stdin="one\n")

    assert (result.exit_code, result.stdout) == (0, "1\t-\n")
    warning = f"WARNING {health.__name__}: Health ping to {server.url} failed: HTTP 404"
    assert result.stderr.splitlines() == [warning, warning]
    assert SECRET not in result.stderr
