"""The checkpointer and the thread lock on PostgreSQL, in a throwaway database."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from agent.locks import ThreadLocks
from agent.memory import open_checkpointer
from cuadre.settings import Settings
from tests.agent.conftest import ANA, make_agent
from tests.agent.toolbox import expense_count
from tests.utils.postgres import throwaway_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_settings(tmp_path: Path) -> Iterator[Settings]:
    for url in throwaway_database("cuadre_agent"):
        yield Settings(data_dir=tmp_path / "data", environment="test", database_url=url)


def test_consent_resume_list_and_delete_on_postgres(pg_settings: Settings, books: Engine) -> None:
    assert pg_settings.uses_postgres
    with open_checkpointer(pg_settings) as saver:
        agent = make_agent(pg_settings, books, saver)
        asked = agent.run_turn(ANA, "caja", "registra un gasto de 30.000 en cafetería")
        assert asked.pending_confirmation is not None
        agent.run_turn(ANA, "otra", "cuanto gaste en marzo")
    assert expense_count(books, 1) == 2
    with open_checkpointer(pg_settings) as saver:  # another process, same database
        fresh = make_agent(pg_settings, books, saver)
        assert fresh.pending(ANA, "caja") is not None
        done = fresh.run_turn(ANA, "caja", "de una")
        assert done.actions[-1]["status"] == "ok"
        assert fresh.list_threads(ANA) == ["1:7:cli:caja", "1:7:cli:otra"]
        fresh.delete_thread(ANA, "caja")
        assert fresh.list_threads(ANA) == ["1:7:cli:otra"]
        assert fresh.history(ANA, "caja") == []
    assert expense_count(books, 1) == 3


def test_advisory_lock_serializes_across_lock_owners(pg_settings: Settings) -> None:
    first, second = ThreadLocks(pg_settings), ThreadLocks(pg_settings)
    order: list[str] = []

    def later() -> None:
        with second.hold("1:7:cli:caja"):
            order.append("second")

    with first.hold("1:7:cli:caja"):
        waiter = threading.Thread(target=later)
        waiter.start()
        time.sleep(0.2)
        order.append("first done")
    waiter.join()
    assert order == ["first done", "second"]
