"""Dead syncs recover on their own: claim each one atomically, then resume it.

    for job_id, company_id in dead_jobs(engine, cutoff=now - dead_after):
        claim(engine, company_id, job_id, ...)   # a conditional UPDATE: one winner
        advance(engine, company_id, job_id)      # what `POST .../resume` runs too

The claim is one UPDATE whose WHERE is the dead rule (`tools.sync.liveness`) and whose
SET stamps the heartbeat: the first worker's UPDATE makes the job alive, so every other
worker's matches no row (SQLite serialises writers; PostgreSQL re-checks the WHERE on
the row the winner committed). An automatic claim also counts the resume; a job already
resumed `limit` times is marked failed with a Spanish reason instead of looping.
`cuadre.jobs` runs `recover_dead_jobs` every few minutes on the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, update
from sqlmodel import col, select

from cuadre.settings import Settings
from ledger.db import admin_session, company_session
from ledger.models import SyncJob
from ledger.models.base import utcnow
from tools.errors import ToolError
from tools.sync.job import advance
from tools.sync.liveness import as_utc, dead_condition
from tools.sync.runs import new_token

log = logging.getLogger(__name__)
BOGOTA = ZoneInfo("America/Bogota")
Runner = Callable[[Engine, int, int, Settings], object]


class Claim(StrEnum):
    """What a claim on a job did."""

    CLAIMED = "claimed"  # this caller runs the job now
    GAVE_UP = "gave_up"  # resumed too often: marked failed
    NOT_DEAD = "not_dead"  # alive, finished, or another worker claimed it first


def gave_up_reason(limit: int) -> str:
    """The Spanish reason stored on a job the worker stopped resuming."""
    times = "una vez" if limit == 1 else f"{limit} veces"
    return (
        f"El proceso que la ejecutaba se detuvo otra vez después de reanudarla sola {times}; "
        "la marqué como fallida para no repetirla sin fin. Inicia una nueva sincronización "
        "y, si vuelve a pasar, escríbenos."
    )


def resumed_note(auto_resumed_at: datetime | None, auto_resumes: int, now: datetime) -> str:
    """«Se reanudó sola a las 10:42 tras detenerse el proceso.» (Bogotá time), or ""."""
    if auto_resumed_at is None or auto_resumes <= 0:
        return ""
    at = as_utc(auto_resumed_at).astimezone(BOGOTA)
    today = as_utc(now).astimezone(BOGOTA).date()
    when = f"a las {at:%H:%M}" if at.date() == today else f"el {at:%d/%m/%Y} a las {at:%H:%M}"
    again = f" ({auto_resumes} veces en total)" if auto_resumes > 1 else ""
    return f"Se reanudó sola {when} tras detenerse el proceso{again}."


def claim(
    engine: Engine,
    company_id: int,
    job_id: int,
    *,
    dead_after: timedelta,
    now: datetime | None = None,
    automatic: bool,
    limit: int = 3,
) -> Claim:
    """Take a dead job for this caller, atomically; `automatic` counts it as a resume.

    The REST resume claims too (not counted), so a person's resume and the worker's
    never run the same job twice.
    """
    now = now or utcnow()
    dead = dead_condition(now - dead_after)
    this_job = col(SyncJob.id) == job_id
    with company_session(engine, company_id) as session:
        if automatic:
            # The transaction's first statement writes: on SQLite it takes the write lock
            # before reading anything, so a concurrent claim waits instead of failing.
            given_up = session.execute(
                update(SyncJob)
                .where(this_job, dead, col(SyncJob.auto_resumes) >= limit)
                .values(
                    state="failed", reason=gave_up_reason(limit), updated_at=now, heartbeat_at=now
                )
                .execution_options(synchronize_session=False)
            )
            if given_up.rowcount:  # type: ignore[attr-defined]
                session.commit()
                return Claim.GAVE_UP
            values: dict[str, object] = {
                "heartbeat_at": now,
                "auto_resumes": col(SyncJob.auto_resumes) + 1,
                "auto_resumed_at": now,
            }
        else:
            values = {"heartbeat_at": now}
        values["run_token"] = new_token()  # a task still queued for this job steps aside
        won = session.execute(
            update(SyncJob)
            .where(this_job, dead)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return Claim.CLAIMED if won.rowcount else Claim.NOT_DEAD  # type: ignore[attr-defined]


def dead_jobs(engine: Engine, *, cutoff: datetime) -> list[tuple[int, int]]:
    """(job id, company id) of every company's dead job, oldest first.

    Unscoped on purpose: the worker sweeps every company; each job is then claimed and
    run in its own company's session.
    """
    with admin_session(engine) as session:
        rows = session.exec(
            select(SyncJob.id, SyncJob.company_id)
            .where(dead_condition(cutoff))
            .order_by(col(SyncJob.id))
        ).all()
    return [(job_id, company_id) for job_id, company_id in rows if job_id is not None]


@dataclass(frozen=True)
class Recovery:
    """One dead job the sweep found, and what became of it."""

    job_id: int
    company_id: int
    claim: Claim
    state: str = ""  # where the resumed run stopped ("" when not run, or it raised)


def _advance(engine: Engine, company_id: int, job_id: int, settings: Settings) -> str:
    return advance(engine, company_id, job_id, settings=settings)


def recover_dead_jobs(
    engine: Engine,
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utcnow,
    run: Runner = _advance,
) -> list[Recovery]:
    """Claim and resume every dead job, one at a time; the rest are left to other workers.

    Each claim reads the clock again: a claim stamped with the time the sweep began would
    look dead to other workers once an earlier job had taken minutes to run.
    """
    dead_after = timedelta(seconds=settings.sync_dead_after_seconds)
    done: list[Recovery] = []
    for job_id, company_id in dead_jobs(engine, cutoff=clock() - dead_after):
        outcome = claim(
            engine,
            company_id,
            job_id,
            dead_after=dead_after,
            now=clock(),
            automatic=True,
            limit=settings.sync_auto_resume_limit,
        )
        state = ""
        if outcome is Claim.CLAIMED:
            log.info("resuming dead sync job %s of company %s", job_id, company_id)
            try:
                state = str(run(engine, company_id, job_id, settings))
            except ToolError:
                state = "failed"  # `advance` stored the Spanish reason on the job
            except Exception:
                # Left running: it is dead again after the threshold, and the count of
                # automatic resumes ends the loop.
                log.exception("resumed sync job %s failed", job_id)
        elif outcome is Claim.GAVE_UP:
            log.warning("sync job %s gave up after automatic resumes", job_id)
        done.append(Recovery(job_id, company_id, outcome, state))
    return done
