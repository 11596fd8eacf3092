"""Creating drafts and issuing documents: number, build, sign, store, post, queue.

Issuing is one transaction: the number is taken under a lock, the document is built and
signed, the signed XML, the timeline, the outbox row and the sales entry are written,
and all of it commits together (or nothing does, and the number is not spent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from ledger.books import scoped_company_id
from ledger.contacts import find_or_create_contact
from ledger.models import EDocument, TransmissionOutbox
from ledger.money import format_cop
from ledger.posting import post_document
from tools.einvoice.checks import ensure_issuable
from tools.einvoice.contingency import COLOMBIA, check_allowed_in_contingency
from tools.einvoice.pipeline import DocumentStatus, sign
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.totals import document_totals
from tools.einvoice.types import (
    BillingReference,
    DocumentKind,
    DraftLine,
    InvoiceDraft,
    Party,
)
from tools.errors import ToolError
from tools.invoicing.clock import utc
from tools.invoicing.codec import dumps, loads
from tools.invoicing.entries import ledger_document, sales_entry
from tools.invoicing.locks import begin_write
from tools.invoicing.numbering import TakenNumber, take_number
from tools.invoicing.profile import (
    company_of,
    environment,
    require_profile,
    software,
    supplier_party,
)
from tools.invoicing.timeline import EventKind, document_label, find_document, record_event


@dataclass(frozen=True)
class InvoiceRequest:
    """What a person asks for: customer, lines and terms (no number, no date yet)."""

    kind: DocumentKind
    customer: Party
    lines: tuple[DraftLine, ...]
    due_date: date | None = None
    payment_form: str = "1"
    payment_means: str = "10"
    billing_reference: BillingReference | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def create_document(
    session: Session,
    request: InvoiceRequest,
    *,
    issue: bool,
    now: datetime,
    credentials: SigningCredentials | None = None,
    actor: str = "cuadre",
) -> EDocument:
    """Save a draft ("borrador", no number) and, with `issue`, issue it right away.

    Commits (whatever the session had pending too). A draft whose issue fails stays a
    draft, without number, for the person to fix.
    """
    if request.kind is DocumentKind.CONTINGENCY:
        raise ValueError("contingency is decided when issuing; ask for an invoice")
    if request.kind.is_note and request.billing_reference is None:
        raise ToolError(
            "nota_sin_factura", "Una nota crédito o débito necesita la factura que corrige."
        )
    if not request.lines:
        raise ToolError("documento_sin_lineas", "El documento no tiene líneas.")
    customer = request.customer
    # The company's write lock first (see `locks`): two sessions must not create the
    # same customer twice either.
    begin_write(session)
    try:
        contact = find_or_create_contact(
            session,
            id_number=customer.id_number,
            name=customer.name,
            id_type=customer.id_type,
            check_digit=customer.check_digit,
            email=customer.email or "",
            is_customer=True,
        )
    except BaseException:
        session.rollback()
        raise
    document = EDocument(
        company_id=scoped_company_id(session),
        kind=request.kind.value,
        status=DocumentStatus.DRAFT.value,
        contact_id=contact.id,
        request_json=dumps(request),
        created_at=utc(now),
    )
    session.add(document)
    session.flush()
    record_event(
        session,
        document,
        EventKind.CREATED,
        f"{request.kind.label_es} creada como borrador para {customer.name} por {actor} "
        f"({len(request.lines)} línea(s)); aún no consume número.",
        at=utc(now),
    )
    session.commit()
    if not issue:
        return document
    if credentials is None:
        raise ValueError("issuing needs signing credentials")
    assert document.id is not None
    return issue_document(session, document.id, now=now, credentials=credentials, actor=actor)


def _draft(
    session: Session, request: InvoiceRequest, kind: DocumentKind, taken: TakenNumber,
    now: datetime,
) -> InvoiceDraft:  # fmt: skip
    profile = require_profile(session)
    company = company_of(session)
    local = now.astimezone(COLOMBIA)
    return InvoiceDraft(
        kind=kind,
        prefix=taken.resolution.prefix,
        number=taken.consecutive,
        issue_date=local.date(),
        issue_time=local.time().replace(microsecond=0, tzinfo=None),
        supplier=supplier_party(company, profile),
        customer=request.customer,
        lines=request.lines,
        resolution=taken.resolution,
        software=software(company, profile),
        environment=environment(profile),
        due_date=request.due_date,
        payment_form=request.payment_form,
        payment_means=request.payment_means,
        billing_reference=request.billing_reference,
        notes=request.notes,
    )


def issue_document(
    session: Session,
    number_or_id: str | int,
    *,
    now: datetime,
    credentials: SigningCredentials,
    actor: str = "cuadre",
) -> EDocument:
    """Issue a draft: it takes today's date (the day it is transmitted) and a number.

    In contingency an invoice becomes type 04 (delivered without prior validation) and
    notes are refused. The document goes "en proceso" with an outbox row due now.
    """
    document = find_document(session, number_or_id)
    if document.status != DocumentStatus.DRAFT.value:
        raise ToolError(
            "ya_emitido",
            f"El documento {document_label(document)} ya fue emitido ({document.status}).",
        )
    profile = require_profile(session)
    request = loads(InvoiceRequest, document.request_json)
    kind = request.kind
    if profile.contingency_active:
        check_allowed_in_contingency(kind)
        kind = DocumentKind.CONTINGENCY
    document_id = document.id
    session.commit()  # a fresh transaction: the numbering lock must come first in it
    try:
        taken = take_number(session, kind, now.astimezone(COLOMBIA).date())
        document = session.get(EDocument, document_id, populate_existing=True)  # type: ignore[assignment]
        if document is None or document.status != DocumentStatus.DRAFT.value:
            raise ToolError("ya_emitido", "Otro usuario acaba de emitir este borrador.")
        draft = _draft(session, request, kind, taken, now)
        ensure_issuable(draft)
        signed = sign(draft, credentials, signing_time=now)
        totals = document_totals(draft)
        document.status = DocumentStatus.IN_PROCESS.value
        document.kind = kind.value
        document.number = draft.document_number
        document.consecutive = taken.consecutive
        document.resolution_id = taken.resolution_id
        document.draft_json = dumps(draft)
        document.issue_date = draft.issue_date
        document.cufe = signed.key
        document.signed_xml = signed.signed_xml
        document.xml_name = signed.xml_name
        document.in_contingency = kind is DocumentKind.CONTINGENCY
        document.issued_at = utc(now)
        session.add(document)
        record_event(
            session,
            document,
            EventKind.ISSUED,
            f"Emitida la {kind.label_es.lower()} {draft.document_number} por "
            f"{format_cop(totals.payable)} ({actor}); queda en proceso ante la DIAN.",
            at=utc(now),
        )
        if document.in_contingency:
            record_event(
                session,
                document,
                EventKind.CONTINGENCY,
                "Expedida en contingencia (tipo 04): se entrega al cliente sin validación "
                "previa de la DIAN y debe transmitirse dentro de las 48 horas siguientes al "
                "restablecimiento del servicio.",
                at=utc(now),
            )
        session.add(
            TransmissionOutbox(
                company_id=document.company_id,
                e_document_id=document.id or 0,
                next_attempt_at=utc(now),
            )
        )
        posted = post_document(
            session,
            ledger_document(draft, key=signed.key, contact_id=document.contact_id, totals=totals),
            sales_entry(draft, contact_id=document.contact_id),
            actor=actor,
        )
    except BaseException:
        session.rollback()
        raise
    document.ledger_document_id = posted.id
    session.add(document)
    session.commit()
    return document


@dataclass(frozen=True)
class DraftOutcome:
    """What happened to one draft of a bulk issue."""

    draft_id: int
    number: str | None
    error: str | None


def issue_drafts(
    session: Session, *, now: datetime, credentials: SigningCredentials, actor: str = "cuadre"
) -> list[DraftOutcome]:
    """Issue every draft, oldest first; a draft that cannot be issued stays a draft."""
    ids = list(
        session.exec(
            select(EDocument.id)
            .where(EDocument.status == DocumentStatus.DRAFT.value)
            .order_by(col(EDocument.id))
        )
    )
    outcomes = []
    for draft_id in ids:
        assert draft_id is not None
        try:
            issued = issue_document(
                session, draft_id, now=now, credentials=credentials, actor=actor
            )
            outcomes.append(DraftOutcome(draft_id, issued.number, None))
        except ToolError as exc:
            outcomes.append(DraftOutcome(draft_id, None, exc.message_es))
    return outcomes


def billing_reference(
    session: Session, invoice_number: str, *, reason_code: str, reason_text: str
) -> BillingReference:
    """The reference a note carries to the invoice it corrects (which must be issued)."""
    invoice = find_document(session, invoice_number)
    if invoice.number is None or invoice.cufe is None or invoice.issue_date is None:
        raise ToolError(
            "factura_no_emitida", f"La factura {invoice_number} aún no ha sido emitida."
        )
    return BillingReference(
        number=invoice.number,
        cufe=invoice.cufe,
        issue_date=invoice.issue_date,
        reason_code=reason_code,
        reason_text=reason_text,
    )


def request_total(request: InvoiceRequest) -> Decimal:
    """What the customer will pay (for previews)."""
    total = Decimal(0)
    for line in request.lines:
        extension = line.quantity * line.unit_price
        rates = (line.vat_rate or Decimal(0)) + (line.inc_rate or Decimal(0))
        total += extension + extension * rates / 100
    return total.quantize(Decimal("0.01"))
