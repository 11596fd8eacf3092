"""A job killed mid-commit (a real SIGKILL) resumes: every document once, books balanced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import select

from ledger.db import company_session
from ledger.models import Document, JournalEntry, StagedDocument, SyncJob
from ledger.reports import trial_balance, trial_balance_totals
from tests.fixtures.dian.containers import supplier_zip
from tests.tools.sync.docs import sale, spec
from tools.sync.job import advance, commit_job, create_job

N = 80
WORKER = """
import sys
import tools.sync.commit as commit
from ledger.db import make_engine
from tools.sync.job import commit_job
commit.CHUNK = 1  # one document per transaction: many points to be killed at
engine = make_engine(sys.argv[1])
commit_job(engine, int(sys.argv[2]), int(sys.argv[3]), actor="worker")
"""


def _documents(engine: Engine, company_id: int) -> int:
    with company_session(engine, company_id) as session:
        return int(session.exec(select(func.count()).select_from(Document)).one())


def test_a_job_killed_mid_commit_resumes_with_every_document_exactly_once(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    files = [
        supplier_zip(
            tmp_path / f"d{i}.zip",
            (sale if i % 2 else spec)(number=f"FE{5000 + i}", payment_form=str(1 + i % 2)),
        )
        for i in range(N)
    ]
    job_id = create_job(engine, company_id, files=files, sync_date=date(2024, 12, 31))
    assert advance(engine, company_id, job_id) == "staged"
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(engine.url), str(company_id), str(job_id)],
        cwd=Path(__file__).resolve().parents[3],
    )
    deadline = time.monotonic() + 60
    while _documents(engine, company_id) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = _documents(engine, company_id)
    assert 5 <= killed_at < N, "the kill must land in the middle of the commit"
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None and job.state == "committing"

    assert advance(engine, company_id, job_id) == "done"  # what a restarted worker does

    with company_session(engine, company_id) as session:
        numbers = [d.number for d in session.exec(select(Document))]
        assert sorted(numbers) == sorted(f"FE{5000 + i}" for i in range(N))
        linked = session.exec(
            select(func.count()).where(
                StagedDocument.job_id == job_id,
                StagedDocument.document_id.is_not(None),  # type: ignore[union-attr]
            )
        ).one()
        assert linked == N
        entries_per_document = session.exec(
            select(JournalEntry.document_id, func.count()).group_by(JournalEntry.document_id)
        ).all()
        assert all(count in (1, 2) for _doc, count in entries_per_document)
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit > 0
    assert commit_job(engine, company_id, job_id) == "done"  # confirming again adds nothing
    assert _documents(engine, company_id) == N
