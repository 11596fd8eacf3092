"""Engines on the configured ledger database, for code that is not handed one.

Periodic tasks and `agent.run_turn` on its own open the settings' database themselves;
callers with an engine (the CLI, the API, the tests) pass theirs instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from cuadre.settings import Settings
from ledger.db import init_db, make_engine


def open_engine(settings: Settings) -> Engine:
    """The ledger's engine (WAL, foreign keys) on the settings' database."""
    return make_engine(settings.sqlalchemy_url)


@contextmanager
def task_engine(settings: Settings, *, migrate: bool = True) -> Iterator[Engine]:
    """An engine for one pass of a periodic task: the schema migrated first (a worker may
    start before anyone opened the database), disposed afterwards."""
    engine = open_engine(settings)
    try:
        if migrate:
            init_db(engine)
        yield engine
    finally:
        engine.dispose()
