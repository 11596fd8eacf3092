"""The fiscal reconciler over REST: from an upload, from a sync job, from the record;
the workbook download; one missing document registered once."""

from __future__ import annotations

import io
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from cuadre.settings import Settings
from tests.api.test_sync_jobs import Headers, _wait, client, demo  # noqa: F401 (fixtures)
from tests.tools.sync.test_job import year_files

PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}


def test_reconcile_register_one_and_download(
    client: TestClient,  # noqa: F811
    demo: tuple[Settings, Engine, Headers],  # noqa: F811
    tmp_path: Path,
) -> None:
    _settings, _engine, headers = demo
    url = "/api/v1/reconciliation"
    empty = client.get(url, params=PERIOD, headers=headers)
    assert empty.status_code == 200, empty.text
    assert empty.json()["rows"] == [] and empty.json()["labels"]["matched"] == "Cuadran"

    files = [("files", (p.name, p.read_bytes())) for p in year_files(tmp_path)]
    upload = client.post("/api/v1/imports", files=files, headers=headers).json()["upload_id"]
    from_files = client.get(url, params={**PERIOD, "upload_id": upload}, headers=headers).json()
    by_number = {row["number"]: row["category"] for row in from_files["rows"]}
    assert by_number["FV2"] == "only_in_dian" and by_number["FE1003"] == "matched"
    assert from_files["counts"]["only_in_dian"] == 6  # FE1001 comes twice in the files

    started = client.post(
        "/api/v1/sync/jobs/from-upload", json={"upload_id": upload}, headers=headers
    )
    assert started.status_code == 202, started.text
    job_id = started.json()["id"]
    assert _wait(client, headers, job_id, "staged")["state"] == "staged"
    from_job = client.get(url, params={**PERIOD, "job_id": job_id}, headers=headers).json()
    assert from_job["counts"]["only_in_dian"] == 5  # once per key on record
    assert {r["number"]: r["category"] for r in from_job["rows"]} == by_number

    body = {"number": "FV2", "start": "2024-01-01", "end": "2024-12-31"}
    shown = client.post(f"{url}/register/preview", json=body, headers=headers)
    assert shown.status_code == 200, shown.text
    preview = shown.json()
    assert preview["summary"].startswith("Registraré la venta FV2")
    assert preview["totals"]["debit"] == preview["totals"]["credit"]
    assert {line["account"][:4] for line in preview["lines"]} >= {"1305", "4135"}
    assert "sync-dian#ventas" in {point["help"] for point in preview["details"]["points"]}
    still = client.get(url, params=PERIOD, headers=headers).json()["counts"]["only_in_dian"]
    assert still == 5  # the preview wrote nothing
    added = client.post(f"{url}/register", json=body, headers=headers)
    assert added.status_code == 201, added.text
    assert added.json()["number"] == "FV2" and added.json()["document_id"]
    twice = client.post(f"{url}/register", json=body, headers=headers)
    assert twice.status_code == 400 and twice.json()["error"]["code"] == "no_falta"
    nowhere = client.post(f"{url}/register", json={**body, "number": "NO-EXISTE"}, headers=headers)
    assert nowhere.status_code == 404 and "NO-EXISTE" in nowhere.json()["error"]["message"]
    recorded = client.get(url, params=PERIOD, headers=headers).json()
    assert {r["number"]: r["category"] for r in recorded["rows"]}["FV2"] == "matched"
    assert recorded["counts"]["only_in_dian"] == 4

    sheet = client.get(f"{url}.xlsx", params=PERIOD, headers=headers)
    assert sheet.status_code == 200
    assert sheet.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "conciliacion_20240101_20241231.xlsx" in sheet.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(sheet.content))
    assert workbook["Detalle"].max_row == 1 + len(recorded["rows"])

    upside = client.get(url, params={"from": "2024-12-31", "to": "2024-01-01"}, headers=headers)
    assert upside.status_code == 400 and upside.json()["error"]["code"] == "periodo_invalido"
    foreign = client.get(url, params={**PERIOD, "job_id": 999999}, headers=headers)
    assert foreign.status_code == 404 and foreign.json()["error"]["code"] == "no_encontrado"
