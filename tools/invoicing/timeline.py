"""A document's activity timeline: what happened, when, in Spanish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from ledger.books import scoped_company_id
from ledger.models import DocumentEvent, EDocument
from tools.einvoice.contingency import COLOMBIA
from tools.errors import ToolError


class EventKind(StrEnum):
    """What a timeline line records."""

    CREATED = "creado"
    ISSUED = "emitido"
    CONTINGENCY = "contingencia"
    SENT = "enviado_dian"
    ATTEMPT_FAILED = "intento_fallido"
    ANSWER = "respuesta_dian"
    ACCEPTED = "aceptado"
    REJECTED = "rechazado"
    TRANSMITTED = "transmitido"
    MAIL_QUEUED = "correo_programado"
    MAILED = "enviado_cliente"
    MAIL_FAILED = "correo_fallido"
    MAIL_BLOCKED = "correo_no_enviado"
    RESEND = "reenvio"


@dataclass(frozen=True)
class TimelineEntry:
    """One line as a person reads it."""

    at: datetime
    kind: str
    text: str

    @property
    def when_es(self) -> str:
        """`31/03/2025 10:30` in Colombian time."""
        local = self.at.astimezone(COLOMBIA)
        return f"{local:%d/%m/%Y %H:%M}"


def record_event(
    session: Session,
    document: EDocument,
    kind: EventKind,
    text: str,
    *,
    at: datetime,
    answered: bool | None = None,
) -> None:
    """Add a timeline line (committed with the caller's transaction)."""
    assert document.id is not None
    session.add(
        DocumentEvent(
            company_id=scoped_company_id(session),
            e_document_id=document.id,
            at=at,
            kind=kind.value,
            answered=answered,
            text_es=text,
        )
    )


def normalize_number(number: str) -> str:
    """`FE-12`, `fe 12`, `FE12` -> `FE12` (how `cbc:ID` writes it)."""
    return "".join(ch for ch in number if ch.isalnum()).upper()


def find_document(session: Session, number_or_id: str | int) -> EDocument:
    """A document by its number (`FE-12`) or, for drafts, its id (`borrador 3` / `3`)."""
    text = str(number_or_id)
    wanted = normalize_number(text.removeprefix("borrador").strip())
    # ASCII digits only ("¹".isdigit() is true) and within a database integer.
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 18:
        found = session.get(EDocument, int(wanted), populate_existing=True)
    else:
        statement = select(EDocument).where(EDocument.number == wanted)
        found = session.exec(statement.execution_options(populate_existing=True)).first()
    if found is None:
        raise ToolError("documento_no_existe", f"No encontré el documento {text}.")
    return found


def document_label(document: EDocument) -> str:
    """`FE12`, or `borrador 3` for a draft without number."""
    return document.number or f"borrador {document.id}"


def events_of(session: Session, document: EDocument) -> list[TimelineEntry]:
    """The timeline of one document, oldest first."""
    rows = session.exec(
        select(DocumentEvent)
        .where(DocumentEvent.e_document_id == document.id)
        .order_by(col(DocumentEvent.at), col(DocumentEvent.id))
    )
    return [TimelineEntry(row.at, row.kind, row.text_es) for row in rows]


def document_timeline(session: Session, number: str | int) -> list[TimelineEntry]:
    """The timeline of the document `number` (`FE-12`, `FE12`, or a draft's id)."""
    return events_of(session, find_document(session, number))
