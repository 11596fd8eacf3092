"""Alembic migrations produce exactly the schema the SQLModel metadata declares."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import ledger.models  # noqa: F401
from ledger.db import init_db, make_engine
from tests.ledger.conftest import BACKENDS, database_urls


@pytest.fixture(params=BACKENDS)
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database_urls(request.param, tmp_path)


def test_upgrade_head_matches_the_models(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    try:
        init_db(engine)
        init_db(engine)  # idempotent
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, SQLModel.metadata)
        assert diff == []
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set(SQLModel.metadata.tables)
    finally:
        engine.dispose()


def test_foreign_keys_restrict_and_never_cascade(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    try:
        init_db(engine)
        inspector = inspect(engine)
        for table in SQLModel.metadata.tables:
            for fk in inspector.get_foreign_keys(table):
                ondelete = (fk.get("options") or {}).get("ondelete", "")
                assert ondelete.upper() == "RESTRICT", (table, fk)
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(fresh_url: str) -> None:
    from alembic import command

    from ledger.db import alembic_config

    engine = make_engine(fresh_url)
    try:
        init_db(engine)
        command.downgrade(alembic_config(engine), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        init_db(engine)
        assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
