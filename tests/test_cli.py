"""`templates`, the collection's commands in one tool: each subcommand has its help, and adopt,
move and setup run the scripts of hooks/ with the arguments given."""

from __future__ import annotations

import pytest

from collection import cli


def test_the_tool_lists_its_four_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])

    assert exited.value.code == 0
    listed = capsys.readouterr().out
    for command in ("adopt", "move", "fleet", "setup"):
        assert f"\n    {command} " in listed, listed


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("adopt", "usage: templates adopt [-h] --kind"),
        ("move", "usage: templates move [-h] --template TEMPLATE --release RELEASE"),
        ("fleet", "usage: templates fleet [-h] [--collection OWNER/NAME]"),
        ("setup", "usage: templates setup [-h]"),
    ],
)
def test_each_command_has_its_help(command: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([command, "--help"])

    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(says)


def test_move_runs_the_script_with_its_arguments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hooks import cookiecutter_to_copier

    given = []
    monkeypatch.setattr(cookiecutter_to_copier, "main", lambda argv: given.append(argv) or 3)

    assert cli.main(["move", "--template", "gh:ORG/templates", "--release", "v0.1.0"]) == 3
    assert given == [["--template", "gh:ORG/templates", "--release", "v0.1.0"]]
