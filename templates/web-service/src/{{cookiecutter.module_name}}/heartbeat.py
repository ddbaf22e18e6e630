"""The heartbeat: pings the monitoring service every few seconds while the service is ready.

healthchecks.io and Uptime Kuma raise an alert when a ping is late, so a service that has
stopped, hangs or is not ready is noticed (a dead man's switch). There is a "start" ping as
the service starts, a last one as it stops, and a "fail" one with the reason when it stops
on an error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from {{ cookiecutter.module_name }} import health

logger = logging.getLogger(__name__)


class Heartbeat:
    """Pings `url` every `seconds` from a thread of its own while `failing()` returns None.

    With no URL it does nothing. A ping never raises and never holds up a request: the
    thread sends it, and a ping that fails is logged as a warning.
    """

    def __init__(
        self, url: str, seconds: float, failing: Callable[[], str | None]
    ) -> None:
        self.url = url
        self.seconds = seconds
        self.failing = failing
        self._stopped = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name="heartbeat", daemon=True
        )

    def start(self) -> None:
        """Send the "start" ping, then beat."""
        if self.url:
            self._ping("start")
            self._thread.start()

    def stop(self, error: str | None = None) -> None:
        """Stop beating; send the last ping, a "fail" one with `error` when there is one."""
        if not self.url or self._stopped.is_set():
            return
        self._stopped.set()
        self._thread.join()
        if error is None:
            self._ping("success", "stopped")
        else:
            self._ping("fail", error)

    def _beat(self) -> None:
        while not self._stopped.wait(self.seconds):
            unready = self.failing()
            if unready is None:
                self._ping("success")
            else:  # no ping: the monitoring service alerts once it is late
                logger.warning("Heartbeat held back: readiness check %s fails", unready)

    def _ping(self, status: health.Status, message: str | None = None) -> None:
        # One attempt, 5 s at most: a container runtime stops the service 10 s after
        # SIGTERM, and a beat that is lost is followed by the next one.
        health.ping(status, self.url, message=message, retries=0)
