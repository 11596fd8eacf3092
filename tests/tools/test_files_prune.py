"""Old uploads nothing needs are deleted per company, in one transaction; on SQLite and
on a throwaway PostgreSQL database, like the rest of the stored-file tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from ledger.db import company_session, init_db, make_engine
from ledger.models import StoredFile, SyncJob
from tests.utils.companies import new_company
from tests.utils.postgres import throwaway_database
from tests.utils.uploads import backdated_upload
from tools.files import parse_ref, upload_refs
from tools.files_prune import prune_company
from tools.files_retention import Reference

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
THIRTY_DAYS = timedelta(days=30)


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ledger.db'}"
        made = make_engine(url)
        init_db(made)
        yield made
        made.dispose()
        return
    for url in throwaway_database("cuadre_prune"):
        made = make_engine(url)
        init_db(made)
        yield made
        made.dispose()


def upload(engine: Engine, company_id: int, name: str, age_days: int) -> str:
    """A one-file upload that arrived `age_days` before NOW; its reference."""
    arrived = NOW - timedelta(days=age_days)
    return backdated_upload(engine, company_id, name, b"<x/>" * 256, arrived=arrived)


def job(engine: Engine, company_id: int, state: str, ref: str) -> int:
    with company_session(engine, company_id) as session:
        row = SyncJob(
            company_id=company_id,
            state=state,
            sources=json.dumps([ref]),
            sync_date=date(2026, 10, 1),
        )
        session.add(row)
        session.commit()
        assert row.id is not None
        return row.id


def upload_id(ref: str) -> str:
    parsed = parse_ref(ref)
    assert parsed is not None
    return parsed.upload_id


def stored_ids(engine: Engine, company_id: int) -> set[str]:
    with company_session(engine, company_id) as session:
        return set(session.exec(select(StoredFile.upload_id)).all())


def test_old_uploads_go_unless_a_job_or_a_conversation_still_needs_them(engine: Engine) -> None:
    ours = new_company(engine, "FERRETERÍA RETENCIÓN SAS")
    theirs = new_company(engine, "PANADERÍA VECINA SAS")
    old = upload(engine, ours, "viejo.xlsx", 90)
    reading = upload(engine, ours, "en_lectura.zip", 60)
    waiting = job(engine, ours, "connecting", reading)
    staged = upload(engine, ours, "ya_leido.zip", 60)
    job(engine, ours, "staged", staged)  # staged rows hold what was read: files not needed
    failed = upload(engine, ours, "fallido.zip", 60)
    job(engine, ours, "failed", failed)  # a failed job is never read again
    previewed = upload(engine, ours, "preview.zip", 45)
    recent = upload(engine, ours, "reciente.xml", 29)
    foreign = upload(engine, theirs, "ajeno.xml", 90)
    talk = [Reference(upload_id(previewed), "conversación 1:7:api (vista previa)")]

    preview = prune_company(
        engine, ours, now=NOW, retention=THIRTY_DAYS, references=talk, apply=False
    )
    assert {u.upload_id for u in preview.plan.delete} == {
        upload_id(old),
        upload_id(staged),
        upload_id(failed),
    }
    assert preview.plan.files == 3 and preview.plan.size == 3 * 1024
    assert dict((u.upload_id, h) for u, h in preview.plan.in_use) == {
        upload_id(reading): (f"sincronización {waiting} (conectando)",),
        upload_id(previewed): ("conversación 1:7:api (vista previa)",),
    }
    assert len(stored_ids(engine, ours)) == 6  # a preview deletes nothing

    done = prune_company(engine, ours, now=NOW, retention=THIRTY_DAYS, references=talk, apply=True)
    assert done.plan.delete == preview.plan.delete and done.name == "FERRETERÍA RETENCIÓN SAS"
    assert stored_ids(engine, ours) == {upload_id(r) for r in (reading, previewed, recent)}
    assert stored_ids(engine, theirs) == {upload_id(foreign)}  # another company: untouched
    assert upload_refs(engine, ours, upload_id(reading)) == [reading]  # still whole

    # Once the job has read its files, the next pass takes them.
    with company_session(engine, ours) as session:
        row = session.get(SyncJob, waiting)
        assert row is not None
        row.state = "staged"
        session.add(row)
        session.commit()
    again = prune_company(engine, ours, now=NOW, retention=THIRTY_DAYS, apply=True)
    assert [u.upload_id for u in again.plan.delete] == [upload_id(reading), upload_id(previewed)]
    assert stored_ids(engine, ours) == {upload_id(recent)}
