"""Tool (WRITE): a manual journal entry, previewed before it is posted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from ledger.books import check_against_books
from ledger.money import ZERO, format_cop, format_date
from ledger.posting import EntryProposal, ProposedLine, post_entry
from tools.amounts import Amount
from tools.context import ToolContext
from tools.ledger_common import Frozen, ledger_errors
from tools.registry import Preview, PreviewLine, ToolKind, tool


class ManualLine(Frozen):
    account_code: str = Field(description="Cuenta auxiliar o subcuenta, p. ej. 519530.")
    # Bounded by the ledger's Numeric(18, 2) column: larger amounts cannot be stored.
    debit: Amount = ZERO
    credit: Amount = ZERO
    description: str = Field(default="", max_length=500)


class ManualEntryInput(Frozen):
    date: date
    description: str = Field(min_length=1, description="Qué se registra, en palabras.")
    lines: tuple[ManualLine, ...] = Field(min_length=2)


class PostedEntryOutput(Frozen):
    entry_id: int
    number: int
    date: date
    total: Decimal
    message: str


def _proposal(args: ManualEntryInput) -> EntryProposal:
    with ledger_errors():
        return EntryProposal(
            date=args.date,
            description=args.description,
            lines=tuple(
                ProposedLine(
                    account_code=line.account_code,
                    debit=line.debit,
                    credit=line.credit,
                    description=line.description,
                )
                for line in args.lines
            ),
            source="manual",
        )


def preview_manual_entry(ctx: ToolContext, args: ManualEntryInput) -> Preview:
    """The balanced lines and totals the entry would post; writes nothing."""
    proposal = _proposal(args)
    with ctx.session() as session, ledger_errors():
        proposal.validate()
        accounts = check_against_books(session, ctx.company_id, proposal)
        names = {code: account.name for code, account in accounts.items()}
    return Preview(
        summary=(
            f"Se registrará el asiento «{proposal.description}» del {format_date(proposal.date)} "
            f"por {format_cop(proposal.total_debit)}."
        ),
        lines=tuple(
            PreviewLine(
                account=line.account_code,
                account_name=names[line.account_code],
                debit=f"{line.debit:.2f}",
                credit=f"{line.credit:.2f}",
                description=line.description,
            )
            for line in proposal.lines
        ),
        totals={
            "debitos": f"{proposal.total_debit:.2f}",
            "creditos": f"{proposal.total_credit:.2f}",
        },
    )


@tool(
    kind=ToolKind.WRITE,
    preview=preview_manual_entry,
    examples=(
        "registra un asiento manual",
        "haz un asiento: débito 519530 por 50.000 y crédito caja",
        "contabiliza el aporte de capital de 10 millones al banco",
        "quiero registrar el pago del arriendo en efectivo",
        "pasa una nota de contabilidad por la depreciación de marzo",
        "registra que saqué 200 mil del banco para la caja menor",
    ),
)
def post_manual_entry(ctx: ToolContext, args: ManualEntryInput) -> PostedEntryOutput:
    """Registra un asiento contable manual (nota de contabilidad) en los libros.

    Cada línea lleva una cuenta de último nivel del PUC y un valor al débito o al
    crédito, nunca a los dos. Los débitos deben sumar lo mismo que los créditos y la
    fecha no puede caer en un periodo cerrado. Antes de escribir se muestra la vista
    previa con las líneas y los totales; un asiento registrado no se edita, se reversa.
    """
    proposal = _proposal(args)
    actor = ctx.principal.user_name or f"{ctx.principal.channel}:{ctx.principal.user_id or '-'}"
    with ctx.session() as session, ledger_errors():
        entry = post_entry(session, proposal, actor=actor)
    assert entry.id is not None
    return PostedEntryOutput(
        entry_id=entry.id,
        number=entry.number,
        date=entry.date,
        total=proposal.total_debit,
        message=(
            f"Asiento {entry.number} registrado el {format_date(entry.date)} "
            f"por {format_cop(proposal.total_debit)}."
        ),
    )
