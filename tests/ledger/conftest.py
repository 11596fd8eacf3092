"""The ledger suite runs on SQLite and on PostgreSQL (a throwaway database per run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger.db import init_db, make_engine
from tests.utils.postgres import throwaway_database


def database_urls(backend: str, tmp: Path) -> Iterator[str]:
    """A fresh, empty database URL for `backend` ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'ledger.db'}"
    else:
        yield from throwaway_database("cuadre_ledger")


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty database per backend, shared by the session (tests use fresh companies)."""
    yield from database_urls(request.param, tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="session")
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on `db_url` with the schema migrated to head."""
    engine = make_engine(db_url)
    init_db(engine)
    yield engine
    engine.dispose()
