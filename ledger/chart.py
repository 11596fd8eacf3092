"""The chart of accounts: the shipped PUC and the company's own accounts."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.errors import AccountNotPostableError, LedgerError
from ledger.models import Account, Nature


@dataclass(frozen=True)
class ChartAccount:
    """One account of the shipped chart (`ledger/data/puc.csv`)."""

    code: str
    name: str
    nature: Nature
    level: int
    parent_code: str | None
    is_leaf: bool


@cache
def shipped_chart() -> tuple[ChartAccount, ...]:
    """The PUC every company starts with, parents before children."""
    text = resources.files("ledger.data").joinpath("puc.csv").read_text(encoding="utf-8")
    return tuple(
        ChartAccount(
            code=row["code"],
            name=row["name"],
            nature=Nature(row["nature"]),
            level=int(row["level"]),
            parent_code=row["parent_code"] or None,
            is_leaf=row["is_leaf"] == "1",
        )
        for row in csv.DictReader(io.StringIO(text))
    )


def parent_code_of(code: str) -> str | None:
    """The PUC parent of a code: 8+ digits -> 6, 6 -> 4, 4 -> 2, 2 -> 1."""
    if len(code) == 1:
        return None
    return code[: {2: 1, 4: 2, 6: 4}.get(len(code), 6)]


def seed_chart(session: Session, company_id: int) -> int:
    """Add the shipped chart to a new company; returns the number of accounts."""
    accounts = [
        Account(
            company_id=company_id,
            code=row.code,
            name=row.name,
            nature=row.nature,
            level=row.level,
            parent_code=row.parent_code,
            is_leaf=row.is_leaf,
        )
        for row in shipped_chart()
    ]
    session.add_all(accounts)
    return len(accounts)


def add_account(session: Session, *, code: str, name: str) -> Account:
    """Add a subaccount or auxiliary under an existing parent, which stops being a leaf.

    Use a company session; the caller commits. An existing code is returned unchanged.
    """
    company_id = scoped_company_id(session)
    if not code.isdigit() or len(code) not in (6, 8, 10):
        raise LedgerError(
            f"El código «{code}» no es válido: una subcuenta tiene 6 dígitos y un auxiliar 8 o 10.",
            code="codigo_invalido",
        )
    parent_code = parent_code_of(code)
    parent = session.exec(
        select(Account).where(Account.company_id == company_id, Account.code == parent_code)
    ).first()
    if parent is None:
        raise AccountNotPostableError(
            f"No existe la cuenta padre {parent_code} para crear la cuenta {code}."
        )
    existing = session.exec(
        select(Account).where(Account.company_id == company_id, Account.code == code)
    ).first()
    if existing is not None:
        return existing
    account = Account(
        company_id=company_id,
        code=code,
        name=name,
        nature=parent.nature,
        level=len(code),
        parent_code=parent_code,
        is_leaf=True,
    )
    parent.is_leaf = False
    session.add_all([parent, account])
    return account
