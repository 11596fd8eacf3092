"""The DIAN sync over REST: upload, follow the progress, review, select, commit, undo.

CUADRE DEMO S.A.S. (the buyer and seller of the fixture documents) uploads its year;
the job reads in a background thread (or on Huey in immediate mode) and the client
follows it through `GET /api/v1/sync/jobs/{id}` as the panel does.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from api.app import create_app
from cuadre.jobs import tasks_for
from cuadre.settings import Settings, get_settings
from ledger.db import admin_session, company_session, make_engine
from ledger.models import Company, SyncJob
from tests.api.conftest import settings_for, sync_company_user
from tests.fixtures.dian.containers import supplier_zip
from tests.tools.sync.docs import OURS, spec
from tests.tools.sync.test_job import year_files
from tools.sync.generate import plan_year
from tools.sync.portal_standin import StandIn, run_standin
from tools.sync.recovery import recover_dead_jobs
from tools.sync.ubl_writer import GenParty

Headers = dict[str, str]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Engine, Headers]]:
    tmp = tmp_path_factory.mktemp("sync-api")
    settings = settings_for(tmp, dian_portal_allowed_hosts=("127.0.0.1",), jobs_mode="inline")
    engine = make_engine(settings.sqlalchemy_url)
    _, headers = sync_company_user(engine, "sync")
    yield settings, engine, headers
    engine.dispose()


@pytest.fixture(scope="module")
def client(demo: tuple[Settings, Engine, Headers]) -> TestClient:
    settings, engine, _ = demo
    return TestClient(create_app(settings, engine=engine))


def _upload(client: TestClient, headers: Headers, paths: list[Path], **form: str) -> Any:
    files = [("files", (path.name, path.read_bytes())) for path in paths]
    return client.post("/api/v1/sync/jobs", files=files, data=form, headers=headers)


def _wait(client: TestClient, headers: Headers, job_id: int, *states: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/v1/sync/jobs/{job_id}", headers=headers).json()
        if body["state"] in states or body["state"] == "failed":
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {states}")


def _staged(client: TestClient, headers: Headers, paths: list[Path]) -> int:
    """A job for these files, read and staged; its id."""
    job_id: int = _upload(client, headers, paths).json()["id"]
    assert _wait(client, headers, job_id, "staged")["state"] == "staged"
    return job_id


def test_upload_review_select_commit_and_undo(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    _settings, _engine, headers = demo
    started = _upload(client, headers, year_files(tmp_path), as_of="2024-12-31")
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["state"] in ("connecting", "downloading", "staged") and job["summary"] is None
    staged = _wait(client, headers, job["id"], "staged")
    assert staged["state"] == "staged" and staged["state_es"] == "lista para revisar"
    assert staged["percent"] == 100 and not staged["running"]
    counts = staged["counts"]
    assert counts["staged"] == sum(counts["by_status"].values()) >= 5
    assert counts["by_status"]["rejected_by_dian"] == 1
    assert counts["selected"] == counts["by_status"]["new"] and counts["committed"] == 0
    assert counts["unreadable"] == 0 and counts["unreadable_by_reason"] == []
    assert staged["summary"]["points"]
    url = f"/api/v1/sync/jobs/{job['id']}"

    page = client.get(f"{url}/review", params={"status": "new", "size": 2}, headers=headers)
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["total_rows"] == counts["by_status"]["new"] and len(body["rows"]) == 2
    second = client.get(
        f"{url}/review", params={"status": "new", "size": 2, "page": 2}, headers=headers
    )
    assert {r["id"] for r in second.json()["rows"]}.isdisjoint({r["id"] for r in body["rows"]})
    sales = client.get(f"{url}/review", params={"direction": "issued"}, headers=headers).json()
    assert sales["rows"] and {r["direction"] for r in sales["rows"]} == {"issued"}
    found = client.get(f"{url}/review", params={"q": "FV2"}, headers=headers).json()
    assert [r["number"] for r in found["rows"]] == ["FV2"]
    bad = client.get(f"{url}/review", params={"status": "nuevo"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "datos_invalidos"

    fv2 = found["rows"][0]["id"]
    opened = client.get(f"{url}/documents/{fv2}", headers=headers).json()
    assert opened["row"]["number"] == "FV2" and opened["entry"]
    unmark = client.post(
        f"{url}/selection", json={"selected": False, "ids": [fv2]}, headers=headers
    )
    assert unmark.status_code == 200, unmark.text
    assert unmark.json()["changed"] == 1
    assert unmark.json()["selected"] == counts["selected"] - 1
    nothing = client.post(f"{url}/selection", json={"selected": True}, headers=headers)
    assert nothing.status_code == 400 and nothing.json()["error"]["code"] == "sin_seleccion"
    rejected = client.post(
        f"{url}/selection",
        json={"selected": True, "filter": {"status": "rejected_by_dian"}},
        headers=headers,
    )
    assert rejected.json()["changed"] == 0  # only new documents can be marked

    preview = client.get(f"{url}/commit-preview", headers=headers).json()
    assert preview["documents"] == counts["selected"] - 1
    assert preview["debit"] == preview["credit"]
    committed = client.post(f"{url}/commit", headers=headers)
    assert committed.status_code == 202, committed.text
    done = _wait(client, headers, job["id"], "done")
    assert done["state"] == "done", done["reason"]
    assert done["counts"]["committed"] == preview["documents"] and done["counts"]["pending"] == 0
    batch = done["batch_id"]
    assert batch and done["summary"]["documents"] == preview["documents"]
    late = client.post(f"{url}/selection", json={"selected": True, "ids": [fv2]}, headers=headers)
    assert late.status_code == 409 and late.json()["error"]["code"] == "trabajo_no_editable"
    again = client.post(f"{url}/commit", headers=headers)
    assert again.status_code == 202 and again.json()["state"] == "done"

    shown = client.get(f"/api/v1/sync/batches/{batch}/preview", headers=headers)
    assert shown.status_code == 200 and "Reversaré" in shown.json()["summary"]
    undone = client.post(
        f"/api/v1/sync/batches/{batch}/undo", json={"on": "2025-01-02"}, headers=headers
    )
    assert undone.status_code == 200, undone.text
    assert undone.json()["documents"] == preview["documents"] and undone.json()["entries"] > 0
    twice = client.post(f"/api/v1/sync/batches/{batch}/undo", headers=headers)
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "lote_ya_deshecho"
    missing = client.post("/api/v1/sync/batches/L-9999/undo", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_encontrado"
    listed = client.get("/api/v1/sync/jobs", headers=headers).json()["jobs"]
    assert listed[0]["id"] == job["id"] and listed[0]["undone"] is True


def test_bad_uploads_and_links_get_spanish_errors(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    _settings, _engine, headers = demo
    text = tmp_path / "notas.txt"
    text.write_text("hola")
    refused = _upload(client, headers, [text])
    assert refused.status_code == 400 and "XML, ZIP o XLSX" in refused.json()["error"]["message"]
    kinds = _upload(client, headers, year_files(tmp_path)[:1], kinds="ventas")
    assert kinds.status_code == 400 and kinds.json()["error"]["code"] == "tipo_desconocido"
    foreign = client.post(
        "/api/v1/sync/jobs/portal",
        json={
            "link": "https://evil.example/User/AuthToken?token=x",
            "start": "2024-01-01",
            "end": "2024-01-31",
        },
        headers=headers,
    )
    assert foreign.status_code == 400 and foreign.json()["error"]["code"] == "enlace_no_dian"
    upside = client.post(
        "/api/v1/sync/jobs/portal",
        json={
            "link": "http://127.0.0.1:9/User/AuthToken?token=x",
            "start": "2024-02-01",
            "end": "2024-01-01",
        },
        headers=headers,
    )
    assert upside.status_code == 400 and upside.json()["error"]["code"] == "periodo_invalido"
    unknown = client.post(
        "/api/v1/sync/jobs/from-upload", json={"upload_id": "0" * 24}, headers=headers
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "no_encontrado"


def test_a_sync_from_the_portal_link_stages_the_period(
    client: TestClient, demo: tuple[Settings, Engine, Headers]
) -> None:
    _settings, _engine, headers = demo
    company = GenParty(OURS.nit, OURS.dv, OURS.name)
    state = StandIn(company, plan_year(company, 2023, 40))
    with run_standin(state) as base_url:
        started = client.post(
            "/api/v1/sync/jobs/portal",
            json={"link": state.new_link(base_url), "start": "2023-01-01", "end": "2023-03-31"},
            headers=headers,
        )
        assert started.status_code == 202, started.text
        staged = _wait(client, headers, started.json()["id"], "staged")
    assert staged["state"] == "staged", staged["reason"]
    expected = sum(1 for d in state.documents if d.issue_date <= date(2023, 3, 31))
    assert staged["source"] == "portal" and staged["counts"]["staged"] == expected


def test_an_expired_link_fails_the_job_with_the_reason(
    client: TestClient, demo: tuple[Settings, Engine, Headers]
) -> None:
    _settings, _engine, headers = demo
    company = GenParty(OURS.nit, OURS.dv, OURS.name)
    state = StandIn(company, plan_year(company, 2023, 5))
    state.mode = "expired"
    with run_standin(state) as base_url:
        started = client.post(
            "/api/v1/sync/jobs/portal",
            json={"link": state.new_link(base_url), "start": "2023-01-01", "end": "2023-01-31"},
            headers=headers,
        )
        failed = _wait(client, headers, started.json()["id"], "staged")
    assert failed["state"] == "failed" and "Pide uno nuevo" in failed["reason"]


def test_queue_mode_runs_the_job_on_huey(
    demo: tuple[Settings, Engine, Headers], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, engine, headers = demo
    queued = settings.model_copy(update={"jobs_mode": "queue", "data_dir": tmp_path / "q"})
    huey = tasks_for(queued).huey
    huey.immediate = True  # the task runs at enqueue time, through Huey's own machinery
    # The worker's settings come from its environment: its own data directory.
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "worker"))
    get_settings.cache_clear()
    try:
        client = TestClient(create_app(queued, engine=engine))
        started = _upload(client, headers, year_files(tmp_path)[:2])
        assert started.status_code == 202
        assert (
            client.get(f"/api/v1/sync/jobs/{started.json()['id']}", headers=headers).json()["state"]
            == "staged"
        )
        assert list((tmp_path / "worker" / "cache" / "uploads").rglob("*.zip"))
    finally:
        huey.immediate = False
        get_settings.cache_clear()


def test_a_job_whose_process_died_is_resumed(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    _settings, engine, headers = demo
    job_id = _staged(client, headers, year_files(tmp_path)[:2])
    url = f"/api/v1/sync/jobs/{job_id}/resume"
    idle = client.post(url, headers=headers)
    assert idle.status_code == 409 and idle.json()["error"]["code"] == "trabajo_no_detenido"
    three_minutes_ago = datetime.now(UTC) - timedelta(minutes=3)
    _leave(  # as a worker left it when it died
        engine,
        job_id,
        state="downloading",
        progress=40,
        updated_at=three_minutes_ago,
        heartbeat_at=three_minutes_ago,
    )
    recent = client.post(url, headers=headers)
    assert recent.status_code == 409  # three minutes of silence: its runner may be alive
    eleven_minutes_ago = datetime.now(UTC) - timedelta(minutes=11)
    _leave(engine, job_id, updated_at=eleven_minutes_ago)
    alive = client.post(url, headers=headers)
    assert alive.status_code == 409  # old steps, but its reader stamped a heartbeat lately
    _leave(engine, job_id, heartbeat_at=eleven_minutes_ago)
    resumed = client.post(url, headers=headers)
    assert resumed.status_code == 202, resumed.text
    twice = client.post(url, headers=headers)  # the first claim stamped it: one runner
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "trabajo_no_detenido"
    again = _wait(client, headers, job_id, "staged")
    assert again["state"] == "staged" and again["counts"]["staged"] == 2
    assert (again["auto_resumes"], again["resumed_es"]) == (0, "")  # a person resumed it


def test_a_job_the_worker_resumed_alone_says_so(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    settings, engine, headers = demo
    job_id = _staged(client, headers, year_files(tmp_path)[:2])
    long_ago = datetime.now(UTC) - timedelta(minutes=11)
    _leave(engine, job_id, state="downloading", updated_at=long_ago, heartbeat_at=long_ago)

    found = recover_dead_jobs(engine, settings)  # what the worker's periodic task runs

    assert [(r.job_id, r.state) for r in found] == [(job_id, "staged")]
    body = client.get(f"/api/v1/sync/jobs/{job_id}", headers=headers).json()
    assert body["state"] == "staged" and body["auto_resumes"] == 1
    assert body["resumed_es"].startswith("Se reanudó sola a las ")
    assert body["resumed_es"].endswith(" tras detenerse el proceso.")


def _leave(engine: Engine, job_id: int, **fields: object) -> None:
    """Writes the job's row as its worker left it: a state, a step, a last sign of life."""
    with company_session(engine, _company_of(engine)) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None
        for name, value in fields.items():
            setattr(job, name, value)
        session.add(job)
        session.commit()


def _company_of(engine: Engine) -> int:
    with admin_session(engine) as session:
        company = session.exec(select(Company).where(Company.nit == OURS.nit)).one()
        assert company.id is not None
        return company.id


def test_confirming_a_dead_commit_claims_it_and_a_live_one_keeps_its_runner(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    _settings, engine, headers = demo
    files = [supplier_zip(tmp_path / f"c{i}.zip", spec(number=f"FE77{i}")) for i in range(2)]
    job_id = _staged(client, headers, files)
    url = f"/api/v1/sync/jobs/{job_id}"
    now = datetime.now(UTC)
    _leave(  # its writer is alive
        engine, job_id, state="committing", batch_id="L-0777", updated_at=now, heartbeat_at=now
    )
    live = client.post(f"{url}/commit", headers=headers)
    assert live.status_code == 202
    time.sleep(0.5)
    assert client.get(url, headers=headers).json()["counts"]["committed"] == 0  # no 2nd runner
    died = now - timedelta(minutes=11)
    _leave(engine, job_id, updated_at=died, heartbeat_at=died)  # its writer died
    dead = client.post(f"{url}/commit", headers=headers)
    assert dead.status_code == 202
    done = _wait(client, headers, job_id, "done")
    assert done["state"] == "done" and done["counts"]["committed"] == 2


def test_progress_gives_the_spanish_reasons_of_unreadable_files(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    _settings, _engine, headers = demo
    broken = tmp_path / "roto.xml"
    broken.write_bytes(b"<Invoice><cbc:ID>sin cerrar")
    good = year_files(tmp_path)[0]
    started = _upload(client, headers, [good, broken], as_of="2024-12-31")
    assert started.status_code == 202, started.text
    staged = _wait(client, headers, started.json()["id"], "staged")
    assert staged["state"] == "staged", staged["reason"]
    counts = staged["counts"]
    (reason,) = counts["unreadable_reasons"]
    assert counts["unreadable"] == 1
    # Named as the person sent it, never by the server's cache folder.
    assert reason.startswith("roto.xml: ") and "cache" not in reason
    assert "no es XML válido" in reason


def test_progress_groups_the_unreadable_files_by_reason_with_their_names(
    client: TestClient, demo: tuple[Settings, Engine, Headers], tmp_path: Path
) -> None:
    """Two broken XML (each with its own parser detail) and a non-DIAN XML: two reasons."""
    _settings, _engine, headers = demo
    (tmp_path / "roto1.xml").write_bytes(b"<Invoice><cbc:ID>sin cerrar")
    (tmp_path / "roto2.xml").write_bytes(b"esto no es XML")
    (tmp_path / "nota.xml").write_bytes(b"<nota>hola</nota>")
    broken = [tmp_path / name for name in ("roto1.xml", "roto2.xml", "nota.xml")]
    started = _upload(client, headers, [year_files(tmp_path)[0], *broken], as_of="2024-12-31")
    assert started.status_code == 202, started.text
    staged = _wait(client, headers, started.json()["id"], "staged")
    assert staged["state"] == "staged", staged["reason"]
    counts = staged["counts"]
    assert counts["unreadable"] == 3 and len(counts["unreadable_reasons"]) == 3
    not_xml, not_dian = counts["unreadable_by_reason"]
    assert not_xml["reason"] == "El archivo no es XML válido."
    assert not_xml["count"] == 2 and sorted(not_xml["files"]) == ["roto1.xml", "roto2.xml"]
    assert not_dian == {
        "reason": "El XML es un «nota», no una factura, nota crédito ni nota débito de la DIAN.",
        "count": 1,
        "files": ["nota.xml"],
    }
    listed = client.get("/api/v1/sync/jobs", params={"limit": 1}, headers=headers).json()
    assert listed["jobs"][0]["counts"]["unreadable_by_reason"] == counts["unreadable_by_reason"]
