"""WRITE chat tools for e-invoices, each with a preview that writes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field
from sqlmodel import Session, select

from ledger.models import EDocument, TransmissionOutbox
from ledger.money import format_cop
from tools.amounts import Amount, Quantity, Rate
from tools.context import ToolContext
from tools.einvoice.pipeline import DocumentStatus
from tools.einvoice.signing import CertificateError, SigningCredentials, credentials_from_settings
from tools.errors import ToolError
from tools.invoicing.codec import loads
from tools.invoicing.contingency_mode import contingency_state
from tools.invoicing.contingency_mode import set_contingency as switch_contingency
from tools.invoicing.issuing import (
    InvoiceRequest,
    create_document,
    issue_document,
    request_total,
)
from tools.invoicing.issuing import issue_drafts as issue_all_drafts
from tools.invoicing.locks import begin_write
from tools.invoicing.mail_outbox import queue_mail
from tools.invoicing.profile import require_profile
from tools.invoicing.requests import LineSpec, build_request, customer_party
from tools.invoicing.timeline import EventKind, document_label, find_document, record_event
from tools.ledger_common import Frozen, ledger_errors
from tools.registry import Preview, ToolKind, tool


class LineInput(Frozen):
    description: str
    quantity: Quantity
    unit_price: Amount
    vat_rate: Rate | None = Field(default=Decimal("19"), description="IVA %; null = excluido")


class DocumentInput(Frozen):
    kind: Literal["factura", "nota_credito", "nota_debito"] = "factura"
    customer_nit: str
    customer_name: str | None = None
    customer_email: str | None = None
    lines: tuple[LineInput, ...] = Field(min_length=1)
    invoice_number: str | None = Field(default=None, description="Factura que corrige la nota.")
    reason: str = ""
    due_date: date | None = None


class DocumentOutput(Frozen):
    document: str
    status: str
    kind: str
    total: Decimal
    message: str


def _request(session: Session, args: DocumentInput) -> InvoiceRequest:
    customer = customer_party(
        session, nit=args.customer_nit, name=args.customer_name, email=args.customer_email
    )
    return build_request(
        session,
        kind=args.kind,
        customer=customer,
        lines=[LineSpec(x.description, x.quantity, x.unit_price, x.vat_rate) for x in args.lines],
        invoice_number=args.invoice_number,
        reason=args.reason,
        due_date=args.due_date,
    )


def _credentials(ctx: ToolContext) -> SigningCredentials:
    try:
        return credentials_from_settings(ctx.settings)
    except CertificateError as exc:
        raise ToolError("sin_certificado", exc.message_es) from exc


def _output(document: EDocument, request: InvoiceRequest, message: str) -> DocumentOutput:
    return DocumentOutput(
        document=document_label(document),
        status=document.status,
        kind=document.kind,
        total=request_total(request),
        message=message,
    )


def _preview_document(ctx: ToolContext, args: DocumentInput, verb: str) -> Preview:
    with ctx.session() as session:
        request = _request(session, args)
        profile = require_profile(session)
    total = request_total(request)
    extra = ""
    if verb == "Emitir" and profile.contingency_active and not request.kind.is_note:
        extra = " en contingencia (tipo 04), sin validación previa de la DIAN"
    return Preview(
        summary=f"{verb} {request.kind.label_es.lower()} a {request.customer.name} por "
        f"{format_cop(total)}{extra}.",
        totals={"total": f"{total:.2f}"},
        details={"lineas": [x.description for x in request.lines]},
    )


@tool(
    kind=ToolKind.WRITE,
    examples=(
        "hazme un borrador de factura para Cafetería El Parque por 120 panes a 4500",
        "guarda como borrador la factura al NIT 830048145",
        "la DIAN está caída, deja la factura en borrador",
    ),
    preview=lambda ctx, args: _preview_document(ctx, args, "Guardar como borrador"),
)
def create_invoice_draft(ctx: ToolContext, args: DocumentInput) -> DocumentOutput:
    """Guarda una factura o nota como borrador, sin consumir número ni enviarla a la DIAN.

    Sirve para seguir vendiendo cuando la DIAN está intermitente: el borrador se emite
    después (toma la fecha del día en que se transmite).

    Args:
        kind: `factura`, `nota_credito` o `nota_debito`.
        customer_nit: NIT del cliente (con o sin dígito de verificación).
        lines: descripción, cantidad, precio unitario antes de IVA y tarifa de IVA
            (19, 5, 0; null si es excluido).
        invoice_number: para notas, la factura que corrigen (`FE-12`).
    """
    with ctx.session() as session, ledger_errors():
        request = _request(session, args)
        document = create_document(session, request, issue=False, now=datetime.now(UTC),
                                   actor=ctx.principal.user_name or "chat")  # fmt: skip
        return _output(document, request, f"Guardado como {document_label(document)}.")


class IssueInput(DocumentInput):
    customer_nit: str = ""
    lines: tuple[LineInput, ...] = ()
    draft: str | None = Field(default=None, description="Borrador a emitir (`borrador 5`).")


def _issue_preview(ctx: ToolContext, args: IssueInput) -> Preview:
    if args.draft:
        with ctx.session() as session:
            document = find_document(session, args.draft)
        return Preview(summary=f"Emitir el {document_label(document)} con la fecha de hoy.")
    return _preview_document(ctx, args, "Emitir")


@tool(
    kind=ToolKind.WRITE,
    examples=(
        "factúrale a Cafetería El Parque 120 panes a 4500 más IVA",
        "emite el borrador 5",
        "hazle una nota crédito a la FE-12 por 10 panes devueltos",
        "emite factura electrónica al NIT 830048145",
        "factúrale al NIT 900123456 10 cajas de huevos a 18000 más IVA",
    ),
    preview=_issue_preview,
)
def issue_invoice(ctx: ToolContext, args: IssueInput) -> DocumentOutput:
    """Emite una factura o nota electrónica: toma el siguiente número, la firma, la
    contabiliza (130505 / 4135 / 2408) y la deja en proceso para enviarla a la DIAN.

    Emite un borrador existente (`draft`) o un documento nuevo con los mismos datos de
    `create_invoice_draft`. En contingencia las facturas salen como tipo 04 y las notas
    se rechazan.
    """
    credentials = _credentials(ctx)
    actor = ctx.principal.user_name or "chat"
    now = datetime.now(UTC)
    with ctx.session() as session, ledger_errors():
        if args.draft:
            document = issue_document(session, args.draft, now=now, credentials=credentials,
                                      actor=actor)  # fmt: skip
            request = loads(InvoiceRequest, document.request_json)
        else:
            if not args.customer_nit or not args.lines:
                raise ToolError("faltan_datos", "Indica el cliente y las líneas, o un borrador.")
            request = _request(session, args)
            document = create_document(session, request, issue=True, now=now,
                                       credentials=credentials, actor=actor)  # fmt: skip
        return _output(
            document, request,
            f"Emitido {document.number}; se enviará a la DIAN automáticamente.",
        )  # fmt: skip


class NoInput(Frozen):
    pass


class DraftsOutput(Frozen):
    issued: tuple[str, ...]
    failed: tuple[str, ...]


def _drafts_preview(ctx: ToolContext, args: NoInput) -> Preview:
    with ctx.session() as session:
        count = len(
            session.exec(
                select(EDocument.id).where(EDocument.status == DocumentStatus.DRAFT.value)
            ).all()
        )
    return Preview(summary=f"Emitir {count} borrador(es) con la fecha de hoy.")


@tool(
    kind=ToolKind.WRITE,
    examples=(
        "ya volvió la DIAN, emite los borradores",
        "emite todas las facturas en borrador",
        "manda los borradores",
    ),
    preview=_drafts_preview,
)
def issue_drafts(ctx: ToolContext, args: NoInput) -> DraftsOutput:
    """Emite todos los borradores, del más antiguo al más reciente; cada uno toma la
    fecha de hoy y el siguiente número. Los que no se pueden emitir quedan en borrador
    con el motivo."""
    credentials = _credentials(ctx)
    with ctx.session() as session, ledger_errors():
        outcomes = issue_all_drafts(session, now=datetime.now(UTC), credentials=credentials,
                                    actor=ctx.principal.user_name or "chat")  # fmt: skip
    return DraftsOutput(
        issued=tuple(o.number or "" for o in outcomes if o.error is None),
        failed=tuple(f"borrador {o.draft_id}: {o.error}" for o in outcomes if o.error),
    )


class ResendInput(Frozen):
    number: str


class MessageOutput(Frozen):
    message: str


def _resend_preview(ctx: ToolContext, args: ResendInput) -> Preview:
    with ctx.session() as session:
        document = find_document(session, args.number)
    if DocumentStatus(document.status).emailable:
        return Preview(summary=f"Reenviar por correo al cliente el documento {document.number}.")
    return Preview(summary=f"Reintentar ya el envío a la DIAN de {document_label(document)}.")


@tool(
    kind=ToolKind.WRITE,
    examples=(
        "reenvía la FE-12",
        "vuelve a mandarle el correo al cliente de la factura FE-7",
        "intenta otra vez mandar la FE-30 a la DIAN",
    ),
    preview=_resend_preview,
)
def resend_document(ctx: ToolContext, args: ResendInput) -> MessageOutput:
    """Reenvía un documento: si la DIAN ya lo aceptó, lo vuelve a enviar por correo al
    cliente; si sigue en proceso, adelanta el próximo intento de envío a la DIAN."""
    now = datetime.now(UTC)
    with ctx.session() as session:
        document = find_document(session, args.number)
        if DocumentStatus(document.status).emailable:
            queue_mail(session, document, now)
            return MessageOutput(message=f"Se reenviará {document.number} por correo al cliente.")
        begin_write(session)
        item = session.exec(
            select(TransmissionOutbox).where(TransmissionOutbox.e_document_id == document.id)
        ).first()
        if item is None or item.done:
            raise ToolError(
                "no_reenviable",
                f"{document_label(document)} está {document.status}: no hay nada que reenviar.",
            )
        item.next_attempt_at = now
        session.add(item)
        record_event(session, document, EventKind.RESEND,
                     "Se pidió reintentar ya el envío a la DIAN.", at=now)  # fmt: skip
        session.commit()
        return MessageOutput(message=f"{document.number} se enviará a la DIAN en el próximo ciclo.")


class ContingencyInput(Frozen):
    on: bool


class ContingencyOutput(Frozen):
    active: bool
    message: str


def _contingency_preview(ctx: ToolContext, args: ContingencyInput) -> Preview:
    with ctx.session() as session:
        state = contingency_state(session, datetime.now(UTC))
    if args.on:
        return Preview(
            summary="Activar la contingencia (tipo 04): las facturas se entregan sin validación "
            "previa y deben transmitirse dentro de las 48 horas siguientes al regreso de la "
            "DIAN; las notas crédito y débito no se podrán emitir.",
            details={"caida_confirmada": state.outage_confirmed},
        )
    return Preview(
        summary="Terminar la contingencia: desde ahora corren las 48 horas para transmitir "
        "las facturas expedidas en contingencia."
    )


@tool(
    kind=ToolKind.WRITE,
    examples=(
        "la DIAN está caída, activa la contingencia",
        "entra en contingencia",
        "ya volvió la DIAN, quita la contingencia",
        "desactiva la contingencia",
        "ya sirve la DIAN, sal de la contingencia",
    ),
    preview=_contingency_preview,
)
def set_contingency(ctx: ToolContext, args: ContingencyInput) -> ContingencyOutput:
    """Activa (`on=true`) o termina (`on=false`) la contingencia por caída de la DIAN.

    Solo se activa si la caída está confirmada (varios envíos fallidos seguidos en pocos
    minutos). Al terminarla empieza el plazo de 48 horas de las facturas de contingencia.
    """
    with ctx.session() as session:
        state = switch_contingency(session, args.on, now=datetime.now(UTC))
    return ContingencyOutput(active=state.active, message=state.message_es)
