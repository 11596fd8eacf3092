"""Fixtures for every test folder: a fresh, migrated ledger on SQLite.

A closer `engine` fixture (a test module's or a folder's conftest) overrides this one:
the ledger tests run on SQLite and PostgreSQL, invoicing shares one ledger per module.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger.db import init_db, make_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty ledger in this test's temporary directory, disposed of afterwards."""
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    init_db(engine)
    yield engine
    engine.dispose()
