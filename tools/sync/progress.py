"""A sync job's progress as the panel and the API show it: state, percent and row counts.

Reads only. `percent` is the job's own progress of its current phase (reading while
`connecting`/`downloading`, writing while `committing`), so a bar can follow either
phase; the counts say how many documents were staged, written and skipped.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import and_, case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from ledger.models import StagedDocument, SyncJob
from tools.sync.job import load_job
from tools.sync.liveness import RUNNING
from tools.sync.recovery import resumed_note
from tools.sync.stage import NEW
from tools.sync.summary import SyncSummary, build_summary
from tools.sync.unreadable import UnreadableReason, reasons_of

STATE_ES = {
    "connecting": "conectando",
    "downloading": "descargando",
    "staged": "lista para revisar",
    "committing": "registrando",
    "done": "terminada",
    "failed": "fallida",
}


class JobCounts(BaseModel):
    """Rows of the job by what happened to them."""

    model_config = ConfigDict(frozen=True)

    read: int
    staged: int
    selected: int
    committed: int
    failed: int
    pending: int
    by_status: dict[str, int]
    unreadable: int
    unreadable_reasons: list[str]  # "file › member: Spanish reason", the first 50
    unreadable_by_reason: list[UnreadableReason]  # grouped, most files first


class JobProgress(BaseModel):
    """One job as a progress bar: state (and its Spanish label), percent and counts."""

    model_config = ConfigDict(frozen=True)

    id: int
    state: str
    state_es: str
    running: bool
    percent: int
    source: str
    kinds: list[str]
    period_start: date | None
    period_end: date | None
    batch_id: str | None
    undone: bool
    reason: str
    counts: JobCounts
    created_at: datetime
    updated_at: datetime
    heartbeat_at: datetime | None
    auto_resumes: int
    auto_resumed_at: datetime | None
    resumed_es: str  # «Se reanudó sola a las 10:42 tras detenerse el proceso.», or ""
    summary: SyncSummary | None


def job_counts(session: Session, job: SyncJob) -> JobCounts:
    """Staged, selected, committed and failed rows of `job`, in one grouped query."""
    assert job.id is not None
    committed = func.sum(case((col(StagedDocument.document_id).is_not(None), 1), else_=0))
    failed = func.sum(case((col(StagedDocument.outcome).startswith("omitido"), 1), else_=0))
    chosen = and_(col(StagedDocument.status) == NEW, col(StagedDocument.selected).is_(True))
    selected = func.sum(case((chosen, 1), else_=0))
    # Five columns: more than sqlmodel's typed `select` takes, so plain SQLAlchemy.
    rows = session.execute(
        sa_select(col(StagedDocument.status), func.count(), committed, failed, selected)
        .where(col(StagedDocument.job_id) == job.id)
        .group_by(col(StagedDocument.status))
    ).all()
    by_status = {status: int(n) for status, n, _c, _f, _s in rows}
    done = sum(int(c or 0) for _st, _n, c, _f, _s in rows)
    bad = sum(int(f or 0) for _st, _n, _c, f, _s in rows)
    picked = sum(int(s or 0) for _st, _n, _c, _f, s in rows)
    stage = json.loads(job.counts or "{}").get("stage", {})
    return JobCounts(
        read=int(stage.get("read", 0)),
        staged=sum(by_status.values()),
        selected=picked,
        committed=done,
        failed=bad,
        pending=max(picked - done - bad, 0) if job.state != "done" else 0,
        by_status=by_status,
        unreadable=int(stage.get("failure_count", 0)),
        unreadable_reasons=[str(reason) for reason in stage.get("failures", [])],
        unreadable_by_reason=reasons_of(stage),
    )


def job_progress(session: Session, job_id: int, *, with_summary: bool = True) -> JobProgress:
    """The job's progress; the summary too once it is staged or done."""
    job = load_job(session, job_id)
    assert job.id is not None
    wanted = with_summary and job.state in ("staged", "done")
    summary = build_summary(session, job) if wanted else None
    return JobProgress(
        id=job.id,
        state=job.state,
        state_es=STATE_ES.get(job.state, job.state),
        running=job.state in RUNNING,
        percent=max(0, min(100, job.progress)),
        source=job.source,
        kinds=[kind for kind in job.kinds.split(",") if kind],
        period_start=job.period_start,
        period_end=job.period_end,
        batch_id=job.batch_id,
        undone=job.undone,
        reason=job.reason,
        counts=job_counts(session, job),
        created_at=job.created_at,
        updated_at=job.updated_at,
        heartbeat_at=job.heartbeat_at,
        auto_resumes=job.auto_resumes,
        auto_resumed_at=job.auto_resumed_at,
        resumed_es=resumed_note(job.auto_resumed_at, job.auto_resumes, datetime.now(UTC)),
        summary=summary,
    )


def list_jobs(session: Session, *, limit: int = 20) -> list[JobProgress]:
    """The company's latest jobs, newest first (without summaries: one query per job)."""
    jobs = session.exec(select(SyncJob).order_by(col(SyncJob.id).desc()).limit(limit)).all()
    return [job_progress(session, job.id, with_summary=False) for job in jobs if job.id]
