"""Ledger assertions of a conversation task, checked against the task's own database."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import col, select

from evals.companies import FixtureCopy
from evals.questions import plain
from evals.schema import AccountBalance, EntryCount, LedgerAssertion


def _company(assertion: LedgerAssertion, copy: FixtureCopy) -> int | None:
    return copy.company_id if assertion.company == "main" else copy.other_company_id


def check(assertion: LedgerAssertion, engine: Engine, copy: FixtureCopy) -> str | None:
    """None when the assertion holds, else what is wrong (Spanish, for the report)."""
    from ledger.db import company_session
    from ledger.models import Account, JournalEntry, JournalLine

    company_id = _company(assertion, copy)
    if company_id is None:
        return f"{assertion.kind}: la empresa de prueba no tiene segunda empresa"
    with company_session(engine, company_id) as session:
        if isinstance(assertion, EntryCount):
            count = len(session.exec(select(JournalEntry.id)).all())
            if count != assertion.equals:
                return f"esperaba {assertion.equals} comprobantes y hay {count}"
            return None
        if isinstance(assertion, AccountBalance):
            rows = session.exec(
                select(col(JournalLine.debit), col(JournalLine.credit))
                .join(Account, col(Account.id) == col(JournalLine.account_id))
                .where(col(Account.code).startswith(assertion.account))
            ).all()
            balance = sum((d - c for d, c in rows), Decimal(0))
            if balance != assertion.equals:
                return f"saldo de {assertion.account}: {balance} en vez de {assertion.equals}"
            return None
        entries = [
            e
            for e in session.exec(select(JournalEntry)).all()
            if plain(assertion.description) in plain(e.description)
            and (assertion.on is None or e.date == assertion.on)
            and (assertion.total is None or e.total_debit == assertion.total)
        ]
        if bool(entries) != assertion.present:
            verb = "falta" if assertion.present else "sobra"
            return f"{verb} el comprobante «{assertion.description}»"
    return None


def check_all(wanted: Sequence[LedgerAssertion], engine: Engine, copy: FixtureCopy) -> list[str]:
    """What the ledger gets wrong, one line per failed assertion."""
    return [problem for a in wanted if (problem := check(a, engine, copy)) is not None]
