"""The daily retention pass on Huey: 03:30 in Bogotá, every company, deleting for real."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from huey import MemoryHuey
from sqlalchemy import update
from sqlmodel import col, select

from cuadre.jobs import register_tasks
from cuadre.settings import Settings, get_settings
from cuadre.uploads import prune_uploads
from ledger.db import company_session, init_db, make_engine
from ledger.models import StoredFile
from tests.utils.companies import new_company
from tools.files import save_upload


def test_the_daily_task_deletes_what_the_policy_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data", uploads_retention_days=10)
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    company_id = new_company(engine, "FERRETERÍA DIARIA SAS")
    save_upload(engine, company_id, [("viejo.xml", b"<v/>")])
    with company_session(engine, company_id) as session:
        session.execute(
            update(StoredFile).values(created_at=datetime.now(UTC) - timedelta(days=11))
        )
        session.commit()
    save_upload(engine, company_id, [("nuevo.xml", b"<n/>")])

    preview = prune_uploads(settings, engine, apply=False)
    assert preview.summary()["cargas"] == 1 and not preview.applied

    task = register_tasks(MemoryHuey("uploads-tests", immediate=True)).prune_uploads
    schedule = task.s()
    assert schedule.validate_datetime(datetime(2026, 11, 21, 8, 30))  # 03:30 in Bogotá
    assert not schedule.validate_datetime(datetime(2026, 11, 21, 9, 30))
    monkeypatch.setenv("CUADRE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("CUADRE_UPLOADS_RETENTION_DAYS", "10")
    monkeypatch.delenv("CUADRE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        figures = task.call_local()
    finally:
        get_settings.cache_clear()
    assert figures["aplicado"] is True and figures["cargas"] == 1 and figures["archivos"] == 1
    with company_session(engine, company_id) as session:
        assert session.exec(select(StoredFile.name).order_by(col(StoredFile.id))).all() == [
            "nuevo.xml"
        ]
    engine.dispose()
