"""When a running sync is dead: the rule, pure, and the same rule as a SQL condition.

A runner (worker, API thread, foreground CLI) stamps `heartbeat_at` every few seconds
while it reads, downloads or writes (`tools.sync.heartbeat`), and every saved step
touches `updated_at`. A job is **dead** when it is in a running state and neither has
moved for longer than the threshold (`CUADRE_SYNC_DEAD_AFTER_SECONDS`, 10 minutes): its
process died (restart, OOM, deploy). A job that is progressing stamps far more often
than the threshold, so it is never dead; a staged, done or failed job is never dead
either (nobody is meant to be running it).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import col

from ledger.models import SyncJob

RUNNING = frozenset({"connecting", "downloading", "committing"})
DEAD_AFTER = timedelta(minutes=10)  # the default of `Settings.sync_dead_after_seconds`


class JobClock(Protocol):
    """What the rule reads of a job (a `SyncJob`, or a plain record in tests)."""

    @property
    def state(self) -> str: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def heartbeat_at(self) -> datetime | None: ...


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime."""
    # SQLite hands timestamps back naive; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def last_sign_of_life(job: JobClock) -> datetime:
    """The later of the last saved step and the last heartbeat (UTC)."""
    moments = [as_utc(job.updated_at)]
    if job.heartbeat_at is not None:
        moments.append(as_utc(job.heartbeat_at))
    return max(moments)


def is_dead(job: JobClock, *, now: datetime, dead_after: timedelta = DEAD_AFTER) -> bool:
    """True when the job is running and silent for longer than `dead_after`."""
    return job.state in RUNNING and as_utc(now) - last_sign_of_life(job) > dead_after


def dead_condition(cutoff: datetime) -> ColumnElement[bool]:
    """`is_dead` as a WHERE clause, with `cutoff = now - dead_after`.

    A claim is a conditional UPDATE on this clause that also stamps the heartbeat, so of
    several workers claiming the same job only the first matches it.
    """
    cutoff = as_utc(cutoff)
    return and_(
        col(SyncJob.state).in_(sorted(RUNNING)),
        col(SyncJob.updated_at) < cutoff,
        or_(col(SyncJob.heartbeat_at).is_(None), col(SyncJob.heartbeat_at) < cutoff),
    )
