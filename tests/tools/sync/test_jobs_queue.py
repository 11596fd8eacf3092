"""Sync jobs on Huey: SQLite storage by default, Redis when CUADRE_REDIS_URL is set."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import redis
from huey import RedisHuey, SqliteHuey
from sqlalchemy import Engine

from cuadre.jobs import make_huey, register_tasks
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import SyncJob
from tests.tools.sync.test_job import year_files
from tools.sync.job import create_job
from tools.sync.recovery import Claim, claim
from tools.sync.runs import hand_to_queue

REDIS_URL = "redis://127.0.0.1:6379/0"


def _run_one(huey, job_id: int, company_id: int, url: str, token: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """Enqueue through the queue's storage, then take it out and run it as a consumer does."""
    tasks = register_tasks(huey)
    result = tasks.advance_sync(job_id, company_id, url, token)
    task = huey.dequeue()
    assert task is not None
    huey.execute(task)
    return str(result.get(blocking=True, timeout=10))


def test_sqlite_huey_lives_in_the_data_directory(tmp_path: Path) -> None:
    huey = make_huey(Settings(data_dir=tmp_path))
    assert isinstance(huey, SqliteHuey)
    assert (tmp_path / "jobs.db").exists()


def test_a_sync_runs_through_the_sqlite_queue(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = create_job(
        engine, company_id, files=year_files(tmp_path), sync_date=date(2024, 12, 31)
    )
    huey = make_huey(Settings(data_dir=tmp_path / "data"), name=f"test-{uuid.uuid4().hex[:8]}")
    assert _run_one(huey, job_id, company_id, str(engine.url)) == "staged"


def test_a_sync_runs_through_redis_when_configured(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis no responde en 127.0.0.1:6379")
    name = f"cuadre-test-{uuid.uuid4().hex[:10]}"
    huey = make_huey(Settings(data_dir=tmp_path, redis_url=REDIS_URL), name=name)
    assert isinstance(huey, RedisHuey)
    try:
        job_id = create_job(
            engine, company_id, files=year_files(tmp_path), sync_date=date(2024, 12, 31)
        )
        assert _run_one(huey, job_id, company_id, str(engine.url)) == "staged"
        with company_session(engine, company_id) as session:
            job = session.get(SyncJob, job_id)
            assert job is not None and job.state == "staged"
    finally:
        huey.storage.flush_all()


def test_a_queued_run_steps_aside_when_the_job_was_taken_over_meanwhile(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    """The sweep (or a person's resume) claimed the job while this task waited: running it
    too would make two runners of one job."""
    job_id = create_job(
        engine, company_id, files=year_files(tmp_path), sync_date=date(2024, 12, 31)
    )
    waiting = hand_to_queue(engine, company_id, job_id)
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    with company_session(engine, company_id) as session:  # its process died long ago
        job = session.get(SyncJob, job_id)
        assert job is not None
        job.updated_at = job.heartbeat_at = long_ago
        session.add(job)
        session.commit()
    taken = claim(engine, company_id, job_id, dead_after=timedelta(minutes=10), automatic=True)
    assert taken is Claim.CLAIMED

    huey = make_huey(Settings(data_dir=tmp_path / "data"), name=f"test-{uuid.uuid4().hex[:8]}")
    assert _run_one(huey, job_id, company_id, str(engine.url), waiting) == "superseded"
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None and job.state == "connecting"  # left to the claimant

    current = hand_to_queue(engine, company_id, job_id)  # queued again: this one runs
    again = make_huey(Settings(data_dir=tmp_path / "data"), name=f"test-{uuid.uuid4().hex[:8]}")
    assert _run_one(again, job_id, company_id, str(engine.url), current) == "staged"


def test_the_worker_queue_also_runs_the_invoicing_outbox_every_minute(tmp_path: Path) -> None:
    tasks = register_tasks(make_huey(Settings(data_dir=tmp_path)))
    periodic = {task.__name__ for task in tasks.huey._registry._periodic_tasks}
    assert {"invoicing_transmit_tick", "invoicing_mail_tick"} <= periodic


def test_the_worker_queue_resumes_dead_syncs_every_two_minutes(tmp_path: Path) -> None:
    tasks = register_tasks(make_huey(Settings(data_dir=tmp_path)))
    periodic = {task.__name__: task for task in tasks.huey._registry._periodic_tasks}
    sweep = periodic["resume_dead_syncs"]
    assert sweep is tasks.resume_dead_syncs.task_class
    start = datetime(2026, 11, 21, 10, 0)
    task = sweep()
    due = [minute for minute in range(10) if task.validate_datetime(start.replace(minute=minute))]
    assert due == [0, 2, 4, 6, 8]
