"""Committing a job's selection to the books, in chunks that each commit atomically.

Each chunk is one transaction: the contacts it needs (matched by NIT or created), the
documents with their entries and automatic payments (`ledger.posting.post_documents`),
an audit event for every created record, and the staged rows marked with their
document. A process killed mid-commit loses at most the chunk in flight, which rolls
back; the resumed job picks up the rows still unmarked, so nothing is written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine, func, insert, text, tuple_, update
from sqlmodel import Session, col, select

from ledger.audit import record
from ledger.bulk import post_documents_bulk
from ledger.db import company_session
from ledger.errors import LedgerError
from ledger.models import (
    AuditEvent,
    Company,
    Contact,
    StagedContact,
    StagedDocument,
    SyncJob,
)
from ledger.models.base import utcnow
from ledger.money import format_cop
from tools.dian.direction import Direction
from tools.errors import ToolError
from tools.sync import codec
from tools.sync.rules import CompanyProfile, ImportPlan, plan_document
from tools.sync.stage import NEW

CHUNK = 500
Progress = Callable[[int, int], None]


def selected_rows(
    session: Session,
    job_id: int,
    limit: int | None = None,
    after: tuple[date, int] | None = None,
) -> list[StagedDocument]:
    """Selected new rows not yet committed, oldest first (from `after` = (date, id) on)."""
    # (job_id, issue_date, id) is indexed: each chunk reads only its own rows.
    query = select(StagedDocument)
    if after is not None:
        query = query.where(tuple_(col(StagedDocument.issue_date), col(StagedDocument.id)) > after)
    query = query.where(
        StagedDocument.job_id == job_id,
        StagedDocument.status == NEW,
        col(StagedDocument.selected).is_(True),
        col(StagedDocument.document_id).is_(None),
        StagedDocument.outcome == "",
    ).order_by(col(StagedDocument.issue_date), col(StagedDocument.id))
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def count_pending(session: Session, job_id: int) -> int:
    """How many selected rows still wait for the commit."""
    query = select(func.count()).where(
        StagedDocument.job_id == job_id,
        StagedDocument.status == NEW,
        col(StagedDocument.selected).is_(True),
        col(StagedDocument.document_id).is_(None),
        StagedDocument.outcome == "",
    )
    return int(session.exec(query).one())


def next_batch_id(session: Session) -> str:
    """`L-0001`, `L-0002`, ... per company."""
    used = session.exec(select(func.count()).where(col(SyncJob.batch_id).is_not(None))).one()
    return f"L-{int(used) + 1:04d}"


def _wanted(rows: list[StagedDocument]) -> dict[str, bool]:
    """NIT -> whether it is (also) a customer, for the rows of a chunk."""
    wanted: dict[str, bool] = {}
    for row in rows:
        if row.nit:
            sale = row.direction == Direction.ISSUED.value
            wanted[row.nit] = wanted.get(row.nit, False) or sale
    return wanted


def _contacts_for(
    session: Session, wanted: dict[str, bool], job: SyncJob, actor: str
) -> dict[str, int]:
    """Contact id per NIT: matched by NIT, or created (with a history event)."""
    if not wanted:
        return {}
    existing = {
        contact.id_number: contact
        for contact in session.exec(select(Contact).where(col(Contact.id_number).in_(wanted)))
    }
    staged = {
        row.nit: row
        for row in session.exec(
            select(StagedContact).where(
                StagedContact.job_id == job.id, col(StagedContact.nit).in_(wanted)
            )
        )
    }
    created: list[Contact] = []
    for nit, sale in wanted.items():
        contact = existing.get(nit)
        found = staged.get(nit)
        if contact is not None:
            # A contact matched by NIT takes the role this import gives it, and one an
            # earlier undo retired is active again.
            contact.active = True
            contact.is_customer = contact.is_customer or (found.is_customer if found else sale)
            contact.is_supplier = contact.is_supplier or (found.is_supplier if found else not sale)
            session.add(contact)
        else:
            contact = Contact(
                company_id=job.company_id,
                id_type=found.id_type if found else "31",
                id_number=nit,
                check_digit=found.check_digit if found else None,
                name=(found.name if found else "") or f"NIT {nit}",
                email=found.email if found else "",
                is_customer=found.is_customer if found else sale,
                is_supplier=found.is_supplier if found else not sale,
            )
            session.add(contact)
            created.append(contact)
            existing[nit] = contact
            if found is not None:
                found.created_by_job = True
    session.flush()
    for contact in created:
        record(
            session,
            company_id=job.company_id,
            actor=actor,
            action="contact.created",
            entity="contact",
            entity_id=contact.id,
            source="dian_sync",
            batch_id=job.batch_id,
            summary=f"Tercero {contact.name} (NIT {contact.id_number}) creado por la "
            "sincronización DIAN.",
        )
    for nit, found in staged.items():
        found.contact_id = existing[nit].id
        session.add(found)
    return {nit: contact.id for nit, contact in existing.items() if contact.id is not None}


def plan_row(
    row: StagedDocument, profile: CompanyProfile, sync_date: date, contact_id: int | None
) -> ImportPlan:
    """The import plan of a staged row (the same rules the review showed)."""
    doc = codec.loads(row.payload)
    return plan_document(
        doc, profile, Direction(row.direction), contact_id=contact_id, sync_date=sync_date
    )


def _commit_chunk(
    session: Session, job: SyncJob, rows: list[StagedDocument], profile: CompanyProfile, actor: str
) -> None:
    """One transaction: contacts, documents, entries, payments, history, staged marks."""
    _take_write_lock(session, job.company_id)
    contacts = _contacts_for(session, _wanted(rows), job, actor)
    items = []
    for row in rows:
        plan = plan_row(row, profile, job.sync_date, contacts.get(row.nit))
        items.append((plan.document, plan.entry, plan.payment))
    session.flush()
    ids = post_documents_bulk(
        session, items, actor=actor, batch_id=job.batch_id, lock=_take_write_lock
    )
    events = [
        {
            "company_id": job.company_id,
            "occurred_at": utcnow(),
            "actor": actor,
            "action": "payment.created",
            "entity": "document",
            "entity_id": document_id,
            "source": "dian_sync",
            "batch_id": job.batch_id,
            "summary": f"Pago automático a «Banco 1» de {draft.number} por "
            f"{format_cop(payment.amount)}.",
        }
        for document_id, (draft, _entry, payment) in zip(ids, items, strict=True)
        if payment is not None
    ]
    if events:
        session.execute(insert(AuditEvent), events)
    session.execute(
        update(StagedDocument),
        [
            {"id": row.id, "document_id": document_id, "outcome": "registrado"}
            for row, document_id in zip(rows, ids, strict=True)
        ],
    )
    session.commit()


def commit_contacts_only(session: Session, job: SyncJob, actor: str) -> int:
    """Create the staged customers and suppliers no committed document needed (when chosen)."""
    kinds = set(job.kinds.split(","))
    session.commit()  # a fresh transaction that starts with the write lock
    _take_write_lock(session, job.company_id)
    rows = [
        row
        for row in session.exec(
            select(StagedContact).where(
                StagedContact.job_id == job.id,
                StagedContact.status == NEW,
                col(StagedContact.selected).is_(True),
                col(StagedContact.contact_id).is_(None),
            )
        )
        if (row.is_customer and "customers" in kinds) or (row.is_supplier and "suppliers" in kinds)
    ]
    if not rows:
        session.commit()
        return 0
    _contacts_for(session, {row.nit: row.is_customer for row in rows}, job, actor)
    session.commit()
    return len(rows)


def _take_write_lock(session: Session, company_id: int) -> None:
    """SQLite: hold the write lock before the chunk reads anything, so a concurrent writer
    waits instead of invalidating this transaction; PostgreSQL: lock the company row."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(Company.id).where(Company.id == company_id).with_for_update()).one()
    else:
        session.connection().execute(
            text("UPDATE company SET id = id WHERE id = :id"), {"id": company_id}
        )


def _mark_failed(session: Session, row: StagedDocument, message: str) -> None:
    session.rollback()
    fresh = session.get(StagedDocument, row.id)
    assert fresh is not None
    fresh.outcome = f"omitido: {message}"[:500]
    session.add(fresh)
    session.commit()


def commit_selection(
    engine: Engine,
    company_id: int,
    job_id: int,
    profile: CompanyProfile,
    *,
    actor: str,
    chunk: int | None = None,
    on_progress: Progress | None = None,
) -> int:
    """Commit every selected new row of the job; returns how many documents were written.

    A chunk that fails is retried one document at a time, so one bad document is
    skipped with its reason instead of stopping the batch.
    """
    chunk = chunk or CHUNK
    written = 0
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None
        done = _already(session, job_id)
        total = count_pending(session, job_id) + done
        after: tuple[date, int] | None = None
        while rows := selected_rows(session, job_id, chunk, after):
            last = rows[-1]
            assert last.issue_date is not None and last.id is not None
            after = (last.issue_date, last.id)
            session.commit()  # the chunk's transaction starts with the write lock, not a read
            try:
                _commit_chunk(session, job, rows, profile, actor)
                done += len(rows)
            except (LedgerError, ToolError):
                session.rollback()
                for row in rows:
                    try:
                        _commit_chunk(session, job, [row], profile, actor)
                        done += 1
                    except (LedgerError, ToolError) as exc:
                        _mark_failed(session, row, getattr(exc, "message_es", str(exc)))
            written = done
            session.commit()  # end the read transaction: progress is written by another session
            session.expunge_all()
            job = session.get(SyncJob, job_id)
            assert job is not None
            if on_progress is not None:
                on_progress(done, total)
        commit_contacts_only(session, job, actor)
    return written


def _already(session: Session, job_id: int) -> int:
    query = select(func.count()).where(
        StagedDocument.job_id == job_id, col(StagedDocument.document_id).is_not(None)
    )
    return int(session.exec(query).one())
