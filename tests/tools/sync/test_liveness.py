"""The "is it dead" rule: read the table, then the assertions.

Minutes are counted back from NOW; "-" means the job never stamped a heartbeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlmodel import col, select

from ledger.db import company_session
from ledger.models import SyncJob
from tools.sync.liveness import dead_condition, is_dead

NOW = datetime(2026, 11, 21, 15, 42, tzinfo=UTC)
THRESHOLD = timedelta(minutes=10)

RULE = """
state         last step   heartbeat   dead?   why
downloading   30          -           dead    the reader died before its first stamp
downloading   30          0.1         alive   a long read: steps are rare, stamps are not
connecting    45          9.9         alive   downloading from the portal, still stamping
committing    12          11          dead    both stale past ten minutes
committing    10          -           alive   exactly the threshold is not past it
committing    0.5         40          alive   a chunk was written just now
downloading   -2          -           alive   a clock ahead of ours is never dead
staged        600         -           alive   waits for a person, nobody runs it
done          600         -           alive   finished
failed        600         600         alive   finished
"""


@dataclass(frozen=True)
class Case:
    state: str
    updated_at: datetime
    heartbeat_at: datetime | None
    dead: bool
    why: str


def cases() -> list[Case]:
    rows = [line.split(maxsplit=4) for line in RULE.strip().splitlines()[1:]]
    return [
        Case(
            state=state,
            updated_at=NOW - timedelta(minutes=float(step)),
            heartbeat_at=None if beat == "-" else NOW - timedelta(minutes=float(beat)),
            dead=verdict == "dead",
            why=why,
        )
        for state, step, beat, verdict, why in rows
    ]


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.why)
def test_a_job_is_dead_only_when_running_and_silent_past_the_threshold(case: Case) -> None:
    assert is_dead(case, now=NOW, dead_after=THRESHOLD) is case.dead


def test_naive_timestamps_from_sqlite_are_read_as_utc() -> None:
    stale = Case("downloading", (NOW - timedelta(minutes=11)).replace(tzinfo=None), None, True, "")
    assert is_dead(stale, now=NOW, dead_after=THRESHOLD)


def test_the_sql_condition_picks_the_same_jobs_as_the_rule(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    table = cases()
    with company_session(engine, company_id) as session:
        jobs = [SyncJob(company_id=company_id, sync_date=NOW.date()) for _ in table]
        session.add_all(jobs)
        session.commit()
        for job, case in zip(jobs, table, strict=True):
            session.execute(
                update(SyncJob)
                .where(col(SyncJob.id) == job.id)
                .values(
                    state=case.state, updated_at=case.updated_at, heartbeat_at=case.heartbeat_at
                )
            )
        session.commit()
        found = set(session.exec(select(SyncJob.id).where(dead_condition(NOW - THRESHOLD))))
    assert found == {job.id for job, case in zip(jobs, table, strict=True) if case.dead}
