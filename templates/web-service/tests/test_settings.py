"""The settings, from environment variables; a value that cannot be used is refused."""

import pytest

from {{ cookiecutter.module_name }}.__main__ import main
from {{ cookiecutter.module_name }}.settings import Settings, SettingsError, variable

PREFIX = "{{ cookiecutter.module_name | upper }}_"
LEVELS = "'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'"


def test_with_no_variables_the_defaults_suit_development() -> None:
    assert Settings.from_environ({}) == Settings(host="127.0.0.1", port=8000)


def test_each_setting_has_its_variable() -> None:
    environ = {
        f"{PREFIX}HOST": "0.0.0.0",
        f"{PREFIX}PORT": "8080",
        f"{PREFIX}LOG_LEVEL": "debug",
        f"{PREFIX}LOG_FORMAT": "JSON",
        "{{ cookiecutter.__healthcheck_variable }}": "https://hc-ping.com/your-uuid",
        f"{PREFIX}HEARTBEAT_SECONDS": "30",
        f"{PREFIX}UNKNOWN": "ignored",
    }

    assert Settings.from_environ(environ) == Settings(
        host="0.0.0.0",
        port=8080,
        log_level="DEBUG",
        log_format="json",
        healthcheck_url="https://hc-ping.com/your-uuid",
        heartbeat_seconds=30.0,
    )


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("PORT", "http", "is not a port number from 1 to 65535."),
        ("PORT", "70000", "is not a port number from 1 to 65535."),
        ("LOG_LEVEL", "LOUD", f"is not one of {LEVELS}."),
        ("LOG_FORMAT", "xml", "is not one of 'text', 'json'."),
        ("HEARTBEAT_SECONDS", "0.5", "is not a number of seconds, 1 or more."),
        ("HEARTBEAT_SECONDS", "nan", "is not a number of seconds, 1 or more."),
    ],
)
def test_a_value_that_cannot_be_used_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
    why: str,
) -> None:
    message = f"Invalid value for {PREFIX}{name}: {value!r} {why}"
    with pytest.raises(SettingsError) as refused:
        Settings.from_environ({f"{PREFIX}{name}": value})
    assert str(refused.value) == message

    monkeypatch.setenv(f"{PREFIX}{name}", value)
    with pytest.raises(SystemExit) as exit_status:
        main([])
    assert exit_status.value.code == 2
    assert capsys.readouterr().err == f"Error: {message}\n"


def test_the_ping_url_has_the_name_every_kind_of_project_reads() -> None:
    assert variable("healthcheck_url") == "{{ cookiecutter.__healthcheck_variable }}"


def test_help_names_every_variable(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["--help"])

    assert exit_status.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"{PREFIX}PORT, {PREFIX}LOG_LEVEL" in help_text
