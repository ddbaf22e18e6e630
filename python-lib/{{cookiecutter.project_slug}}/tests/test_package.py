import importlib.metadata
import logging

import {{ cookiecutter.module_name }}


def test_version_is_the_installed_distributions() -> None:
    installed = importlib.metadata.version("{{ cookiecutter.project_slug }}")
    assert {{ cookiecutter.module_name }}.__version__ == installed


def test_library_logging_is_silent_until_the_application_configures_it() -> None:
    package_logger = logging.getLogger("{{ cookiecutter.module_name }}")
    handler_types = [type(handler) for handler in package_logger.handlers]
    assert handler_types == [logging.NullHandler]
    assert package_logger.level == logging.NOTSET
    assert package_logger.propagate
