"""Dead syncs recover alone: one claim wins a race (SQLite and PostgreSQL), the worker's
periodic task resumes a run a crash left half done, and gives up after the limit."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, update
from sqlmodel import col, select

import tools.sync.commit as commit_module
from cuadre.jobs import make_huey, register_tasks
from cuadre.settings import Settings, get_settings
from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.models import Document, StagedDocument, SyncJob
from ledger.reports import trial_balance, trial_balance_totals
from tests.fixtures.dian.containers import supplier_zip
from tests.ledger.conftest import BACKENDS, database_urls
from tests.tools.sync.docs import OURS, sale, spec
from tests.tools.sync.test_job import SYNC_DAY, year_files
from tools.context import ToolContext
from tools.registry import run_tool
from tools.sync.generate import plan_year
from tools.sync.job import advance, commit_job, create_job
from tools.sync.portal import DianPortal
from tools.sync.portal_standin import StandIn, run_standin
from tools.sync.progress import job_progress
from tools.sync.recovery import Claim, claim, gave_up_reason, recover_dead_jobs, resumed_note
from tools.sync.tool import StatusOutput
from tools.sync.ubl_writer import GenParty

DEAD_AFTER = timedelta(minutes=10)


class ProcessDied(BaseException):
    """A crash as seen from inside the process: nothing after it runs, no handler saves
    the job (it is not an `Exception`), so the job stays in its running state."""


def _job(engine: Engine, company_id: int, job_id: int) -> SyncJob:
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None
        return job


def _silence(engine: Engine, company_id: int, job_id: int, **values: object) -> None:
    """Eleven minutes without a step or a heartbeat, as a dead process leaves a job."""
    long_ago = datetime.now(UTC) - timedelta(minutes=11)
    with company_session(engine, company_id) as session:
        session.execute(
            update(SyncJob)
            .where(col(SyncJob.id) == job_id)
            .values(**{"updated_at": long_ago, "heartbeat_at": long_ago, **values})
        )
        session.commit()


# --- the claim race -------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def race_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database_urls(request.param, tmp_path)


def _race(url: str, company_id: int, job_id: int, contenders: int = 6) -> list[Claim]:
    """Every contender on its own engine (its own connections), released together."""
    engines = [make_engine(url) for _ in range(contenders)]
    start = threading.Barrier(contenders)
    outcomes: list[Claim | None] = [None] * contenders

    def contend(i: int) -> None:
        start.wait()
        outcomes[i] = claim(
            engines[i], company_id, job_id, dead_after=DEAD_AFTER, automatic=True, limit=3
        )

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for engine in engines:
        engine.dispose()
    assert None not in outcomes
    return [outcome for outcome in outcomes if outcome is not None]


def test_of_several_workers_only_one_claims_a_dead_job_then_one_gives_up(
    race_url: str, tmp_path: Path
) -> None:
    engine = make_engine(race_url)
    try:
        init_db(engine)
        with admin_session(engine) as session:
            company = create_company(session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
        assert company.id is not None
        job_id = create_job(engine, company.id, files=year_files(tmp_path), sync_date=SYNC_DAY)
        for resumes in (1, 2, 3):
            _silence(engine, company.id, job_id, state="downloading")
            outcomes = _race(race_url, company.id, job_id)
            assert sorted(outcomes) == sorted([Claim.CLAIMED] + [Claim.NOT_DEAD] * 5)
            assert _job(engine, company.id, job_id).auto_resumes == resumes
        _silence(engine, company.id, job_id)
        outcomes = _race(race_url, company.id, job_id)
        assert sorted(outcomes) == sorted([Claim.GAVE_UP] + [Claim.NOT_DEAD] * 5)
        job = _job(engine, company.id, job_id)
        assert (job.state, job.reason, job.auto_resumes) == ("failed", gave_up_reason(3), 3)
    finally:
        engine.dispose()


def test_a_job_with_a_fresh_heartbeat_is_neither_claimed_nor_run(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = create_job(engine, company_id, files=year_files(tmp_path), sync_date=SYNC_DAY)
    _silence(engine, company_id, job_id, state="downloading", heartbeat_at=datetime.now(UTC))
    ran: list[int] = []
    found = recover_dead_jobs(
        engine, Settings(data_dir=tmp_path), run=lambda _e, _c, job, _s: ran.append(job)
    )
    assert found == [] and ran == []
    assert claim(engine, company_id, job_id, dead_after=DEAD_AFTER, automatic=False) == (
        Claim.NOT_DEAD
    )


# --- the periodic task resumes what a crash left half done ---------------------------

COMPANY = GenParty(OURS.nit, OURS.dv, OURS.name)


@pytest.fixture
def worker_settings(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """The worker reads its settings from its environment, like `cuadre worker`."""
    monkeypatch.setenv("CUADRE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "worker"))
    monkeypatch.setenv("CUADRE_DIAN_PORTAL_ALLOWED_HOSTS", '["127.0.0.1"]')
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def _staged_keys(engine: Engine, company_id: int, job_id: int) -> list[str]:
    with company_session(engine, company_id) as session:
        keys = session.exec(select(StagedDocument.key).where(StagedDocument.job_id == job_id))
        return sorted(keys)


def test_the_periodic_task_resumes_a_download_the_process_died_in(
    worker_settings: Settings,
    engine: Engine,
    company_id: int,
    sync_ctx: ToolContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    standin = StandIn(COMPANY, plan_year(COMPANY, 2024, 24))  # the local DIAN stand-in
    with run_standin(standin) as base:
        period = (date(2024, 1, 1), date(2024, 12, 31))
        job_id = create_job(
            engine, company_id, portal={"link": standin.new_link(base)}, period=period,
            sync_date=SYNC_DAY, settings=worker_settings,
        )  # fmt: skip
        download = DianPortal.download
        calls = [0]

        def dies_after_five(
            self: DianPortal, path: str, params: dict[str, str], dest: Path
        ) -> Path:
            calls[0] += 1
            if calls[0] > 5:
                raise ProcessDied
            return download(self, path, params, dest)

        monkeypatch.setattr(DianPortal, "download", dies_after_five)
        with pytest.raises(ProcessDied):
            advance(engine, company_id, job_id, settings=worker_settings)
        monkeypatch.setattr(DianPortal, "download", download)
        assert _job(engine, company_id, job_id).state == "connecting"  # stuck, as after a kill
        _silence(engine, company_id, job_id)

        tasks = register_tasks(make_huey(worker_settings, name=f"t-{uuid.uuid4().hex[:8]}"))
        assert tasks.resume_dead_syncs.call_local() == 1
        assert tasks.resume_dead_syncs.call_local() == 0  # nothing left to resume

        clean = create_job(
            engine, company_id, portal={"link": standin.new_link(base)}, period=period,
            sync_date=SYNC_DAY, settings=worker_settings,
        )  # fmt: skip
        assert advance(engine, company_id, clean, settings=worker_settings) == "staged"
    job = _job(engine, company_id, job_id)
    assert (job.state, job.auto_resumes) == ("staged", 1)
    resumed = _staged_keys(engine, company_id, job_id)
    assert resumed and resumed == _staged_keys(engine, company_id, clean)  # each doc once
    with company_session(engine, company_id) as session:
        progress = job_progress(session, job_id)
    assert progress.auto_resumed_at is not None
    assert progress.resumed_es.startswith("Se reanudó sola a las ")
    assert progress.resumed_es.endswith(" tras detenerse el proceso.")
    status = run_tool(sync_ctx, "sync_status", {"job_id": job_id})
    assert isinstance(status, StatusOutput) and status.resumed == progress.resumed_es


def test_a_commit_the_process_died_in_is_finished_once(
    engine: Engine, company_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [
        supplier_zip(
            tmp_path / f"d{i}.zip",
            (sale if i % 2 else spec)(number=f"FE{6000 + i}", payment_form=str(1 + i % 2)),
        )
        for i in range(12)
    ]
    job_id = create_job(engine, company_id, files=files, sync_date=SYNC_DAY)
    assert advance(engine, company_id, job_id) == "staged"
    monkeypatch.setattr(commit_module, "CHUNK", 2)
    write = commit_module._commit_chunk
    chunks = [0]

    def dies_in_the_fourth_chunk(*args: object, **kwargs: object) -> None:
        chunks[0] += 1
        if chunks[0] == 4:
            raise ProcessDied
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(commit_module, "_commit_chunk", dies_in_the_fourth_chunk)
    with pytest.raises(ProcessDied):
        commit_job(engine, company_id, job_id, actor="ana")
    monkeypatch.setattr(commit_module, "_commit_chunk", write)
    with company_session(engine, company_id) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 6
    _silence(engine, company_id, job_id)

    found = recover_dead_jobs(engine, Settings(data_dir=tmp_path / "data"))

    assert [(r.job_id, r.claim, r.state) for r in found] == [(job_id, Claim.CLAIMED, "done")]
    with company_session(engine, company_id) as session:
        numbers = sorted(d.number for d in session.exec(select(Document)))
        assert numbers == sorted(f"FE{6000 + i}" for i in range(12))
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit > 0


# --- giving up ------------------------------------------------------------------------


def test_a_job_that_keeps_dying_is_failed_after_three_automatic_resumes(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = create_job(engine, company_id, files=year_files(tmp_path), sync_date=SYNC_DAY)
    _silence(engine, company_id, job_id, state="downloading")
    now = [datetime.now(UTC)]
    runs: list[int] = []

    def dies_again(_engine: Engine, _company: int, job: int, _settings: Settings) -> str:
        runs.append(job)
        raise RuntimeError("the process died again")  # logged; the job stays running

    outcomes: list[Claim] = []
    for _sweep in range(5):  # a sweep every eleven minutes
        found = recover_dead_jobs(
            engine, Settings(data_dir=tmp_path), clock=lambda: now[0], run=dies_again
        )
        outcomes += [recovery.claim for recovery in found]
        now[0] += timedelta(minutes=11)

    assert outcomes == [Claim.CLAIMED] * 3 + [Claim.GAVE_UP]
    assert runs == [job_id] * 3
    job = _job(engine, company_id, job_id)
    assert job.state == "failed" and job.auto_resumes == 3
    assert job.reason == gave_up_reason(3)
    assert "reanudarla sola 3 veces" in job.reason and "fallida" in job.reason


def test_the_limit_comes_from_the_settings(engine: Engine, company_id: int, tmp_path: Path) -> None:
    job_id = create_job(engine, company_id, files=year_files(tmp_path), sync_date=SYNC_DAY)
    _silence(engine, company_id, job_id, state="committing")
    never = Settings(data_dir=tmp_path, sync_auto_resume_limit=0)
    found = recover_dead_jobs(engine, never, run=lambda *_args: pytest.fail("must not run"))
    assert [recovery.claim for recovery in found] == [Claim.GAVE_UP]
    assert _job(engine, company_id, job_id).reason.startswith(
        "El proceso que la ejecutaba se detuvo otra vez"
    )


# --- what people read -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("resumed_at", "times", "now", "note"),
    [
        (None, 0, "2026-11-21 20:00", ""),
        ("2026-11-21 15:42", 1, "2026-11-21 20:00",
         "Se reanudó sola a las 10:42 tras detenerse el proceso."),
        ("2026-11-21 15:42", 2, "2026-11-22 15:00",
         "Se reanudó sola el 21/11/2026 a las 10:42 tras detenerse el proceso (2 veces en total)."),
    ],
)  # fmt: skip
def test_the_note_says_in_bogota_time_when_it_resumed_alone(
    resumed_at: str | None, times: int, now: str, note: str
) -> None:
    def utc(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)

    assert resumed_note(utc(resumed_at) if resumed_at else None, times, utc(now)) == note
