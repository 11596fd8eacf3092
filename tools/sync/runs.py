"""Which queued run may advance a sync job: the one holding the job's current run token.

A job handed to the queue gets a fresh token, and the task carries it. Whoever takes the
job over later (the sweep that resumes dead jobs, a person's resume, a newer enqueue)
replaces the token, so a task that waited in the queue meanwhile finds it changed and
steps aside instead of running the job a second time beside the new runner. Huey's
retries of a task keep its token: they still hold the job unless someone took it over.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, update
from sqlmodel import col

from ledger.db import company_session
from ledger.models import SyncJob


def new_token() -> str:
    """A run token nobody can guess or repeat."""
    return uuid.uuid4().hex


def hand_to_queue(engine: Engine, company_id: int, job_id: int) -> str:
    """Give the job a fresh run token for the task about to be queued; returns it."""
    token = new_token()
    with company_session(engine, company_id) as session:
        session.execute(
            update(SyncJob)
            .where(col(SyncJob.id) == job_id)
            .values(run_token=token)
            .execution_options(synchronize_session=False)
        )
        session.commit()
    return token


def holds_run(engine: Engine, company_id: int, job_id: int, token: str | None) -> bool:
    """True when a queued task with `token` may run the job (a task queued without a
    token, before tokens existed, always may)."""
    if token is None:
        return True
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        return job is not None and job.run_token == token
