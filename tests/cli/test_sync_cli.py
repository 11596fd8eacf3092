"""`cuadre sync ...` and `cuadre reconcile` end to end on a temporary data directory."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from cuadre.cli.main import app
from cuadre.settings import get_settings
from ledger.db import admin_session, make_engine
from ledger.models import SyncJob
from tests.cli.runner import ok, runner
from tests.tools.sync.docs import OURS
from tests.tools.sync.test_job import year_files

pytestmark = pytest.mark.usefixtures("data_dir")


def test_start_review_commit_status_undo_and_reconcile(tmp_path: Path) -> None:
    ok("companies", "create", "--nit", f"{OURS.nit}-{OURS.dv}", "--name", OURS.name)
    files = [arg for path in year_files(tmp_path) for arg in ("--file", str(path))]
    started = ok("sync", "start", *files, "--as-of", "2024-12-31")
    assert "lista para revisar" in started and "sync-dian#compras" in started
    listed = json.loads(ok("sync", "review", "1", "--kind", "ventas", "--json"))
    assert [row["number"] for row in listed["rows"]] == ["FV1", "FV2"]
    found = json.loads(ok("sync", "review", "1", "--contacts", "--json"))
    assert {c["nit"] for c in found} == {"900390126", "900123456"}
    committed = ok("sync", "commit", "1", "--exclude", "kind=ventas", "--yes")
    assert "débitos" in committed and "terminada" in committed and "L-0001" in committed
    report = tmp_path / "conciliacion.xlsx"
    reconciled = ok(
        "reconcile", *files, "--from", "2024-01-01", "--to", "2024-12-31", "--xlsx", str(report)
    )
    assert "En la DIAN, no en los libros: 2" in reconciled and report.exists()
    assert "Registré FV2" in ok(
        "reconcile", *files, "--from", "2024-01-01", "--to", "2024-12-31", "--register", "FV2"
    )
    assert "deshecho" in ok("sync", "undo", "L-0001", "--on", "2025-01-02")
    refused = runner.invoke(app, ["sync", "start", "--token-link", "https://evil.example/x?token=1",
                                  "--from", "2024-01-01", "--to", "2024-01-31"])  # fmt: skip
    assert refused.exit_code == 1 and "portal de la DIAN" in refused.output


def test_status_says_when_the_worker_resumed_the_sync_alone(tmp_path: Path) -> None:
    ok("companies", "create", "--nit", f"{OURS.nit}-{OURS.dv}", "--name", OURS.name)
    files = [arg for path in year_files(tmp_path) for arg in ("--file", str(path))]
    ok("sync", "start", *files, "--as-of", "2024-12-31")
    engine = make_engine(get_settings().sqlalchemy_url)
    with admin_session(engine) as session:  # what the worker's claim leaves on the job
        session.execute(update(SyncJob).values(auto_resumes=1, auto_resumed_at=datetime.now(UTC)))
        session.commit()
    engine.dispose()
    assert "Se reanudó sola a las " in ok("sync", "status", "1")
