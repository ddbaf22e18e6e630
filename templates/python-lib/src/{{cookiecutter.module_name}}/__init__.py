"""The {{ cookiecutter.module_name }} package: its public API is what this module exports.

A library never configures logging. It only gives its logger a NullHandler, so that nothing
is printed unless the application using it turns logging on (see docs/usage.md).
"""

import logging

from {{ cookiecutter.module_name }}.greetings import greet

__version__ = "0.1.0"
__all__ = ["__version__", "greet"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
