"""The mail outbox: e-mail accepted documents to the customer, exactly once.

Only documents "aceptado" / "aceptado con observaciones" get a row. Incomplete company
data or a customer without e-mail: nothing is sent and the timeline says why. An SMTP
outage schedules a retry; the Message-ID is derived from (company, CUFE) so a retry is
the same message, and the `sent` flag is committed right after the server took it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from cuadre.settings import Settings
from ledger.db import admin_session, company_session
from ledger.models import EDocument, MailOutbox
from tools.einvoice.mailer import SmtpRejected, SmtpUnavailable, parse_smtp_url, send_message
from tools.einvoice.pipeline import (
    DocumentStatus,
    SignedDocument,
    customer_mail,
    customer_package,
    mail_blockers,
)
from tools.einvoice.signing import SigningCredentials, credentials_from_settings
from tools.einvoice.types import InvoiceDraft
from tools.einvoice.ubl import build_document
from tools.errors import ToolError
from tools.invoicing.clock import backoff, utc
from tools.invoicing.codec import loads
from tools.invoicing.locks import begin_write
from tools.invoicing.timeline import EventKind, record_event

# How long a worker holds a row while it talks to the SMTP server.
LEASE = timedelta(minutes=5)


@dataclass
class MailReport:
    """What one pass of the mail outbox did (document numbers per outcome)."""

    sent: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)


def process_mail_outbox(
    engine: Engine,
    now: datetime,
    smtp_settings: Settings,
    credentials: SigningCredentials | None = None,
    *,
    company_id: int | None = None,
) -> MailReport:
    """E-mail every due accepted document once (`smtp_url`, `smtp_sender`, certificate),
    of every company or of `company_id`."""
    report = MailReport()
    statement = (
        select(MailOutbox.company_id, MailOutbox.id)
        .where(col(MailOutbox.done).is_(False))
        .where(MailOutbox.next_attempt_at <= utc(now))
        .order_by(col(MailOutbox.id))
    )
    if company_id is not None:
        statement = statement.where(MailOutbox.company_id == company_id)
    with admin_session(engine) as session:
        due = session.exec(statement).all()
    if not due:
        return report
    credentials = credentials or credentials_from_settings(smtp_settings)
    for owner_id, item_id in due:
        with company_session(engine, owner_id) as session:
            mail_item(session, item_id or 0, now=now, settings=smtp_settings,
                      credentials=credentials, report=report)  # fmt: skip
    return report


def _block(
    session: Session, item: MailOutbox, document: EDocument, reason: str, now: datetime
) -> None:
    item.done = True
    item.blocked = reason
    record_event(
        session, document, EventKind.MAIL_BLOCKED,
        f"No se envió el correo al cliente: {reason}", at=utc(now),
    )  # fmt: skip


def mail_item(
    session: Session,
    item_id: int,
    *,
    now: datetime,
    settings: Settings,
    credentials: SigningCredentials,
    report: MailReport,
) -> None:
    """One attempt for one mail row; commits its outcome (the send itself outside any
    transaction, the row claimed for `LEASE` so that no other worker sends it too)."""
    begin_write(session)
    item = session.get(MailOutbox, item_id, populate_existing=True)
    if item is None or item.done or utc(item.next_attempt_at) > utc(now):
        session.commit()
        return
    document = session.get(EDocument, item.e_document_id, populate_existing=True)
    assert document is not None
    number = document.number or ""
    if not DocumentStatus(document.status).emailable or not document.draft_json:
        _block(session, item, document, f"el documento está {document.status}.", now)
        report.blocked.append(number)
    elif blockers := mail_blockers(loads(InvoiceDraft, document.draft_json)):
        _block(session, item, document, " ".join(blockers), now)
        report.blocked.append(number)
    elif not settings.smtp_url:
        reason = "no hay servidor de correo configurado (CUADRE_SMTP_URL)."
        _retry(session, item, document, reason, now)
        report.retrying.append(number)
    else:
        message = _message(document, settings, credentials)
        item.message_id = str(message["Message-ID"])
        item.next_attempt_at = utc(now) + LEASE
        session.add(item)
        session.commit()
        _deliver(session, item_id, message, now=now, settings=settings, report=report)
        return
    session.add(item)
    session.commit()


def _retry(
    session: Session, item: MailOutbox, document: EDocument, reason: str, now: datetime
) -> None:
    item.attempts += 1
    item.next_attempt_at = utc(now) + backoff(item.attempts)
    record_event(
        session, document, EventKind.MAIL_FAILED,
        f"No se pudo enviar el correo: {reason} Se reintentará automáticamente.", at=utc(now),
    )  # fmt: skip


def _message(
    document: EDocument, settings: Settings, credentials: SigningCredentials
) -> EmailMessage:
    """The same message on every attempt: same ZIP, same Message-ID, same Date."""
    assert document.draft_json and document.signed_xml and document.xml_name
    draft = loads(InvoiceDraft, document.draft_json)
    built = build_document(draft)
    if built.key != document.cufe:
        raise RuntimeError(f"stored draft of {document.number} does not rebuild its CUFE")
    signed = SignedDocument(built, document.signed_xml, document.xml_name)
    # The DIAN's answer time signs the AttachedDocument and dates the message.
    answered_at = utc(document.transmitted_at or document.created_at)
    package = customer_package(
        signed,
        application_response=document.application_response or b"",
        credentials=credentials,
        signing_time=answered_at,
    )
    return customer_mail(signed, package, sender=settings.smtp_sender, sent_at=answered_at)


def _deliver(
    session: Session,
    item_id: int,
    message: EmailMessage,
    *,
    now: datetime,
    settings: Settings,
    report: MailReport,
) -> None:
    outcome: tuple[str, str] = ("sent", "")
    try:
        send_message(parse_smtp_url(settings.smtp_url or ""), message)
    except SmtpUnavailable as exc:
        outcome = ("retry", exc.reason_es)
    except SmtpRejected as exc:
        outcome = ("block", exc.reason_es)
    begin_write(session)
    item = session.get(MailOutbox, item_id, populate_existing=True)
    assert item is not None
    document = session.get(EDocument, item.e_document_id, populate_existing=True)
    assert document is not None
    number = document.number or ""
    if outcome[0] == "retry":
        _retry(session, item, document, outcome[1], now)
        report.retrying.append(number)
    elif outcome[0] == "block":
        _block(session, item, document, outcome[1], now)
        report.blocked.append(number)
    else:
        item.sent = True
        item.done = True
        item.sent_at = utc(now)
        record_event(
            session, document, EventKind.MAILED,
            f"Enviado por correo a {message['To'].addresses[0].addr_spec} (ZIP con el "
            "documento electrónico y el PDF).", at=utc(now),
        )  # fmt: skip
        report.sent.append(number)
    session.add(item)
    session.commit()  # right after the server took it: a crash now re-sends the same Message-ID


def queue_mail(session: Session, document: EDocument, now: datetime) -> MailOutbox:
    """Queue (or re-queue) the e-mail of an accepted document; commits."""
    if not DocumentStatus(document.status).emailable:
        raise ToolError(
            "no_aceptado",
            f"Solo se envían al cliente documentos aceptados por la DIAN; {document.number} "
            f"está {document.status}.",
        )
    begin_write(session)
    item = session.exec(select(MailOutbox).where(MailOutbox.e_document_id == document.id)).first()
    if item is None:
        item = MailOutbox(company_id=document.company_id, e_document_id=document.id or 0,
                          next_attempt_at=utc(now))  # fmt: skip
    item.done = False
    item.sent = False
    item.blocked = ""
    item.next_attempt_at = utc(now)
    session.add(item)
    record_event(
        session, document, EventKind.RESEND, "Se pidió reenviar el correo al cliente.", at=utc(now)
    )
    session.commit()
    return item
