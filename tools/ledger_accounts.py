"""Tool: search the company's chart of accounts."""

from __future__ import annotations

import re

from pydantic import Field
from sqlmodel import col, select

from ledger.chart import shipped_chart
from ledger.models import Account
from tools.context import ToolContext
from tools.ledger_common import Frozen, plain_text
from tools.registry import ToolKind, tool


class ListAccountsInput(Frozen):
    search: str = Field(
        default="", description="Parte del nombre o código inicial, p. ej. «caja» o «5195»."
    )
    only_leaf: bool = Field(default=False, description="Solo cuentas donde se puede registrar.")
    limit: int = Field(default=50, ge=1, le=600)


class AccountOut(Frozen):
    code: str
    name: str
    nature: str
    level: int
    is_leaf: bool
    active: bool


class ListAccountsOutput(Frozen):
    accounts: tuple[AccountOut, ...]
    total: int = Field(description="Cuentas que coinciden (puede ser más que las mostradas).")


@tool(
    kind=ToolKind.READ,
    examples=(
        "¿qué cuentas de caja tengo?",
        "búscame la cuenta de papelería",
        "muéstrame el plan de cuentas",
        "¿en qué cuenta registro los honorarios?",
        "cuentas que empiezan por 5195",
        "lista las cuentas auxiliares donde puedo contabilizar gastos bancarios",
        "¿qué cuenta uso para las cesantías por pagar?",
        "¿en qué cuenta van los aportes a pensión de los empleados?",
    ),
)
def list_accounts(ctx: ToolContext, args: ListAccountsInput) -> ListAccountsOutput:
    """Busca en el plan de cuentas (PUC) de la empresa.

    Sirve para encontrar el código de una cuenta por su nombre («papelería», «arriendo»)
    o para ver las subcuentas de un código («5195»). Una cuenta hallada por su nombre
    trae también las subcuentas que tiene debajo («proveedores» trae 2205 y 220505).
    Con `only_leaf` devuelve solo las cuentas de último nivel, que son las únicas donde
    se puede registrar un asiento. La búsqueda no distingue mayúsculas ni tildes.
    """
    needle = plain_text(args.search.strip())
    with ctx.session() as session:
        accounts = session.exec(select(Account).order_by(col(Account.code))).all()
    by_name = bool(needle) and not needle.isdigit()
    # An account found by name brings the subaccounts under it: "proveedores" is group 22,
    # and entries go to 2205 "Nacionales" or 220505, whose names do not say it.
    # A name matches where one of its words starts: "iva" finds "IVA generado", not
    # "Reparaciones locativas".
    said = re.compile(rf"(?<![a-z0-9ñ]){re.escape(needle)}")
    roots = tuple(
        account.code
        for account in accounts
        if by_name and not account.is_leaf and said.search(plain_text(account.name))
    )
    matches = [
        account
        for account in accounts
        if (not args.only_leaf or (account.is_leaf and account.active))
        and (
            not needle
            or (needle.isdigit() and account.code.startswith(needle))
            or (by_name and said.search(plain_text(account.name)) is not None)
            or (bool(roots) and account.code.startswith(roots))
        )
    ]
    return ListAccountsOutput(
        accounts=tuple(
            AccountOut(
                code=a.code,
                name=a.name,
                nature=a.nature,
                level=a.level,
                is_leaf=a.is_leaf,
                active=a.active,
            )
            for a in matches[: args.limit]
        ),
        total=len(matches),
    )


def standard_account_names() -> tuple[tuple[str, str, bool], ...]:
    """(code, name, is_leaf) of the chart every company starts with: what a planner may
    match an account said in words against (the agent reads the ledger only through tools)."""
    return tuple((account.code, account.name, account.is_leaf) for account in shipped_chart())
