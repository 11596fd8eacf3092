"""Undoing a committed batch: entries reversed, payments voided, unused contacts retired.

Posted entries are never deleted: each entry of the batch gets its mirror (the payment's
too, which voids the payment), the documents are marked voided, and contacts the batch
created and nothing else uses are deactivated (renamed as retired). Everything is
recorded in the operations history under the undo's own batch id.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, or_
from sqlmodel import Session, col, select

from ledger.audit import record
from ledger.db import company_session
from ledger.models import (
    Contact,
    Document,
    DocumentStatus,
    JournalEntry,
    JournalLine,
    StagedContact,
    SyncJob,
)
from ledger.posting import reverse_entry
from tools.errors import ToolError


def job_for_batch(session: Session, batch_id: str) -> SyncJob:
    """The job that committed `batch_id` (this company only)."""
    job = session.exec(select(SyncJob).where(SyncJob.batch_id == batch_id.strip().upper())).first()
    if job is None:
        raise ToolError("lote_no_existe", f"No encuentro el lote {batch_id}.")
    return job


def batch_entries(session: Session, batch_id: str) -> list[JournalEntry]:
    """The batch's entries not yet reversed."""
    return list(
        session.exec(
            select(JournalEntry)
            .where(
                JournalEntry.batch_id == batch_id,
                col(JournalEntry.reversed_by_id).is_(None),
                col(JournalEntry.reverses_id).is_(None),
            )
            .order_by(col(JournalEntry.id))
        )
    )


def undo_batch(
    engine: Engine, company_id: int, batch_id: str, *, on: date, actor: str
) -> dict[str, int]:
    """Reverse every entry of the batch; returns counts (entries, documents, contacts)."""
    undo_id = f"{batch_id}-DESHACER"
    with company_session(engine, company_id) as session:
        job = job_for_batch(session, batch_id)
        ids = [entry.id for entry in batch_entries(session, job.batch_id or batch_id)]
    reason = f"deshacer el lote {batch_id} de datos iniciales DIAN"
    for entry_id in ids:
        assert entry_id is not None
        with company_session(engine, company_id) as session:
            reverse_entry(session, entry_id, on=on, reason=reason, actor=actor, batch_id=undo_id)
    with company_session(engine, company_id) as session:
        job = job_for_batch(session, batch_id)
        documents = list(
            session.exec(
                select(Document).where(
                    col(Document.id).in_(
                        select(JournalEntry.document_id).where(
                            JournalEntry.batch_id == job.batch_id
                        )
                    )
                )
            )
        )
        for document in documents:
            document.status = DocumentStatus.VOIDED
            session.add(document)
            record(
                session,
                company_id=company_id,
                actor=actor,
                action="document.voided",
                entity="document",
                entity_id=document.id,
                source="dian_sync",
                batch_id=undo_id,
                summary=f"Documento {document.number} anulado al deshacer el lote {batch_id}; "
                "sus asientos y su pago automático quedaron reversados.",
            )
        retired = _retire_contacts(session, job, actor, undo_id)
        job.undone = True
        session.add(job)
        session.commit()
    return {"entries": len(ids), "documents": len(documents), "contacts": retired}


def _retire_contacts(session: Session, job: SyncJob, actor: str, undo_id: str) -> int:
    created = session.exec(
        select(StagedContact).where(
            StagedContact.job_id == job.id, col(StagedContact.created_by_job).is_(True)
        )
    )
    retired = 0
    for staged in created:
        if staged.contact_id is None:
            continue
        used = session.exec(
            select(JournalLine.id)
            .join(JournalEntry, col(JournalEntry.id) == JournalLine.entry_id)
            .where(
                JournalLine.contact_id == staged.contact_id,
                or_(
                    col(JournalEntry.batch_id).is_(None),
                    col(JournalEntry.batch_id).not_in([job.batch_id or "", undo_id]),
                ),
            )
            .limit(1)
        ).first()
        contact = session.get(Contact, staged.contact_id)
        if used is not None or contact is None:
            continue
        contact.active = False
        session.add(contact)
        record(
            session,
            company_id=job.company_id,
            actor=actor,
            action="contact.deactivated",
            entity="contact",
            entity_id=contact.id,
            source="dian_sync",
            batch_id=undo_id,
            summary=f"Tercero {contact.name} desactivado: solo lo usaba el lote {job.batch_id}.",
        )
        retired += 1
    return retired
