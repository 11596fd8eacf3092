"""A runner's heartbeat: written at most every few seconds, and while reading."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

import tools.sync.heartbeat as heartbeat_module
import tools.sync.job as job_module
from ledger.db import company_session
from ledger.models import SyncJob
from tests.tools.sync.test_job import year_files
from tools.dian import IngestResult
from tools.sync.heartbeat import Heartbeat
from tools.sync.job import advance, create_job


def _stamp(engine: Engine, company_id: int, job_id: int) -> object:
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None
        return job.heartbeat_at


def test_beats_are_written_at_most_once_every_few_seconds(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = create_job(
        engine, company_id, files=year_files(tmp_path), sync_date=date(2024, 12, 31)
    )
    seconds = [0.0]
    beat = Heartbeat(engine, company_id, job_id, every=5, clock=lambda: seconds[0])
    written = []
    for tick in range(100):  # a document every 0.1 s for 10 s
        seconds[0] = tick / 10
        written.append(beat.beat())
    assert written.count(True) == 2 == beat.stamps  # at 0 s and at 5 s
    assert _stamp(engine, company_id, job_id) is not None


def test_a_finished_job_is_not_stamped(engine: Engine, company_id: int, tmp_path: Path) -> None:
    job_id = create_job(
        engine, company_id, files=year_files(tmp_path), sync_date=date(2024, 12, 31)
    )
    assert advance(engine, company_id, job_id) == "staged"
    before = _stamp(engine, company_id, job_id)
    Heartbeat(engine, company_id, job_id).beat()
    assert _stamp(engine, company_id, job_id) == before


def test_reading_stamps_the_heartbeat_between_chunks(
    engine: Engine, company_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A handful of documents never fills a chunk: only the heartbeat says the reader lives."""
    job_id = create_job(
        engine, company_id, files=year_files(tmp_path), sync_date=date(2024, 12, 31)
    )
    monkeypatch.setattr(heartbeat_module, "EVERY", 0.0)
    seen: list[object] = []
    reader = job_module.iter_documents

    def watched(paths: list[Path]) -> Iterator[IngestResult]:
        for result in reader(paths):
            yield result
            seen.append(_stamp(engine, company_id, job_id))  # from another connection

    monkeypatch.setattr(job_module, "iter_documents", watched)
    assert advance(engine, company_id, job_id) == "staged"
    assert len(seen) >= 6 and None not in seen
    assert seen == sorted(seen) and len(set(seen)) > 1  # it moved on while reading
