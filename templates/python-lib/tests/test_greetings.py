import logging

import pytest

from {{ cookiecutter.module_name }} import greet


def test_greets_by_name() -> None:
    assert greet("Ada") == "Hello, Ada!"


def test_ignores_surrounding_white_space() -> None:
    assert greet("  Ada\n") == "Hello, Ada!"


@pytest.mark.parametrize("name", ["", "   "])
def test_refuses_an_empty_name(name: str) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        greet(name)


def test_logs_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="{{ cookiecutter.module_name }}"):
        greet("Ada")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("{{ cookiecutter.module_name }}.greetings", logging.DEBUG, "Greeting 'Ada'"),
    ]
