"""The `correct_purchase` tool: a registered purchase line moves to another account.

The account may be a PUC code or a name ("arrendamientos"), resolved against the chart;
the change is a reversal plus a new entry, and it is learnt for that supplier.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from ledger.models import InboxEntry
from tools.context import ToolContext
from tools.errors import ToolError
from tools.inbox.correct import correct_line, plan_correction
from tools.inbox.lookup import entry_id_for
from tools.registry import Preview, ToolKind, tool


class CorrectInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    entry_id: int | None = Field(default=None, description="Entrada registrada de la bandeja.")
    number: str | None = Field(
        default=None, description="Número de la compra registrada, p. ej. FE2001."
    )
    line: int = Field(
        default=0, ge=0, description="Número de línea (desde 1); 0 si la compra tiene una sola."
    )
    account_code: str = Field(
        min_length=2, description="Cuenta nueva: código PUC o nombre, p. ej. 512010 o 'aseo'."
    )


class CorrectOutput(BaseModel):
    model_config = ConfigDict(frozen=True)

    entry_number: str
    line: int
    account_code: str
    message: str


def _entry_id(session: Session, args: CorrectInput) -> int:
    entry_id = entry_id_for(session, args.entry_id, args.number)
    if entry_id is None:
        raise ToolError("sin_compra", "Indica la compra: su número (p. ej. FE2001) o su entrada.")
    return entry_id


def preview_correct(ctx: ToolContext, args: CorrectInput) -> Preview:
    """What the correction will do: reverse the entry, post it again with the new account."""
    with ctx.session() as session:
        plan = plan_correction(session, _entry_id(session, args), args.line, args.account_code)
    account = plan.account
    note = f" ({account.note})" if account.note else ""
    return Preview(
        summary=f"Reversar el asiento de {plan.number} y registrarlo de nuevo con la línea "
        f"{plan.line} en {account.code} {account.name}{note} (antes {plan.old_account}). "
        "Lo aprenderé para este proveedor."
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_correct,
    examples=(
        "la línea 2 de esa compra va a 5135",
        "la línea 1 es la cuenta 143505",
        "cámbialo a arrendamientos",
        "esa línea va a aseo y vigilancia",
        "corrige la cuenta de la línea 1 de la compra",
    ),
)
def correct_purchase(ctx: ToolContext, args: CorrectInput) -> CorrectOutput:
    """Corrige la cuenta de una línea de una compra ya registrada (reversión y asiento
    nuevo). La cuenta puede ser el código PUC o su nombre. La corrección se aprende: las
    próximas facturas de ese proveedor la siguen."""
    now = datetime.now(UTC)
    with ctx.session() as session:
        entry_id = _entry_id(session, args)
        plan = plan_correction(session, entry_id, args.line, args.account_code)
        correct_line(
            session,
            entry_id,
            plan.line,
            plan.account.code,
            actor=ctx.principal.user_name or "chat",
            on=ctx.today(),  # the caller's calendar (a replayed conversation, the evals)
            now=now,
        )
        entry = session.get(InboxEntry, entry_id)
        assert entry is not None
    return CorrectOutput(
        entry_number=entry.number,
        line=plan.line,
        account_code=plan.account.code,
        message=f"Listo: la línea {plan.line} de {entry.number} quedó en {plan.account.code} "
        f"{plan.account.name}. La próxima factura de este proveedor la sugeriré así.",
    )
