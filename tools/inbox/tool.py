"""Tools of the reception inbox: list it, register a purchase (the chat, the API, the CLI).

The agent's own switches and status are in `tools.inbox.tool_agent`; corrections in
`tools.inbox.tool_correct`.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import select

from ledger.models import Company, InboxEntry
from tools.context import ToolContext
from tools.dian import IngestFailure, iter_documents
from tools.errors import ToolError
from tools.files import local_path
from tools.inbox.agent import BOGOTA
from tools.inbox.intake import PENDING, document_key, first_verdict, receive
from tools.inbox.lookup import entry_id_for
from tools.inbox.register import LineAdvice, advise, blocker, register_entry
from tools.registry import Preview, ToolKind, tool
from tools.sync.codec import dumps, loads


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


def _now() -> datetime:
    return datetime.now(UTC)


def _actor(ctx: ToolContext) -> str:
    return ctx.principal.user_name or "chat"


# --- inbox_list -------------------------------------------------------------------------


class InboxListInput(_Frozen):
    status: str | None = Field(
        default=None,
        description="pending, registered, needs_review, rejected o ignored (todas si se omite).",
    )
    limit: int = Field(default=50, ge=1, le=500)


class InboxRow(_Frozen):
    id: int
    number: str
    supplier: str
    issue_date: date | None
    source: str
    status: str
    reasons: list[str]


class InboxListOutput(_Frozen):
    entries: list[InboxRow]


def _row(entry: InboxEntry) -> InboxRow:
    return InboxRow(
        id=entry.id or 0,
        number=entry.number,
        supplier=f"{entry.supplier_name} ({entry.supplier_nit})",
        issue_date=entry.issue_date,
        source=entry.source,
        status=entry.status,
        reasons=json.loads(entry.reasons),
    )


@tool(
    kind=ToolKind.READ,
    examples=(
        "qué hay en la bandeja",
        "muéstrame la bandeja de recepción",
        "qué llegó hoy a la bandeja de recepción",
        "qué facturas de proveedores me han llegado",
        "qué compras tengo pendientes por revisar en la bandeja",
    ),
)
def inbox_list(ctx: ToolContext, args: InboxListInput) -> InboxListOutput:
    """Documentos recibidos (bandeja de recepción), los más nuevos primero, con su estado:
    pendiente, registrado, por revisar (con motivos), rechazado (con motivo) o ignorado."""
    query = select(InboxEntry).order_by(InboxEntry.id.desc())  # type: ignore[union-attr]
    if args.status:
        query = query.where(InboxEntry.status == args.status)
    with ctx.session() as session:
        return InboxListOutput(entries=[_row(e) for e in session.exec(query.limit(args.limit))])


# --- register_purchase ------------------------------------------------------------------


class RegisterInput(_Frozen):
    entry_id: int | None = Field(default=None, description="Entrada de la bandeja.")
    number: str | None = Field(
        default=None, description="Número de la factura de compra en la bandeja, p. ej. FE2001."
    )
    invoice_file: str | None = Field(
        default=None, description="Ruta del XML o ZIP de la factura de compra."
    )
    accounts: dict[int, str] = Field(
        default_factory=dict,
        description="Cuenta elegida por la persona por número de línea: código PUC o nombre "
        "de la cuenta, p. ej. {2: '513505'} o {1: 'arrendamientos'}; la línea 0 es «la única "
        "línea» (o la única dudosa).",
    )


class RegisterOutput(_Frozen):
    entry_id: int
    entry: InboxRow
    document_id: int | None
    message: str


def _entry_for(ctx: ToolContext, args: RegisterInput, *, write: bool) -> InboxEntry:
    with ctx.session() as session:
        entry_id = entry_id_for(session, args.entry_id, args.number)
        if entry_id is not None:
            entry = session.get(InboxEntry, entry_id)
            if entry is None:
                raise ToolError("entrada_no_existe", f"No hay entrada {entry_id}.")
            return entry
        if not args.invoice_file:
            raise ToolError("sin_factura", "Indica la entrada de la bandeja o el archivo.")
        # An upload reference comes back from the database on whichever machine runs this.
        local = local_path(ctx.engine, ctx.settings, ctx.company_id, args.invoice_file)
        for result in iter_documents([local]):
            if isinstance(result, IngestFailure):
                raise ToolError(result.code, result.message_es)
            if write:
                return receive(session, result, source="upload", now=_now())[0]
            found = session.exec(
                select(InboxEntry).where(InboxEntry.cufe == document_key(result)[:120])
            ).first()
            if found is not None:
                return found
            # The preview refuses now what registering would refuse after the yes.
            company = session.get(Company, ctx.company_id)
            verdict, reasons = first_verdict(result, company.nit if company else "")
            if verdict != PENDING:
                raise ToolError("no_registrable", f"No registro {result.number}: {reasons[0]}")
            return InboxEntry(
                company_id=ctx.company_id,
                cufe=document_key(result),
                number=result.number or "",
                supplier_nit=result.issuer.nit or "",
                supplier_name=result.issuer.name or "",
                source="upload",
                received_at=_now(),
                payload=dumps(result),
            )
        raise ToolError("sin_documentos", "El archivo no trae facturas.")


def preview_register(ctx: ToolContext, args: RegisterInput) -> Preview:
    """Per line: the suggested (or chosen) account and item, with the reason."""
    entry = _entry_for(ctx, args, write=False)
    if entry.status == "registered":
        raise ToolError("ya_procesada", f"La compra {entry.number} ya está registrada.")
    if entry.status in ("rejected", "ignored"):
        why = "; ".join(json.loads(entry.reasons))
        raise ToolError("no_registrable", f"No registro {entry.number}: {why}")
    doc = loads(entry.payload)
    with ctx.session() as session:
        advice = advise(session, doc, args.accounts)
        problem = blocker(session, doc, advice, _now().astimezone(BOGOTA).date())
    lines = [
        {
            "linea": a.number,
            "descripcion": a.description,
            "cuenta": a.account_code,
            "item": _item_label(a),
            "confianza": a.suggestion.confidence,
            "motivo": _why(a),
            "segura": a.certain,
        }
        for a in advice
    ]
    doubtful = [str(a.number) for a in advice if not a.certain]
    supplier = f" de {entry.supplier_name}" if entry.supplier_name else ""
    summary = f"Registrar la compra {entry.number}{supplier}: {len(advice)} línea(s)."
    if doubtful:
        summary += (
            f" Revisa la(s) línea(s) {', '.join(doubtful)}: no estoy seguro de la cuenta. Si "
            f"no es esa, dímelo, por ejemplo «la línea {doubtful[0]} va a 5135»."
        )
    if problem:
        summary += f" Ojo: no la puedo registrar sola ({problem}); si confirmas, queda en la "
        summary += "bandeja por revisar."
    return Preview(summary=summary, details={"lineas": lines})


def _item_label(advice: LineAdvice) -> str:
    s = advice.suggestion
    return f"{s.item} (ítem nuevo)" if s.create_item else s.item


def _why(advice: LineAdvice) -> str:
    if not advice.chosen_account:
        return advice.suggestion.reason_es
    if advice.chosen_account == advice.suggestion.account_code:
        return "elegida por usted; coincide con la sugerida"
    return "elegida por usted" + (f" ({advice.note})" if advice.note else "")


@tool(
    kind=ToolKind.WRITE,
    preview=preview_register,
    examples=(
        "registra esta factura de compra que te adjunto",
        "regístrame esta factura de compra adjunta",
        "regístrame la factura del proveedor que te mando",
        "te mando la factura de compra para que la registres",
        "contabiliza la compra del proveedor en la bandeja",
        "asienta la compra pendiente de la bandeja",
        "registra la entrada 3 de la bandeja",
        "contabiliza la factura de compra FE-88 que está en la bandeja",
    ),
)
def register_purchase(ctx: ToolContext, args: RegisterInput) -> RegisterOutput:
    """Registra una factura de compra recibida (de la bandeja o un archivo XML/ZIP):
    cuenta sugerida por línea, IVA descontable, proveedor por pagar y pago si es de
    contado. La vista previa muestra ítem, cuenta y motivo por línea; con el sí de la
    persona se registran esas cuentas. Las que la persona cambia (código PUC o nombre de
    la cuenta) cuentan como corrección y se aprenden."""
    entry = _entry_for(ctx, args, write=True)
    with ctx.session() as session:
        current = session.get(InboxEntry, entry.id)
        assert current is not None
        if current.status in ("rejected", "ignored"):
            why = "; ".join(json.loads(current.reasons))
            raise ToolError("no_registrable", f"No registro {current.number}: {why}")
        if current.status not in (PENDING, "needs_review"):
            raise ToolError("ya_procesada", f"La compra {current.number} ya está registrada.")
        now = _now()
        done = register_entry(
            session,
            current,
            actor=_actor(ctx),
            today=now.astimezone(BOGOTA).date(),
            now=now,
            accounts=args.accounts,
            # Only reached after the preview (every line with its account) and a yes.
            confirmed=True,
        )
        row = _row(done)
        if done.status == "registered":
            message = f"Listo: registré la compra {done.number} de {done.supplier_name}."
        else:
            message = f"La compra {done.number} quedó por revisar: " + "; ".join(row.reasons)
        return RegisterOutput(
            entry_id=row.id, entry=row, document_id=done.document_id, message=message
        )
