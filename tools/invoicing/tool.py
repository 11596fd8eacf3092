"""Chat tools for e-invoices: what happened to a document, what is pending, deadlines.

The WRITE tools (create, issue, resend, contingency) live in `tool_write`; importing this
module registers both.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from tools.context import ToolContext
from tools.einvoice.totals import document_totals
from tools.einvoice.types import DocumentKind, InvoiceDraft
from tools.errors import ToolError
from tools.invoicing import tool_write  # noqa: F401  (registers the WRITE tools)
from tools.invoicing.codec import loads
from tools.invoicing.contingency_mode import (
    contingency_deadlines as deadlines_of,
)
from tools.invoicing.contingency_mode import (
    contingency_state,
)
from tools.invoicing.contingency_mode import (
    pending_transmissions as pending_of,
)
from tools.invoicing.issuing import InvoiceRequest, request_total
from tools.invoicing.numbering import numbering_alerts
from tools.invoicing.timeline import document_label, events_of, find_document
from tools.ledger_common import Frozen
from tools.registry import ToolKind, tool


class DocumentStatusInput(Frozen):
    number: str


class TimelineLine(Frozen):
    when: str
    event: str
    detail: str


class DocumentStatusOutput(Frozen):
    document: str
    kind: str
    status: str
    customer: str
    issue_date: date | None
    total: Decimal
    cufe: str | None
    timeline: tuple[TimelineLine, ...]


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿qué pasó con la factura FE-12?",
        "estado de la FE 40",
        "¿ya aceptó la DIAN la nota crédito NC3?",
        "¿le llegó el correo al cliente de la factura FE-7?",
        "muéstrame el historial del borrador 5",
        "cómo va la FE-3",
        "¿ya me aceptaron la FE 8?",
    ),
)
def document_status(ctx: ToolContext, args: DocumentStatusInput) -> DocumentStatusOutput:
    """Estado de un documento electrónico y su línea de tiempo.

    Dice si la factura o nota está en borrador, en proceso, aceptada, aceptada con
    observaciones o rechazada, y cuenta paso a paso lo que pasó: creación, emisión,
    cada envío a la DIAN y su respuesta, contingencia, correo al cliente.

    Args:
        number: número del documento como lo dice la persona (`FE-12`, `fe12`, `NC 3`)
            o el número del borrador (`borrador 5`).
    """
    with ctx.session() as session:
        document = find_document(session, args.number)
        request = loads(InvoiceRequest, document.request_json)
        return DocumentStatusOutput(
            document=document_label(document),
            kind=DocumentKind(document.kind).label_es,
            status=document.status,
            customer=request.customer.name,
            issue_date=document.issue_date,
            total=document_totals(loads(InvoiceDraft, document.draft_json)).payable
            if document.draft_json
            else request_total(request),
            cufe=document.cufe,
            timeline=tuple(
                TimelineLine(when=e.when_es, event=e.kind, detail=e.text)
                for e in events_of(session, document)
            ),
        )


class NoInput(Frozen):
    pass


class PendingLine(Frozen):
    document: str
    status: str
    in_contingency: bool
    attempts: int
    next_attempt_at: str
    last_error: str


class PendingOutput(Frozen):
    pending: tuple[PendingLine, ...]
    numbering_alerts: tuple[str, ...]
    deadline_alerts: tuple[str, ...]


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿qué facturas faltan por enviar a la DIAN?",
        "¿hay facturas en proceso?",
        "pendientes de transmisión",
        "¿se me está acabando la numeración?",
        "qué facturas me faltan por transmitir",
    ),
)
def pending_transmissions(ctx: ToolContext, args: NoInput) -> PendingOutput:
    """Documentos emitidos que la DIAN aún no ha respondido (en proceso), con sus
    intentos, el próximo reintento automático y el último error; además avisa si la
    numeración autorizada o su vigencia están por agotarse y si alguna factura de
    contingencia está por vencer o ya venció su plazo de 48 horas."""
    now = datetime.now(UTC)
    with ctx.session() as session:
        pending = pending_of(session)
        try:
            deadlines = deadlines_of(session, now)
        except ToolError:  # e-invoicing not configured: nothing can be pending
            deadlines = []
        return PendingOutput(
            deadline_alerts=tuple(
                d.message_es for d in deadlines if d.level.value in ("por_vencer", "vencido")
            ),
            pending=tuple(
                PendingLine(
                    document=p.number,
                    status=p.status,
                    in_contingency=p.in_contingency,
                    attempts=p.attempts,
                    next_attempt_at=p.next_attempt_at.isoformat(),
                    last_error=p.last_error,
                )
                for p in pending
            ),
            numbering_alerts=numbering_alerts(session, now.date()),
        )


class DeadlineLine(Frozen):
    document: str
    level: str
    deadline: str | None
    message: str


class DeadlinesOutput(Frozen):
    active: bool
    status: str
    invoices: tuple[DeadlineLine, ...]
    missed: tuple[str, ...]


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿cuánto tiempo me queda para transmitir las facturas de contingencia?",
        "plazos de contingencia",
        "¿se me venció alguna factura de contingencia?",
        "¿estamos en contingencia?",
    ),
)
def contingency_deadlines(ctx: ToolContext, args: NoInput) -> DeadlinesOutput:
    """Si la empresa está en contingencia y el plazo de cada factura de contingencia
    (48 horas desde que la DIAN restablece el servicio): a tiempo, por vencer, vencida
    o ya transmitida. Las vencidas se listan aparte para reportarlas."""
    now = datetime.now(UTC)
    with ctx.session() as session:
        try:
            state = contingency_state(session, now)
        except ToolError:
            return DeadlinesOutput(
                active=False, status="Sin facturación electrónica.", invoices=(),
                missed=(),
            )  # fmt: skip
        lines = deadlines_of(session, now)
    return DeadlinesOutput(
        active=state.active,
        status=state.message_es,
        invoices=tuple(
            DeadlineLine(
                document=s.number,
                level=s.level.value,
                deadline=s.deadline.isoformat() if s.deadline else None,
                message=s.message_es,
            )
            for s in lines
        ),
        missed=tuple(s.message_es for s in lines if s.level.value == "vencido"),
    )
