{# assemble: include python_text.jinja #}
"""The `{{ cookiecutter.command_name }}` command line: its options, its commands and their help.

Every run loads this module, `{{ cookiecutter.command_name }} --help` included, so it imports only
click. Each command imports the code it needs when it runs, which keeps start-up fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from {{ cookiecutter.module_name }} import __version__

if TYPE_CHECKING:
    from {{ cookiecutter.module_name }}.app import App
    from {{ cookiecutter.module_name }}.counting import Unit

COMMAND = "{{ cookiecutter.command_name }}"
ENV_PREFIX = "{{ cookiecutter.module_name | upper }}_"  # of the variables the command reads
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Command(click.Command):
    """A command of the group: each run that starts is reported to the monitoring service.

    click calls `invoke` only once the command line is valid, so `--help` and usage
    errors (exit status 2) never count as a run.
    """

    def invoke(self, ctx: click.Context) -> Any:
        from {{ cookiecutter.module_name }}.app import monitored  # noqa: PLC0415

        state: App = ctx.obj
        with monitored(state.healthcheck_url) as start_ping:
            state.start_ping = start_ping  # the health command checks it
            # The group keeps a broken configuration's error until now, after the
            # start ping, so that monitoring reports it; health reports it itself.
            if state.config_error is not None and self.name != health_command.name:
                raise state.config_error
            return super().invoke(ctx)


class EnvironmentOption(click.Option):
    """An option that names its environment variable when its value is refused."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        return f"{super().get_error_hint(ctx)} (or {self.envvar})"


@click.group(COMMAND, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Log more: -v INFO, -vv DEBUG.")
@click.option("-q", "--quiet", is_flag=True, help="Log errors only.")
@click.option(
    "--log-level",
    cls=EnvironmentOption,
    type=click.Choice(LOG_LEVELS, case_sensitive=False),
    default="WARNING",
    show_default=True,
    envvar=f"{ENV_PREFIX}LOG_LEVEL",
    help="Log records of this level and above.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(),
    envvar=f"{ENV_PREFIX}CONFIG",
    help="TOML file of option defaults, a table per command.  "
    "[default: config.toml in your user config folder, if it is there]",
)
@click.option(
    "--healthcheck-url",
    metavar="URL",
    envvar="{{ cookiecutter.__healthcheck_variable }}",
    help="Ping this healthchecks.io or Uptime Kuma URL when the command starts "
    "and with its exit status when it ends.",
)
@click.version_option(__version__, prog_name=COMMAND, message="%(prog)s %(version)s")
@click.pass_context
def main(  # noqa: PLR0913  # click passes each option as an argument
    ctx: click.Context,
    *,
    verbose: int,
    quiet: bool,
    log_level: str,
    config_file: str | None,
    healthcheck_url: str | None,
) -> None:
    # \b keeps click from rewrapping the description, so README.md shows it as it is.
    """\b
    {{ python_text((cookiecutter.description | trim) or (cookiecutter.project_name | trim)) }}

    Results go to standard output and log records to standard error, so a pipe
    passes on results only. The log level is the first of these that is given:
    -v or -vv, -q, --log-level, its environment variable, and last WARNING.

    \b
    Environment variables (an option given beats its variable):
      --log-level        {{ cookiecutter.module_name | upper }}_LOG_LEVEL
      --config           {{ cookiecutter.module_name | upper }}_CONFIG
      --healthcheck-url  {{ cookiecutter.__healthcheck_variable }}
    """
    from {{ cookiecutter.module_name }} import app  # noqa: PLC0415  # not needed for --help

    # Configured once, here, for every command; undone when the command ends.
    ctx.with_resource(app.logging_to_stderr(app.level_from(verbose, quiet, log_level)))
    state = ctx.obj = app.App(
        config_path=app.config_path(config_file),
        healthcheck_url=(healthcheck_url or "").strip(),
    )
    try:
        ctx.default_map = app.read_config(
            state.config_path, required=config_file is not None, commands=main.commands
        )
    except app.ConfigError as error:
        state.config_error = error  # raised or reported once the command starts


main.command_class = Command  # @main.command() makes a Command: every run is monitored


@main.command()
@click.option(
    "--unit",
    type=click.Choice(["lines", "words", "chars"]),
    default="lines",
    show_default=True,
    help="What to count.",
)
@click.argument(
    "files", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
def count(unit: Unit, files: tuple[str, ...]) -> None:
    """Count the lines, words or characters of each FILE.

    Prints a line per file: the count, a tab and the file's name. With no FILE,
    or where FILE is -, reads standard input. Files are read as UTF-8.
    """
    from {{ cookiecutter.module_name }} import counting  # noqa: PLC0415

    for name in files or ("-",):
        click.echo(f"{counting.count_file(name, unit)}\t{name}")


@main.command("health")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def health_command(ctx: click.Context, as_json: bool) -> None:
    """Run the self-checks; exit with status 1 if any fails.

    Prints a line per check, ok or failed, and why:

    \b
    imports     every module of the package, and so its dependencies, imports
    config      the configuration file, if there is one, can be read
    monitoring  the monitoring service answers, when a URL is set
    """
    from {{ cookiecutter.module_name }} import checks  # noqa: PLC0415

    state: App = ctx.obj
    results = checks.run(state)
    click.echo(checks.report(results, as_json=as_json))
    if not all(check.ok for check in results):
        ctx.exit(1)
