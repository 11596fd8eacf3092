"""Tools: trial balance and account ledger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field
from sqlmodel import select

from ledger.models import Account
from ledger.money import ZERO, format_cop, format_date
from ledger.reports import account_ledger as ledger_report
from ledger.reports import trial_balance as trial_balance_report
from ledger.reports import trial_balance_totals
from tools.context import ToolContext
from tools.errors import ToolError
from tools.ledger_common import Frozen, ledger_errors
from tools.registry import ToolKind, tool


class TrialBalanceInput(Frozen):
    start: date | None = Field(default=None, description="Desde (inclusive), AAAA-MM-DD.")
    end: date | None = Field(default=None, description="Hasta (inclusive), AAAA-MM-DD.")
    level: Literal[1, 2, 4, 6] = Field(
        default=4, description="Dígitos: 1 clase, 2 grupo, 4 cuenta, 6 subcuenta."
    )


class TrialBalanceLine(Frozen):
    code: str
    name: str
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal


class TrialBalanceOutput(Frozen):
    rows: tuple[TrialBalanceLine, ...]
    total_debit: Decimal
    total_credit: Decimal
    balanced: bool
    summary: str


@tool(
    kind=ToolKind.READ,
    examples=(
        "muéstrame el balance de prueba",
        "balance de marzo",
        "¿cómo quedó el balance por clases a diciembre?",
        "dame el balance de comprobación del primer trimestre a 6 dígitos",
        "¿cuadra la contabilidad?",
        "saldos de todas las cuentas este año",
    ),
)
def trial_balance(ctx: ToolContext, args: TrialBalanceInput) -> TrialBalanceOutput:
    """Balance de prueba de la empresa: saldo inicial, débitos, créditos y saldo final
    de cada cuenta en un periodo.

    `level` agrupa por clase (1), grupo (2), cuenta (4) o subcuenta (6). Los saldos
    son positivos cuando son débito y negativos cuando son crédito. Sin fechas toma
    todos los movimientos. Dice también si los débitos y los créditos cuadran.
    """
    if args.start and args.end and args.start > args.end:
        raise ToolError("periodo_invalido", "La fecha inicial es posterior a la final.")
    with ctx.session() as session:
        rows = trial_balance_report(session, start=args.start, end=args.end, level=args.level)
    totals = trial_balance_totals(rows)
    period = _period_text(args.start, args.end)
    return TrialBalanceOutput(
        rows=tuple(
            TrialBalanceLine(
                code=r.code,
                name=r.name,
                opening=r.opening,
                debit=r.debit,
                credit=r.credit,
                closing=r.closing,
            )
            for r in rows
        ),
        total_debit=totals.debit,
        total_credit=totals.credit,
        balanced=totals.balanced,
        summary=(
            f"Balance de prueba {period}: débitos {format_cop(totals.debit)}, "
            f"créditos {format_cop(totals.credit)}; "
            + ("cuadra." if totals.balanced else "NO cuadra, revisa los asientos.")
        ),
    )


def _period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"del {format_date(start)} al {format_date(end)}"
    if start:
        return f"desde el {format_date(start)}"
    if end:
        return f"hasta el {format_date(end)}"
    return "de todos los movimientos"


class AccountLedgerInput(Frozen):
    account_code: str = Field(description="Código PUC, p. ej. 111005; incluye sus subcuentas.")
    start: date | None = None
    end: date | None = None


class AccountLedgerLine(Frozen):
    date: date | None
    entry_number: int
    description: str
    contact: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


class AccountLedgerOutput(Frozen):
    account_code: str
    account_name: str
    rows: tuple[AccountLedgerLine, ...]
    final_balance: Decimal


@tool(
    kind=ToolKind.READ,
    examples=(
        "movimientos de la cuenta 111005",
        "muéstrame el auxiliar de caja de febrero",
        "¿qué se ha registrado en proveedores?",
        "libro auxiliar de la 130505 este año",
        "¿por qué el banco tiene ese saldo?",
        "¿cuánto se pagó de arriendo este año?",
        "¿cuánto le debo a los fondos de pensiones? cuenta 238030",
        "¿quedaron cesantías por pagar en diciembre?",
    ),
)
def account_ledger(ctx: ToolContext, args: AccountLedgerInput) -> AccountLedgerOutput:
    """Libro auxiliar de una cuenta: cada movimiento con su fecha, asiento, tercero y
    saldo acumulado.

    Incluye las subcuentas del código pedido (2205 trae 220505 y 220510). El saldo
    sigue la naturaleza de la cuenta: en una cuenta crédito (pasivos, ingresos) los
    créditos lo aumentan. Con fecha inicial, la primera fila es el saldo inicial.
    """
    code = args.account_code.strip()
    with ctx.session() as session, ledger_errors():
        rows = ledger_report(session, account_code=code, start=args.start, end=args.end)
        account = session.exec(select(Account).where(Account.code == code)).one()
    return AccountLedgerOutput(
        account_code=code,
        account_name=account.name,
        rows=tuple(
            AccountLedgerLine(
                date=r.date,
                entry_number=r.entry_number,
                description=r.description,
                contact=r.contact_name,
                debit=r.debit,
                credit=r.credit,
                balance=r.balance,
            )
            for r in rows
        ),
        final_balance=rows[-1].balance if rows else ZERO,
    )
