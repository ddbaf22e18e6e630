"""An example to replace with your own code: small, typed, tested and documented."""

import logging

logger = logging.getLogger(__name__)


def greet(name: str) -> str:
    """Return a friendly greeting for `name`.

    Raises:
        ValueError: if `name` is empty or only white space.
    """
    cleaned = name.strip()
    if not cleaned:
        msg = "name must not be empty"
        raise ValueError(msg)
    logger.debug("Greeting %r", cleaned)
    return f"Hello, {cleaned}!"
