"""On PostgreSQL, concurrent scheduled runs of one period post it exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from cuadre.settings import Settings
from ledger.db import company_session, init_db, make_engine
from ledger.models import JournalEntry, PayrollRun
from tests.tools.payroll.conftest import mapped_company
from tests.tools.payroll.test_scheduled_run import MARCH_16
from tests.utils.postgres import throwaway_database
from tools.payroll.schedule import post_due_payrolls


@pytest.fixture(scope="module")
def pg_engine() -> Iterator[Engine]:
    for url in throwaway_database("cuadre_payroll"):
        engine = make_engine(url)
        init_db(engine)
        yield engine
        engine.dispose()


def test_concurrent_runs_post_the_period_once(
    pg_engine: Engine, payroll_url: str, tmp_path: Path
) -> None:
    company_id = mapped_company(pg_engine, base_url=payroll_url)
    settings = Settings(data_dir=tmp_path)
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(
            pool.map(lambda _: post_due_payrolls(pg_engine, settings, MARCH_16), range(3))
        )
    posted = [r for runs in results for r in runs if r.posted and not r.posted.already_posted]
    assert len(posted) == 1
    with company_session(pg_engine, company_id) as session:
        assert len(session.exec(select(PayrollRun)).all()) == 1
        sources = session.exec(select(JournalEntry).where(JournalEntry.source == "payroll")).all()
        assert len(sources) == 2
