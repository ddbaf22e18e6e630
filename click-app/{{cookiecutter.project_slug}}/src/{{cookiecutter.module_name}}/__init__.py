"""{{ cookiecutter.module_name }}: the `{{ cookiecutter.command_name }}` command-line application.

The command is ``{{ cookiecutter.module_name }}.cli:main``; ``python -m {{ cookiecutter.module_name }}`` runs it too.
Importing the package configures nothing: the command sets up logging when it runs.
"""

__version__ = "0.1.0"
