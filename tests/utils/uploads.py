"""Uploads for tests: stored through `tools.files`, then made as old as a test needs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, update
from sqlmodel import col

from ledger.db import company_session
from ledger.models import StoredFile
from tools.files import parse_ref, save_upload


def backdated_upload(
    engine: Engine, company_id: int, name: str, data: bytes, *, arrived: datetime
) -> str:
    """A one-file upload whose arrival (`created_at`) is moved back to `arrived`; its
    reference."""
    (ref,) = save_upload(engine, company_id, [(name, data)])
    parsed = parse_ref(ref)
    assert parsed is not None
    with company_session(engine, company_id) as session:
        session.execute(
            update(StoredFile)
            .where(col(StoredFile.upload_id) == parsed.upload_id)
            .values(created_at=arrived)
        )
        session.commit()
    return ref
