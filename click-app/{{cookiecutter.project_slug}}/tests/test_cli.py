"""The command line through click's test runner: counting, logging, the configuration file."""

import logging
from pathlib import Path

import pytest
from command import invoke

from {{ cookiecutter.module_name }} import cli


@pytest.mark.parametrize(
    ("unit", "expected"), [("lines", 2), ("words", 3), ("chars", 14)]
)
def test_count_reads_standard_input(unit: str, expected: int) -> None:
    result = invoke("count", "--unit", unit, stdin="one two\nthree\n")

    assert (result.exit_code, result.stdout) == (0, f"{expected}\t-\n")


def test_count_prints_a_line_per_file_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("naïve\n".encode() + b"\xff\n")  # a stray byte is one character

    result = invoke("count", "--unit", "chars", str(path), "-", stdin="abc")

    assert (result.exit_code, result.stdout) == (0, f"8\t{path}\n3\t-\n")


# For empty input, count logs a DEBUG, a WARNING and an INFO record, in that order.
@pytest.mark.parametrize(
    ("args", "variable", "shown"),
    [
        pytest.param([], None, ["WARNING"], id="WARNING by default"),
        pytest.param([], "info", ["WARNING", "INFO"], id="variable"),
        pytest.param(["--log-level", "ERROR"], "DEBUG", [], id="option beats variable"),
        pytest.param(["-q", "--log-level", "DEBUG"], None, [], id="-q beats option"),
        pytest.param(["-v", "-q"], None, ["WARNING", "INFO"], id="-v beats -q"),
        pytest.param(["-vv"], None, ["DEBUG", "WARNING", "INFO"], id="-vv"),
    ],
)
def test_log_level_precedence(
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    variable: str | None,
    shown: list[str],
) -> None:
    if variable is not None:
        monkeypatch.setenv(f"{cli.ENV_PREFIX}LOG_LEVEL", variable)

    result = invoke(*args, "count")

    assert (result.exit_code, result.stdout) == (0, "0\t-\n")
    assert [line.split()[0] for line in result.stderr.splitlines()] == shown


def test_a_record_shows_its_level_logger_and_message() -> None:
    result = invoke("count")

    assert result.stderr == "WARNING {{ cookiecutter.module_name }}.counting: - is empty\n"


def test_a_bad_log_level_in_the_variable_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(f"{cli.ENV_PREFIX}LOG_LEVEL", "LOUD")

    result = invoke("count")

    assert result.exit_code == 2
    # the message names the variable: the user may not know it is set
    assert f"'--log-level' (or {cli.ENV_PREFIX}LOG_LEVEL): 'LOUD'" in result.stderr


def test_logging_is_undone_when_the_command_ends() -> None:
    root = logging.getLogger()
    before = (root.level, list(root.handlers))

    invoke("-vv", "count")

    assert (root.level, root.handlers) == before


def test_the_config_file_sets_option_defaults(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[count]\nunit = "words"\n', "utf-8")

    assert invoke("count", stdin="one two\n").stdout == "2\t-\n"
    assert invoke("count", "--unit", "lines", stdin="one two\n").stdout == "1\t-\n"
    assert f"ok      config: read {config_file}" in invoke("health").stdout


def test_the_option_or_the_variable_names_another_config_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[count]\nunit = "chars"\n', "utf-8")

    assert invoke("--config", str(path), "count", stdin="abc").stdout == "3\t-\n"
    monkeypatch.setenv(f"{cli.ENV_PREFIX}CONFIG", str(path))
    assert invoke("count", stdin="abc").stdout == "3\t-\n"
