"""`python -m {{ cookiecutter.module_name }}` runs the command, as the `{{ cookiecutter.command_name }}` script does."""

from {{ cookiecutter.module_name }}.cli import main

# The health command imports every module of the package: importing this one runs nothing.
if __name__ == "__main__":
    main()
