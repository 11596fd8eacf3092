"""Trial balance (balance de prueba): opening balance, period movements, closing balance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.models import Account, JournalEntry, JournalLine
from ledger.money import ZERO

LEVELS = (1, 2, 4, 6, 8)


@dataclass(frozen=True)
class TrialBalanceRow:
    """One account at the requested level. Balances are debit-positive."""

    code: str
    name: str
    level: int
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal


def rollup_code(code: str, level: int) -> str:
    """The code an account rolls up to at `level` (shorter codes stay as they are)."""
    return code[:level] if len(code) > level else code


def _sums(session: Session, *conditions: Any) -> dict[str, tuple[Decimal, Decimal]]:
    statement = (
        select(Account.code, func.sum(JournalLine.debit), func.sum(JournalLine.credit))
        .join(JournalLine, col(JournalLine.account_id) == col(Account.id))
        .join(JournalEntry, col(JournalEntry.id) == col(JournalLine.entry_id))
        .where(*conditions)
        .group_by(Account.code)
    )
    return {
        code: (debit or ZERO, credit or ZERO) for code, debit, credit in session.exec(statement)
    }


def trial_balance(
    session: Session,
    *,
    start: date | None = None,
    end: date | None = None,
    level: int = 6,
) -> tuple[TrialBalanceRow, ...]:
    """Balances per account rolled up to `level` (1, 2, 4, 6 or 8 digits), by code.

    Entries before `start` make the opening balance; entries from `start` to `end`
    (inclusive) the movements. Use a company session: it sees one company only.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    before = _sums(session, JournalEntry.date < start) if start else {}
    period_conditions = []
    if start:
        period_conditions.append(JournalEntry.date >= start)
    if end:
        period_conditions.append(JournalEntry.date <= end)
    during = _sums(session, *period_conditions)
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for code, (debit, credit) in before.items():
        totals[rollup_code(code, level)][0] += debit - credit
    for code, (debit, credit) in during.items():
        row = totals[rollup_code(code, level)]
        row[1] += debit
        row[2] += credit
    codes = list(totals)
    names = dict(
        session.exec(select(Account.code, Account.name).where(col(Account.code).in_(codes))).all()
    )
    rows = []
    for code in sorted(totals):
        opening, debit, credit = totals[code]
        if opening == debit == credit == ZERO:
            continue
        rows.append(
            TrialBalanceRow(
                code=code,
                name=names.get(code, ""),
                level=len(code),
                opening=opening,
                debit=debit,
                credit=credit,
                closing=opening + debit - credit,
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class TrialBalanceTotals:
    """Column totals: debits equal credits and closing balances add up to zero."""

    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal

    @property
    def balanced(self) -> bool:
        """True when the books square (debits = credits, balances sum to zero)."""
        return self.debit == self.credit and self.closing == ZERO and self.opening == ZERO


def trial_balance_totals(rows: tuple[TrialBalanceRow, ...]) -> TrialBalanceTotals:
    """Totals of a trial balance."""
    return TrialBalanceTotals(
        opening=sum((row.opening for row in rows), ZERO),
        debit=sum((row.debit for row in rows), ZERO),
        credit=sum((row.credit for row in rows), ZERO),
        closing=sum((row.closing for row in rows), ZERO),
    )
