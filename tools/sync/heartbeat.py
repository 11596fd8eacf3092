"""The runner's "still alive" stamp on its job, cheap enough for the reading loop.

`beat()` is called per document read, per file downloaded and per chunk written; it
writes at most once every `EVERY` seconds (a clock read otherwise), so a year of
100,000 documents costs a few dozen one-row UPDATEs. `tools.sync.liveness` judges a job
dead only after minutes of silence, far above `EVERY`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Engine, update
from sqlmodel import Session, col

from ledger.db import company_session
from ledger.models import SyncJob
from ledger.models.base import utcnow
from tools.sync.liveness import RUNNING

EVERY = 5.0  # seconds between two stamps


class Heartbeat:
    """Stamps `heartbeat_at` of one running job, at most once every `every` seconds."""

    def __init__(
        self,
        engine: Engine,
        company_id: int,
        job_id: int,
        *,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.company_id = company_id
        self.job_id = job_id
        self.every = EVERY if every is None else every
        self.clock = clock
        self.stamps = 0
        self._last: float | None = None

    def beat(self, session: Session | None = None) -> bool:
        """Stamp the job unless the last stamp is recent; True when it wrote.

        Pass the session the runner is writing with, when it has one: on SQLite a second
        connection writing between the runner's read and its next write would make that
        write fail, while the runner's own session commits the stamp in line.
        """
        now = self.clock()
        if self._last is not None and now - self._last < self.every:
            return False
        self._last = now
        stamp = (
            update(SyncJob)
            .where(col(SyncJob.id) == self.job_id, col(SyncJob.state).in_(sorted(RUNNING)))
            .values(heartbeat_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if session is not None:
            session.execute(stamp)
            session.commit()
        else:
            with company_session(self.engine, self.company_id) as own:
                own.execute(stamp)
                own.commit()
        self.stamps += 1
        return True
