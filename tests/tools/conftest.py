"""Tools run against a real ledger on SQLite in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from cuadre.settings import Settings
from ledger.db import init_db, make_engine
from tests.utils.companies import new_company
from tools.context import Principal, ToolContext


@pytest.fixture(scope="module")
def tool_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('tools') / 'ledger.db'}")
    init_db(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def ctx(tool_engine: Engine, tmp_path: Path) -> ToolContext:
    """A context for a fresh company, as the CLI or the agent would build it."""
    company_id = new_company(tool_engine, "FERRETERÍA DE PRUEBA SAS")
    return ToolContext(
        principal=Principal(company_id=company_id, user_name="ana@ferreteria.co"),
        engine=tool_engine,
        settings=Settings(data_dir=tmp_path),
    )
