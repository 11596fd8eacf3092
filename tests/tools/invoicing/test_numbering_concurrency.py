"""Parallel issuers, each on its own connection, take a gap-free sequence of numbers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from ledger.db import company_session
from ledger.models import Document, EDocument, NumberingResolution
from tools.einvoice.signing import SigningCredentials
from tools.errors import ToolError
from tools.invoicing.issuing import create_document
from tools.invoicing.numbering import numbering_alerts

from .conftest import T0, bread_invoice, set_up_company

ISSUERS, EACH = 4, 5


def _issue_in_parallel(engine: Engine, company_id: int, credentials: SigningCredentials) -> None:
    def issuer(worker: int) -> list[str]:
        numbers = []
        for n in range(EACH):
            with company_session(engine, company_id) as session:
                issued = create_document(
                    session, bread_invoice(), issue=True,
                    now=T0 + timedelta(seconds=worker * 100 + n), credentials=credentials,
                )  # fmt: skip
                numbers.append(issued.number or "")
        return numbers

    with ThreadPoolExecutor(max_workers=ISSUERS) as pool:
        taken = [n for numbers in pool.map(issuer, range(ISSUERS)) for n in numbers]
    expected = [f"FE{i}" for i in range(1, ISSUERS * EACH + 1)]
    assert sorted(taken, key=lambda n: int(n[2:])) == expected
    with company_session(engine, company_id) as session:
        stored = session.exec(select(EDocument.consecutive).order_by(col(EDocument.consecutive)))
        assert list(stored) == list(range(1, ISSUERS * EACH + 1))
        posted = session.exec(select(Document.number)).all()
        assert sorted(posted, key=lambda n: int(n[2:])) == expected
        counter = session.exec(
            select(NumberingResolution.next_number).where(NumberingResolution.prefix == "FE")
        ).one()
        assert counter == ISSUERS * EACH + 1


def test_parallel_issuers_take_a_gap_free_sequence(
    engine: Engine, credentials: SigningCredentials
) -> None:
    """SQLite threads, and PostgreSQL issuers each on its own pooled connection."""
    _issue_in_parallel(engine, set_up_company(engine), credentials)


def test_alerts_when_the_range_or_validity_runs_out(
    engine: Engine, credentials: SigningCredentials
) -> None:
    company_id = set_up_company(engine)
    with company_session(engine, company_id) as session:
        row = session.exec(
            select(NumberingResolution).where(NumberingResolution.prefix == "FE")
        ).one()
        row.range_to = 2
        session.add(row)
        session.commit()
        for _ in range(2):
            create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        draft = create_document(session, bread_invoice(), issue=False, now=T0)
        with pytest.raises(ToolError, match="La numeración FE se agotó"):
            create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        assert draft.status == "borrador"
        alerts = numbering_alerts(session, date(2026, 12, 10))
        assert any("La numeración FE (resolución 18760000001) se agotó" in a for a in alerts)
        assert any("vence el 31/12/2026 (en 21 días)" in a for a in alerts)
