"""Deleting old uploads nothing needs any more: one transaction per company.

What in the books can still need an upload's bytes (read from the code, 21/11/2026):
- a sync job that has not read its files yet (`connecting`, `downloading`; a stalled one
  is resumed from there by `POST sync/jobs/{id}/resume`). From `staged` on, review,
  commit, reconciliation by job and undo work from the staged rows (`tools.sync.codec`),
  and a `failed` job is never read again.
- nothing else in the database: inbox entries keep the parsed document (`payload`), and
  the expenses agent, registration and corrections work from it.

Conversations (previews waiting for a «sí», questions waiting for an answer) live in the
agent's checkpointer; `agent.uploads` gathers those references and the caller passes
them in. A client may also hold an upload id from `POST /imports` that nothing records:
the retention period is what protects it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from ledger.db import company_session
from ledger.models import Company, StoredFile, SyncJob
from tools.errors import ToolError
from tools.files import parse_ref
from tools.files_retention import Reference, RetentionPlan, StoredUpload, aware, plan_retention
from tools.sync.progress import STATE_ES

# Job states whose files are still to be read; any other state never reads them again.
UNREAD_SYNC_STATES = ("connecting", "downloading")
CHUNK = 500


def stored_uploads(session: Session) -> list[StoredUpload]:
    """The session company's uploads: files, bytes and the newest file's arrival."""
    company_id = int(session.info["company_id"])
    rows = session.exec(
        select(
            StoredFile.upload_id,
            func.max(StoredFile.created_at),
            func.count(),
            func.sum(StoredFile.size),
        ).group_by(col(StoredFile.upload_id))
    ).all()
    return [
        StoredUpload(company_id, upload_id, aware(created), int(files), int(size or 0))
        for upload_id, created, files, size in rows
    ]


def sync_job_references(session: Session) -> list[Reference]:
    """Uploads of the session company's sync jobs that have not read their files yet."""
    found: list[Reference] = []
    jobs = session.exec(
        select(SyncJob).where(SyncJob.source == "files", col(SyncJob.state).in_(UNREAD_SYNC_STATES))
    ).all()
    for job in jobs:
        holder = f"sincronización {job.id} ({STATE_ES.get(job.state, job.state)})"
        for raw in json.loads(job.sources or "[]"):
            try:
                ref = parse_ref(raw)
            except ToolError:  # a malformed reference names no upload of ours
                continue
            if ref is not None:
                found.append(Reference(ref.upload_id, holder))
    return found


@dataclass(frozen=True)
class CompanyPrune:
    """One company's pass: what went (or would go) and what stays although old."""

    company_id: int
    nit: str
    name: str
    plan: RetentionPlan
    applied: bool


def prune_company(
    engine: Engine,
    company_id: int,
    *,
    now: datetime,
    retention: timedelta,
    references: Iterable[Reference] = (),
    apply: bool,
) -> CompanyPrune:
    """Plan the company's retention and, when `apply`, delete in ONE transaction.

    The sync jobs are read in the same transaction as the delete, and the delete itself
    repeats the age condition, so a row newer than the cutoff is never removed."""
    with company_session(engine, company_id) as session:
        company = session.get(Company, company_id)
        if company is None:
            raise ValueError(f"company {company_id} does not exist")
        plan = plan_retention(
            stored_uploads(session),
            [*references, *sync_job_references(session)],
            now=now,
            retention=retention,
        )
        if apply and plan.delete:
            cutoff = aware(now) - retention
            ids = [upload.upload_id for upload in plan.delete]
            for start in range(0, len(ids), CHUNK):
                session.execute(
                    delete(StoredFile).where(
                        col(StoredFile.upload_id).in_(ids[start : start + CHUNK]),
                        col(StoredFile.created_at) < cutoff,
                    )
                )
            session.commit()
        return CompanyPrune(
            company_id=company_id,
            nit=company.nit_with_dv,
            name=company.name,
            plan=plan,
            applied=apply,
        )
