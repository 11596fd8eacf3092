"""The transmission outbox: send due documents to the DIAN until it answers for good.

A failed attempt (no answer) keeps the document "en proceso" and schedules the next one
with backoff; nothing is ever deleted, so no number is lost. An answer from the DIAN
while the company is in contingency means the service is back: the 48-hour window of
the contingency invoices starts then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ledger.db import admin_session, company_session
from ledger.errors import LedgerError
from ledger.models import EDocument, JournalEntry, MailOutbox, TransmissionOutbox
from ledger.posting import reverse_entry
from tools.einvoice.contingency import COLOMBIA, deadline_status
from tools.einvoice.dian_ws import (
    Accepted,
    AcceptedWithObservations,
    DianResult,
    DianWebService,
    Rejected,
    Unavailable,
)
from tools.einvoice.pipeline import DocumentStatus, status_after, timeline_text
from tools.invoicing.clock import backoff, utc
from tools.invoicing.locks import begin_write
from tools.invoicing.profile import auto_send_enabled, get_profile
from tools.invoicing.timeline import EventKind, record_event

# How long a worker holds a row while it waits for the DIAN (longer than any timeout).
LEASE = timedelta(minutes=5)


@dataclass
class OutboxReport:
    """What one pass of the outbox did (document numbers per outcome)."""

    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)


def due_items(
    engine: Engine, now: datetime, company_id: int | None = None
) -> list[tuple[int, int]]:
    """(company_id, outbox id) of every transmission due at `now`, oldest first."""
    statement = (
        select(TransmissionOutbox.company_id, TransmissionOutbox.id)
        .where(col(TransmissionOutbox.done).is_(False))
        .where(TransmissionOutbox.next_attempt_at <= utc(now))
        .order_by(col(TransmissionOutbox.next_attempt_at), col(TransmissionOutbox.id))
    )
    if company_id is not None:
        statement = statement.where(TransmissionOutbox.company_id == company_id)
    with admin_session(engine) as session:
        rows = session.exec(statement).all()
    return [(company_id, item_id) for company_id, item_id in rows if item_id is not None]


def process_outbox(
    engine: Engine, now: datetime, ws: DianWebService, *, company_id: int | None = None
) -> OutboxReport:
    """Send every due document once (of every company, or of `company_id`); each
    outcome is committed before the next one."""
    report = OutboxReport()
    for owner_id, item_id in due_items(engine, now, company_id):
        with company_session(engine, owner_id) as session:
            transmit_item(session, item_id, now=now, ws=ws, report=report)
    return report


def transmit_item(
    session: Session, item_id: int, *, now: datetime, ws: DianWebService, report: OutboxReport
) -> None:
    """One attempt for one outbox row, with its timeline lines; commits.

    The row is claimed for `LEASE` before the call (another worker skips it; a crash
    mid-call only delays the retry), and no transaction stays open during the call.
    """
    begin_write(session)
    item = session.get(TransmissionOutbox, item_id, populate_existing=True)
    if item is None or item.done or utc(item.next_attempt_at) > utc(now):
        session.commit()
        return
    document = session.get(EDocument, item.e_document_id, populate_existing=True)
    assert document is not None and document.signed_xml and document.xml_name
    signed_xml, xml_name, key = document.signed_xml, document.xml_name, document.cufe or ""
    item.next_attempt_at = utc(now) + LEASE
    session.add(item)
    session.commit()

    result = ws.send_document(signed_xml, xml_name=xml_name, key=key)

    begin_write(session)
    item = session.get(TransmissionOutbox, item_id, populate_existing=True)
    document = session.get(EDocument, item.e_document_id, populate_existing=True) if item else None
    assert item is not None and document is not None
    number = document.number or ""
    item.attempts += 1
    record_event(
        session, document, EventKind.SENT,
        f"Enviado a la DIAN (intento {item.attempts}).", at=utc(now),
    )  # fmt: skip
    answered = not isinstance(result, Unavailable)
    if answered:
        _service_answered(session, document, now)
    status = status_after(result)
    if status is DocumentStatus.IN_PROCESS:
        item.next_attempt_at = utc(now) + backoff(item.attempts)
        item.last_error = getattr(result, "reason", "") or getattr(result, "description", "")
        record_event(
            session, document, EventKind.ATTEMPT_FAILED, timeline_text(result, number),
            at=utc(now), answered=answered,
        )  # fmt: skip
        report.retrying.append(number)
    else:
        _final_answer(session, document, item, result, status, now)
        (report.rejected if status is DocumentStatus.REJECTED else report.accepted).append(number)
    session.add(item)
    session.add(document)
    session.commit()
    if status is DocumentStatus.REJECTED:
        reverse_rejected(session, document.id or 0, now)


def reverse_rejected(session: Session, document_id: int, now: datetime) -> None:
    """A rejected document has no fiscal effect: reverse its sales entry (the number
    stays with it). A closed period leaves the entry and says so on the timeline."""
    begin_write(session)
    document = session.get(EDocument, document_id, populate_existing=True)
    assert document is not None
    entry = session.exec(
        select(JournalEntry)
        .where(JournalEntry.document_id == document.ledger_document_id)
        .where(col(JournalEntry.reverses_id).is_(None))
        .where(col(JournalEntry.reversed_by_id).is_(None))
    ).first()
    if document.ledger_document_id is None or entry is None or entry.id is None:
        session.commit()
        return
    try:
        reversal = reverse_entry(
            session, entry.id, on=now.astimezone(COLOMBIA).date(),
            reason=f"La DIAN rechazó el documento {document.number}", actor="dian",
        )  # fmt: skip
        text = f"Se reversó su asiento contable {entry.number} con el asiento {reversal.number}."
    except LedgerError as exc:
        text = f"No se pudo reversar su asiento {entry.number}: {exc.message_es}"
    begin_write(session)
    record_event(session, document, EventKind.REJECTED, text, at=utc(now))
    session.commit()


def _final_answer(
    session: Session,
    document: EDocument,
    item: TransmissionOutbox,
    result: DianResult,
    status: DocumentStatus,
    now: datetime,
) -> None:
    number = document.number or ""
    item.done = True
    item.last_error = ""
    document.status = status.value
    document.transmitted_at = utc(now)
    kind = EventKind.REJECTED if status is DocumentStatus.REJECTED else EventKind.ACCEPTED
    record_event(session, document, kind, timeline_text(result, number), at=utc(now), answered=True)
    if isinstance(result, Accepted | AcceptedWithObservations | Rejected):
        document.application_response = result.application_response
    if document.in_contingency:
        profile = get_profile(session)
        restored = profile.service_restored_at if profile else None
        state = deadline_status(
            number,
            service_restored_at=utc(restored) if restored else utc(now),
            transmitted_at=utc(now),
            now=utc(now),
        )
        record_event(session, document, EventKind.TRANSMITTED, state.message_es, at=utc(now))
    if status.emailable and auto_send_enabled(get_profile(session)):
        session.add(
            MailOutbox(
                company_id=document.company_id,
                e_document_id=document.id or 0,
                next_attempt_at=utc(now),
            )
        )
        record_event(
            session, document, EventKind.MAIL_QUEUED,
            "Se enviará automáticamente por correo al cliente.", at=utc(now),
        )  # fmt: skip


def _service_answered(session: Session, document: EDocument, now: datetime) -> None:
    """The first answer after a contingency marks the service restored (deadline clock)."""
    profile = get_profile(session)
    if profile is None or not profile.contingency_active:
        return
    profile.contingency_active = False
    profile.service_restored_at = utc(now)
    session.add(profile)
    record_event(
        session, document, EventKind.ANSWER,
        "La DIAN volvió a responder: termina la contingencia y empiezan las 48 horas para "
        "transmitir las facturas expedidas en contingencia.", at=utc(now),
    )  # fmt: skip
