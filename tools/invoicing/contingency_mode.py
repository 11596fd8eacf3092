"""Switching contingency on and off, and what is pending at the DIAN.

Contingency (type 04) may start only when the outage is confirmed by the company's own
attempts (several failures in a short window, no answer in between). Switching it off
records when the service was restored: each contingency invoice must reach the DIAN
within 48 hours of that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from ledger.models import DocumentEvent, EDocument, TransmissionOutbox
from tools.einvoice.contingency import (
    Attempt,
    DeadlineStatus,
    OutagePolicy,
    deadline_status,
    outage_confirmed,
)
from tools.errors import ToolError
from tools.invoicing.clock import utc
from tools.invoicing.locks import begin_write
from tools.invoicing.profile import require_profile

POLICY = OutagePolicy()


def recent_attempts(session: Session, now: datetime, window: timedelta) -> list[Attempt]:
    """The company's DIAN attempts in the window (answered or not)."""
    rows = session.exec(
        select(DocumentEvent.at, DocumentEvent.answered)
        .where(col(DocumentEvent.answered).is_not(None))
        .where(DocumentEvent.at >= utc(now) - window)
    ).all()
    return [Attempt(utc(at), bool(answered)) for at, answered in rows]


def outage_now(session: Session, now: datetime, policy: OutagePolicy = POLICY) -> bool:
    """True when the company's own attempts confirm the DIAN is down."""
    return outage_confirmed(recent_attempts(session, now, policy.window), utc(now), policy)


@dataclass(frozen=True)
class ContingencyState:
    """Whether the company is in contingency, since when, and the outage evidence."""

    active: bool
    since: datetime | None
    service_restored_at: datetime | None
    outage_confirmed: bool
    message_es: str


def contingency_state(session: Session, now: datetime) -> ContingencyState:
    """The company's contingency status as a person reads it."""
    profile = require_profile(session)
    confirmed = outage_now(session, now)
    since = utc(profile.contingency_since) if profile.contingency_since else None
    restored = utc(profile.service_restored_at) if profile.service_restored_at else None
    if profile.contingency_active:
        text = (
            "La empresa está en contingencia (tipo 04): las facturas se expiden sin "
            "validación previa."
        )
    elif confirmed:
        text = (
            "La DIAN no responde (varios intentos fallidos seguidos): puedes activar la "
            "contingencia."
        )
    else:
        text = "La empresa factura normalmente con validación previa de la DIAN."
    return ContingencyState(profile.contingency_active, since, restored, confirmed, text)


def set_contingency(session: Session, on: bool, *, now: datetime) -> ContingencyState:
    """Start contingency (only with a confirmed outage) or end it (service restored)."""
    begin_write(session)
    profile = require_profile(session)
    if on:
        if profile.contingency_active:
            raise ToolError("ya_en_contingencia", "La empresa ya está en contingencia.")
        if not outage_now(session, now):
            raise ToolError(
                "caida_no_confirmada",
                "No se puede activar la contingencia: la caída de la DIAN no está confirmada "
                f"({POLICY.failures} intentos fallidos seguidos en "
                f"{int(POLICY.window.total_seconds() // 60)} minutos). Mientras tanto guarda "
                "las facturas como borrador o déjalas en proceso.",
            )
        profile.contingency_active = True
        profile.contingency_since = utc(now)
        profile.service_restored_at = None
    else:
        if not profile.contingency_active:
            raise ToolError("sin_contingencia", "La empresa no está en contingencia.")
        profile.contingency_active = False
        profile.service_restored_at = utc(now)
    session.add(profile)
    session.commit()
    return contingency_state(session, now)


def contingency_deadlines(session: Session, now: datetime) -> list[DeadlineStatus]:
    """Each contingency invoice against its 48-hour deadline (missed ones included)."""
    profile = require_profile(session)
    restored = utc(profile.service_restored_at) if profile.service_restored_at else None
    documents = session.exec(
        select(EDocument)
        .where(col(EDocument.in_contingency).is_(True))
        .order_by(col(EDocument.id))
        .execution_options(populate_existing=True)
    )
    states = []
    for document in documents:
        issued = utc(document.issued_at) if document.issued_at else None
        applies = restored is not None and issued is not None and restored >= issued
        states.append(
            deadline_status(
                document.number or "",
                service_restored_at=restored if applies else None,
                transmitted_at=utc(document.transmitted_at) if document.transmitted_at else None,
                now=utc(now),
            )
        )
    return states


@dataclass(frozen=True)
class PendingTransmission:
    """A document the DIAN has not answered yet."""

    number: str
    status: str
    in_contingency: bool
    attempts: int
    next_attempt_at: datetime
    last_error: str


def pending_transmissions(session: Session) -> list[PendingTransmission]:
    """Documents still in the transmission outbox, oldest first."""
    rows = session.exec(
        select(TransmissionOutbox, EDocument)
        .join(EDocument, col(EDocument.id) == col(TransmissionOutbox.e_document_id))
        .where(col(TransmissionOutbox.done).is_(False))
        .order_by(col(TransmissionOutbox.id))
        .execution_options(populate_existing=True)
    ).all()
    return [
        PendingTransmission(
            number=document.number or "",
            status=document.status,
            in_contingency=document.in_contingency,
            attempts=item.attempts,
            next_attempt_at=utc(item.next_attempt_at),
            last_error=item.last_error,
        )
        for item, document in rows
    ]
