"""A company whose DIAN year is a listing plus supplier and customer ZIPs, on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger.companies import create_company
from ledger.db import admin_session
from tests.tools.sync.docs import OURS
from tools.context import Principal, ToolContext


@pytest.fixture
def company_id(engine: Engine) -> int:
    """CUADRE DEMO S.A.S. (830048145-8), the buyer and seller of the fixture documents."""
    with admin_session(engine) as session:
        company = create_company(session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
        assert company.id is not None
        return company.id


@pytest.fixture
def sync_ctx(engine: Engine, company_id: int, tmp_path: Path) -> ToolContext:
    """A tool context for the fixture company (CUADRE DEMO S.A.S.)."""
    from cuadre.settings import Settings

    return ToolContext(
        principal=Principal(company_id=company_id, user_name="ana@cuadre.co"),
        engine=engine,
        settings=Settings(data_dir=tmp_path / "data"),
    )
