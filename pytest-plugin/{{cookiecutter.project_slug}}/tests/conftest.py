"""pytester lets the tests run pytest itself, with the plugin loaded as users get it."""

pytest_plugins = ["pytester"]
