"""A pytest plugin: installing the package is all it takes for pytest to load it.

pytest finds ``{{ cookiecutter.module_name }}.plugin`` through the ``pytest11`` entry
point in pyproject.toml. The options, ini settings and fixtures it adds are listed in
docs/reference.md; the health-check ping it sends is :mod:`{{ cookiecutter.module_name }}.health`.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
