"""Money is exact: integer centavos on SQLite, NUMERIC(18,2) on PostgreSQL, never float."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, text

from ledger.db import company_session
from ledger.journal_text import parse_journal
from tests.utils.companies import new_company
from tests.utils.journal import post_journal


def test_amounts_round_trip_exactly(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        (entry,) = post_journal(
            session,
            "2025-04-01 Centavos\n  110505  0.10\n  110510  0.20\n  311505      0.30\n",
        )
        assert sum((line.debit for line in entry.lines), Decimal(0)) == Decimal("0.30")
    with engine.connect() as conn:
        raw = conn.execute(
            text("SELECT debit FROM journal_line WHERE entry_id = :id ORDER BY line_no"),
            {"id": entry.id},
        ).scalars()
        stored = list(raw)
    if engine.dialect.name == "sqlite":
        assert stored == [10, 20, 0]  # centavos as integers
    else:
        assert stored == [Decimal("0.10"), Decimal("0.20"), Decimal("0.00")]


def test_large_amounts_keep_every_centavo(engine: Engine) -> None:
    company_id = new_company(engine)
    big = "9999999999999999.99"  # 18 digits, the column's precision
    with company_session(engine, company_id) as session:
        (entry,) = post_journal(
            session, f"2025-04-01 Grande\n  110505  {big}\n  311505         {big}\n"
        )
        session.expire_all()
        assert entry.lines[0].debit == Decimal(big)


def test_text_journal_columns_decide_debit_and_credit() -> None:
    (entry,) = parse_journal(
        "2025-01-15 Aporte de capital\n"
        "  111005  1000000.00\n"
        "  311505           1000000.00 ; socios\n"
    )
    assert [
        (line.account_code, line.debit, line.credit, line.description) for line in entry.lines
    ] == [
        ("111005", Decimal("1000000.00"), Decimal("0.00"), ""),
        ("311505", Decimal("0.00"), Decimal("1000000.00"), "socios"),
    ]
    with pytest.raises(ValueError):
        parse_journal("  111005 10\n")
