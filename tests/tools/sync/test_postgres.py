"""One full sync (stage, commit, re-run, undo) on PostgreSQL, via the ledger suite's fixture."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.models import Document, Payment
from ledger.reports import trial_balance, trial_balance_totals
from tests.tools.sync.docs import OURS
from tests.tools.sync.test_job import SYNC_DAY, year_files
from tests.utils.postgres import throwaway_database
from tools.sync.job import advance, commit_job, create_job
from tools.sync.undo import undo_batch

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    for url in throwaway_database("cuadre_sync"):
        engine = make_engine(url)
        init_db(engine)
        yield engine
        engine.dispose()


def test_a_sync_commits_and_undoes_on_postgresql(pg_engine: Engine, tmp_path: Path) -> None:
    with admin_session(pg_engine) as session:
        company = create_company(session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
    assert company.id is not None
    files = year_files(tmp_path)
    for _ in range(2):  # the second run finds everything already in the books
        job_id = create_job(pg_engine, company.id, files=files, sync_date=SYNC_DAY)
        advance(pg_engine, company.id, job_id)
        assert commit_job(pg_engine, company.id, job_id) == "done"
    with company_session(pg_engine, company.id) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 5
        assert session.exec(select(func.count()).select_from(Payment)).one() == 4
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit > 0
    counts = undo_batch(pg_engine, company.id, "L-0001", on=date(2025, 1, 2), actor="ana")
    assert counts["entries"] == 9
    # The voided documents free their CUFEs: the same year imports again.
    job_id = create_job(pg_engine, company.id, files=files, sync_date=SYNC_DAY)
    advance(pg_engine, company.id, job_id)
    assert commit_job(pg_engine, company.id, job_id) == "done"
    with company_session(pg_engine, company.id) as session:
        live = select(func.count()).select_from(Document).where(Document.status != "voided")
        assert session.exec(live).one() == 5
