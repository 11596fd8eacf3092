"""One turn at a time per thread: two messages on one thread are serialized, never interleaved.

In-process a `threading.Lock` per thread id; across processes an advisory lock in
PostgreSQL (`pg_advisory_lock`) or an exclusive `flock` on a file in the data directory.
"""

from __future__ import annotations

import fcntl
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from agent.memory import postgres_conninfo
from cuadre.settings import Settings


class ThreadLocks:
    """Locks keyed by thread id, valid across threads of this process and other processes."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._guard = threading.Lock()
        self._local: dict[str, threading.Lock] = {}

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        """Hold the thread's lock for the duration of one turn."""
        with self._guard:
            lock = self._local.setdefault(thread_id, threading.Lock())
        with lock, self._across_processes(thread_id):
            yield

    @contextmanager
    def _across_processes(self, thread_id: str) -> Iterator[None]:
        digest = hashlib.sha256(thread_id.encode()).digest()
        if self._settings.uses_postgres:
            key = int.from_bytes(digest[:8], "big", signed=True)
            conninfo = postgres_conninfo(self._settings.sqlalchemy_url)
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute("SELECT pg_advisory_lock(%s)", (key,))
                try:
                    yield
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
            return
        folder: Path = self._settings.ensure_data_dir() / "locks"
        folder.mkdir(exist_ok=True)
        with open(folder / f"{digest.hex()[:32]}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
