"""Uploads live in the database: machine A takes the files, machine B does the work.

Machine A (its own data directory) answers the uploads, then its disk is wiped; machine B
starts with an EMPTY data directory on the same database and runs the sync job on the
Huey task (stage), commits it through its own API, and answers a chat turn whose tool
reads the attached upload. Both on SQLite and on a throwaway PostgreSQL database.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import select

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.turn import Agent
from api.app import create_app
from cuadre.jobs import tasks_for
from cuadre.settings import Settings, get_settings
from ledger.db import company_session, make_engine
from ledger.models import Document, StoredFile, SyncJob
from tests.api.conftest import settings_for, sync_company_user
from tests.tools.sync.test_job import year_files
from tests.utils.postgres import throwaway_database

INVOICE = Path(__file__).parents[1] / "fixtures" / "dian" / "invoice_signed_dian_v2.xml"
Headers = dict[str, str]


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
    else:
        yield from throwaway_database("cuadre_uploads")


def machine(tmp_path: Path, name: str, url: str, **overrides: object) -> Settings:
    """One server's settings: its own data directory, the shared database."""
    return settings_for(tmp_path / name, database_url=url, redis_url=None, **overrides)


def seed(engine: Engine) -> tuple[int, Headers]:
    return sync_company_user(engine, "uploads")


def wait(client: TestClient, headers: Headers, job_id: int, state: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/v1/sync/jobs/{job_id}", headers=headers).json()
        if body["state"] in (state, "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {state}")


@pytest.fixture
def worker_b(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`get_settings()` as a worker process started with its own environment sees it."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_a_sync_uploaded_on_a_is_staged_and_committed_on_b(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker_b: None
) -> None:
    a = machine(tmp_path, "a", database_url, jobs_mode="queue")
    b = machine(tmp_path, "b", database_url, jobs_mode="inline")
    engine_a = make_engine(a.sqlalchemy_url)
    company_id, headers = seed(engine_a)
    (tmp_path / "src").mkdir()
    files = [("files", (p.name, p.read_bytes())) for p in year_files(tmp_path / "src")]
    with TestClient(create_app(a, engine=engine_a)) as client_a:
        started = client_a.post("/api/v1/sync/jobs", files=files, headers=headers)
    assert started.status_code == 202, started.text
    job_id = started.json()["id"]
    engine_a.dispose()
    shutil.rmtree(a.data_dir)  # machine A and its disk are gone

    with company_session(make_engine(b.sqlalchemy_url), company_id) as session:
        sources = session.exec(select(SyncJob.sources).where(SyncJob.id == job_id)).one()
        assert "upload:" in sources and str(tmp_path) not in sources
    assert not b.data_dir.exists()
    # The Huey worker on B: its own environment, its own (empty) data directory.
    monkeypatch.setenv("CUADRE_DATA_DIR", str(b.data_dir))
    monkeypatch.setenv("CUADRE_DATABASE_URL", database_url)
    assert tasks_for(b).advance_sync.call_local(job_id, company_id, database_url) == "staged"
    cached = sorted(p.name for p in (b.data_dir / "cache" / "uploads").rglob("*.zip"))
    assert "compra1.zip" in cached

    engine_b = make_engine(b.sqlalchemy_url)
    with TestClient(create_app(b, engine=engine_b)) as client_b:
        staged = wait(client_b, headers, job_id, "staged")
        assert staged["state"] == "staged", staged["reason"]
        selected = staged["counts"]["selected"]
        assert selected >= 4
        committed = client_b.post(f"/api/v1/sync/jobs/{job_id}/commit", headers=headers)
        assert committed.status_code == 202, committed.text
        done = wait(client_b, headers, job_id, "done")
    assert done["state"] == "done", done["reason"]
    assert done["counts"]["committed"] == selected
    with company_session(engine_b, company_id) as session:
        landed = session.exec(select(func.count()).select_from(Document)).one()
    assert landed >= selected
    engine_b.dispose()


def test_a_chat_attachment_uploaded_on_a_is_read_on_b(database_url: str, tmp_path: Path) -> None:
    a = machine(tmp_path, "a", database_url)
    b = machine(tmp_path, "b", database_url)
    engine_a = make_engine(a.sqlalchemy_url)
    company_id, headers = seed(engine_a)
    upload = ("factura.xml", INVOICE.read_bytes(), "text/xml")
    with TestClient(create_app(a, engine=engine_a)) as client_a:
        answer = client_a.post("/api/v1/imports", files={"files": upload}, headers=headers)
    assert answer.status_code == 201, answer.text
    upload_id = answer.json()["upload_id"]
    engine_a.dispose()
    shutil.rmtree(a.data_dir)

    engine_b = make_engine(b.sqlalchemy_url)
    with company_session(engine_b, company_id) as session:
        (stored,) = session.exec(select(StoredFile).where(StoredFile.upload_id == upload_id))
        assert stored.name == "factura.xml" and stored.size == len(upload[1])
    with open_checkpointer(b) as saver:
        agent = Agent(
            settings=b,
            engine=engine_b,
            checkpointer=saver,
            planner=EmbeddedPlanner(),
            tool_names=("inspect_dian_files",),
            search=None,
        )
        with TestClient(create_app(b, engine=engine_b, agent=agent)) as client_b:
            turn = client_b.post(
                "/api/v1/chat",
                json={
                    "message": "oye revisa esta factura q me llego porfa",
                    "upload_ids": [upload_id],
                },
                headers=headers,
            )
    assert turn.status_code == 200, turn.text
    assert turn.json()["actions"], turn.json()
    (action,) = turn.json()["actions"]
    assert action["tool"] == "inspect_dian_files" and action["status"] == "ok"
    assert action["args"]["paths"] == [f"upload:{upload_id}/factura.xml"]  # portable
    assert "SETP990000002" in turn.json()["reply"]
    cached = b.data_dir / "cache" / "uploads" / str(company_id) / upload_id / "factura.xml"
    assert cached.read_bytes() == INVOICE.read_bytes()
    engine_b.dispose()


def test_a_write_proposed_on_a_is_confirmed_on_b(database_url: str, tmp_path: Path) -> None:
    """The checkpointed tool arguments carry the upload reference, not A's paths."""
    a = machine(tmp_path, "a", database_url)
    b = machine(tmp_path, "b", database_url)
    # The checkpointer is a shared service: PostgreSQL, or one SQLite file both open.
    threads = machine(tmp_path, "threads", database_url)
    engine = make_engine(a.sqlalchemy_url)
    company_id, headers = seed(engine)
    (tmp_path / "src").mkdir()
    zips = year_files(tmp_path / "src")[:2]
    files = [("files", (p.name, p.read_bytes())) for p in zips]

    def agent(settings: Settings, saver: Any) -> Agent:
        return Agent(
            settings=settings,
            engine=engine,
            checkpointer=saver,
            planner=EmbeddedPlanner(),
            tool_names=("sync_start_from_files",),
            search=None,
        )

    with open_checkpointer(threads) as saver:
        with TestClient(create_app(a, engine=engine, agent=agent(a, saver))) as client_a:
            upload_id = client_a.post("/api/v1/imports", files=files, headers=headers).json()[
                "upload_id"
            ]
            asked = client_a.post(
                "/api/v1/chat",
                json={"message": "importa estos archivos de la dian", "upload_ids": [upload_id]},
                headers=headers,
            ).json()
        pending = asked["pending_confirmation"]
        assert pending, asked
        shutil.rmtree(a.data_dir)
        with TestClient(create_app(b, engine=engine, agent=agent(b, saver))) as client_b:
            body = {"thread_id": asked["thread_id"], "confirmation_id": pending["id"]}
            done = client_b.post(
                "/api/v1/chat/confirm", json={**body, "approve": True}, headers=headers
            ).json()
    assert "lista para revisar" in done["reply"], done
    with company_session(engine, company_id) as session:
        (job,) = session.exec(select(SyncJob)).all()
    assert job.state == "staged" and f"upload:{upload_id}/compra1.zip" in job.sources
    assert (b.data_dir / "cache" / "uploads" / str(company_id) / upload_id / "compra1.zip").exists()
    engine.dispose()
