"""A throwaway PostgreSQL database per test run, so parallel runs never share tables."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

PG_SERVER_URL = os.environ.get(
    "CUADRE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def throwaway_database(prefix: str) -> Iterator[str]:
    """Create `<prefix>_<random>` on the server, yield its URL, drop it afterwards.

    Skips the test, saying why, only when no server answers.
    """
    server = create_engine(PG_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # no server answering: skip, saying why
        server.dispose()
        pytest.skip(f"PostgreSQL no responde en {PG_SERVER_URL}: {exc.__class__.__name__}")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
