"""Work per key (a phone number) run in arrival order, one at a time, off the request."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable

log = logging.getLogger(__name__)


class SerialQueues:
    """A FIFO per key drained by one short-lived worker thread; keys run in parallel."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._queues: dict[str, deque[Callable[[], None]]] = {}
        self.idle = threading.Condition(self._guard)

    def submit(self, key: str, job: Callable[[], None]) -> None:
        """Queue `job` behind the earlier jobs of `key`."""
        with self._guard:
            queue = self._queues.get(key)
            if queue is not None:
                queue.append(job)
                return
            self._queues[key] = deque([job])
        threading.Thread(target=self._drain, args=(key,), daemon=True).start()

    def _drain(self, key: str) -> None:
        while True:
            with self._guard:
                queue = self._queues[key]
                if not queue:
                    del self._queues[key]
                    self.idle.notify_all()
                    return
                job = queue.popleft()
            try:
                job()
            except Exception:
                log.exception("background job for %s failed", key)

    def wait_idle(self, timeout: float) -> bool:
        """Block until every queue is empty (tests and graceful shutdown)."""
        with self._guard:
            return self.idle.wait_for(lambda: not self._queues, timeout=timeout)
