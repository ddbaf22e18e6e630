"""What /readyz and the heartbeat check: that each dependency the service needs answers.

Register a check per dependency in :func:`checks`, such as a database that answers
``SELECT 1``. A check is quick (a probe calls it every few seconds) and returns whether
the dependency is ready; one that raises counts as not ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from {{ cookiecutter.module_name }}.settings import Settings

#: A check returns True when its dependency is ready.
Check = Callable[[], bool]

logger = logging.getLogger(__name__)


def checks(settings: Settings) -> dict[str, Check]:
    """The service's checks, by name; the name is what /readyz reports when one fails."""
    del settings  # your checks read their addresses from it
    return {}


def failing(registered: dict[str, Check]) -> str | None:
    """The name of the first check that fails, or None when every one passes."""
    for name, check in list(registered.items()):
        try:
            if check():
                continue
        except Exception:
            logger.warning("Readiness check %s raised", name, exc_info=True)
        return name
    return None
