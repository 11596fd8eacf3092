"""Account ledger (libro auxiliar): the lines of an account with a running balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from ledger.errors import AccountNotPostableError
from ledger.models import Account, Contact, JournalEntry, JournalLine, Nature
from ledger.money import ZERO


@dataclass(frozen=True)
class LedgerRow:
    """One line of the account (or the opening balance, with `entry_number` 0)."""

    date: date | None
    entry_number: int
    entry_id: int | None
    account_code: str
    description: str
    contact_name: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


def account_ledger(
    session: Session,
    *,
    account_code: str,
    start: date | None = None,
    end: date | None = None,
) -> tuple[LedgerRow, ...]:
    """Lines of an account and its subaccounts, oldest first, with running balance.

    The balance follows the account's nature (a credit account grows with credits).
    The first row is the opening balance before `start` when `start` is given.
    """
    account = session.exec(select(Account).where(Account.code == account_code)).first()
    if account is None:
        raise AccountNotPostableError(
            f"La cuenta {account_code} no existe en el plan de cuentas de esta empresa."
        )
    sign = Decimal(1) if account.nature == Nature.DEBIT else Decimal(-1)
    statement = (
        select(JournalLine, JournalEntry, Account, Contact)
        .join(JournalEntry, col(JournalEntry.id) == col(JournalLine.entry_id))
        .join(Account, col(Account.id) == col(JournalLine.account_id))
        .outerjoin(Contact, col(Contact.id) == col(JournalLine.contact_id))
        .where(Account.code.startswith(account_code))
        .order_by(col(JournalEntry.date), col(JournalEntry.number), col(JournalLine.line_no))
    )
    if end:
        statement = statement.where(JournalEntry.date <= end)
    rows: list[LedgerRow] = []
    balance = ZERO
    opening_done = start is None
    for line, entry, line_account, contact in session.exec(statement):
        if start and entry.date < start:
            balance += sign * (line.debit - line.credit)
            continue
        if not opening_done:
            rows.append(_opening(account_code, start, balance))
            opening_done = True
        balance += sign * (line.debit - line.credit)
        rows.append(
            LedgerRow(
                date=entry.date,
                entry_number=entry.number,
                entry_id=entry.id,
                account_code=line_account.code,
                description=line.description or entry.description,
                contact_name=contact.name if contact else "",
                debit=line.debit,
                credit=line.credit,
                balance=balance,
            )
        )
    if not opening_done:
        rows.append(_opening(account_code, start, balance))
    return tuple(rows)


def _opening(account_code: str, start: date | None, balance: Decimal) -> LedgerRow:
    return LedgerRow(
        date=start,
        entry_number=0,
        entry_id=None,
        account_code=account_code,
        description="Saldo inicial",
        contact_name="",
        debit=ZERO,
        credit=ZERO,
        balance=balance,
    )
