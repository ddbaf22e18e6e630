"""The command run in the tests' own process, as click's test runner runs it."""

from click.testing import CliRunner, Result

from {{ cookiecutter.module_name }} import cli


def invoke(*args: str, stdin: str = "") -> Result:
    """Run `{{ cookiecutter.command_name }} ARGS`, with `stdin` as its standard input."""
    return CliRunner().invoke(cli.main, args, input=stdin)
