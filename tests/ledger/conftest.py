"""The ledger suite runs on SQLite and on PostgreSQL (a throwaway database per run)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from ledger.db import init_db, make_engine

PG_SERVER_URL = os.environ.get(
    "CUADRE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_database() -> Iterator[str]:
    """Create `cuadre_ledger_<random>` on the server, yield its URL, drop it afterwards."""
    server = create_engine(PG_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # no server answering: skip, saying why
        server.dispose()
        pytest.skip(f"PostgreSQL no responde en {PG_SERVER_URL}: {exc.__class__.__name__}")
    name = f"cuadre_ledger_{uuid.uuid4().hex[:10]}"
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def database_urls(backend: str, tmp: Path) -> Iterator[str]:
    """A fresh, empty database URL for `backend` ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'ledger.db'}"
    else:
        yield from _postgres_database()


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
