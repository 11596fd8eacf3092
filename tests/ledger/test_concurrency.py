"""Two writers on one company's books: both succeed, entry numbers stay consecutive."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine
from sqlmodel import select

from ledger.db import company_session
from ledger.models import JournalEntry
from tests.utils.companies import new_company
from tests.utils.journal import post_journal

PER_WRITER = 12


def _writer(engine: Engine, company_id: int, name: str) -> int:
    text = f"2025-05-02 Venta de mostrador {name}\n  110505  1000.00\n  413505          1000.00\n"
    for _ in range(PER_WRITER):
        with company_session(engine, company_id) as session:
            post_journal(session, text, actor=name)
    return PER_WRITER


def test_concurrent_writers_get_consecutive_numbers(engine: Engine) -> None:
    company_id = new_company(engine)
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda name: _writer(engine, company_id, name), ["caja1", "caja2"]))
    assert done == [PER_WRITER, PER_WRITER]
    with company_session(engine, company_id) as session:
        numbers = sorted(session.exec(select(JournalEntry.number)).all())
    assert numbers == list(range(1, 2 * PER_WRITER + 1))
