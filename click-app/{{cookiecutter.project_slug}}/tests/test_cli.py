"""The command line through click's test runner: options, counting, logging, configuration."""

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from {{ cookiecutter.module_name }} import __version__, cli

LOG_LEVEL_VAR = f"{cli.ENV_PREFIX}LOG_LEVEL"
CONFIG_VAR = f"{cli.ENV_PREFIX}CONFIG"


def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, args, input=stdin)


def test_version() -> None:
    result = invoke("--version")

    assert (result.exit_code, result.stdout) == (0, f"{cli.COMMAND} {__version__}\n")


@pytest.mark.parametrize("option", ["-h", "--help"])
def test_help_names_the_command_and_lists_its_commands(option: str) -> None:
    result = invoke(option)

    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"Usage: {cli.COMMAND} [OPTIONS] COMMAND [ARGS]...\n"
    )
    assert "  count " in result.stdout
    assert "  health " in result.stdout


@pytest.mark.parametrize(
    ("unit", "expected"), [("lines", 2), ("words", 3), ("chars", 14)]
)
def test_count_reads_standard_input(unit: str, expected: int) -> None:
    result = invoke("count", "--unit", unit, stdin="one two\nthree\n")

    assert (result.exit_code, result.stdout) == (0, f"{expected}\t-\n")


def test_count_prints_a_line_per_file(tmp_path: Path) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text("1\n2\n3\n", "utf-8")

    result = invoke("count", str(path), "-", stdin="4\n")

    assert (result.exit_code, result.stdout) == (0, f"3\t{path}\n1\t-\n")


def test_count_reads_utf8_and_counts_a_stray_byte_as_a_character(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("naïve\n".encode() + b"\xff\n")

    result = invoke("count", "--unit", "chars", str(path))

    assert result.stdout == f"8\t{path}\n"


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("count", str(tmp_path / "missing.txt"))

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "missing.txt' does not exist" in result.stderr


# For empty input, count logs one record of each of these levels, in this order.
EVERY_RECORD = ["DEBUG", "WARNING", "INFO"]


@pytest.mark.parametrize(
    ("args", "variable", "shown"),
    [
        pytest.param([], None, ["WARNING"], id="WARNING by default"),
        pytest.param([], "info", ["WARNING", "INFO"], id="variable"),
        pytest.param(["--log-level", "debug"], None, EVERY_RECORD, id="option"),
        pytest.param(["--log-level", "ERROR"], "DEBUG", [], id="option beats variable"),
        pytest.param(["-q"], "DEBUG", [], id="-q beats variable"),
        pytest.param(["-q", "--log-level", "DEBUG"], None, [], id="-q beats option"),
        pytest.param(["-v"], None, ["WARNING", "INFO"], id="-v"),
        pytest.param(["-vv"], None, EVERY_RECORD, id="-vv"),
        pytest.param(["-v", "--verbose"], None, EVERY_RECORD, id="-v twice"),
        pytest.param(
            ["-v", "--log-level", "ERROR"],
            None,
            ["WARNING", "INFO"],
            id="-v beats option",
        ),
        pytest.param(["-v"], "CRITICAL", ["WARNING", "INFO"], id="-v beats variable"),
        pytest.param(["-vv", "-q"], None, EVERY_RECORD, id="-v beats -q"),
    ],
)
def test_log_level_precedence(
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    variable: str | None,
    shown: list[str],
) -> None:
    if variable is not None:
        monkeypatch.setenv(LOG_LEVEL_VAR, variable)

    result = invoke(*args, "count", stdin="")

    assert (result.exit_code, result.stdout) == (0, "0\t-\n")
    assert [line.split()[0] for line in result.stderr.splitlines()] == shown


def test_log_records_go_to_stderr_and_results_to_stdout() -> None:
    result = invoke("-vv", "count", stdin="")

    assert result.stdout == "0\t-\n"
    assert result.stderr.splitlines() == [
        "DEBUG {{ cookiecutter.module_name }}.counting: Reading -",
        "WARNING {{ cookiecutter.module_name }}.counting: - is empty",
        "INFO {{ cookiecutter.module_name }}.counting: -: 0 lines",
    ]


def test_a_bad_log_level_in_the_variable_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(LOG_LEVEL_VAR, "LOUD")

    result = invoke("count", stdin="")

    assert result.exit_code == 2
    # the message names the variable: the user may not know it is set
    assert f"'--log-level' (or {LOG_LEVEL_VAR}): 'LOUD'" in result.stderr


def test_logging_is_undone_when_the_command_ends() -> None:
    root = logging.getLogger()
    before = (root.level, list(root.handlers))

    invoke("-vv", "count", stdin="")

    assert (root.level, root.handlers) == before


def test_the_config_file_sets_option_defaults(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[count]\nunit = "words"\n', "utf-8")

    assert invoke("count", stdin="one two\n").stdout == "2\t-\n"
    assert invoke("count", "--unit", "lines", stdin="one two\n").stdout == "1\t-\n"


def test_the_option_or_the_variable_names_another_config_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[count]\nunit = "chars"\n', "utf-8")

    assert invoke("--config", str(path), "count", stdin="abc").stdout == "3\t-\n"
    monkeypatch.setenv(CONFIG_VAR, str(path))
    assert invoke("count", stdin="abc").stdout == "3\t-\n"
