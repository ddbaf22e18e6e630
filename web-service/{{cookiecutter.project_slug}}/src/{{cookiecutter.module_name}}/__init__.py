"""{{ cookiecutter.module_name }}: the `{{ cookiecutter.command_name }}` web service.

:func:`{{ cookiecutter.module_name }}.app.create_app` makes the application; the `{{ cookiecutter.command_name }}` command
(``{{ cookiecutter.module_name }}.__main__:main``) serves it. Importing the package configures nothing.
"""

__version__ = "0.1.0"
