"""Which sync a person means without its number: the one in progress, else the latest;
two in progress at once is a question. The batch to undo: the latest not undone."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

import tools.catalog  # noqa: F401  (registers every tool)
from ledger.companies import create_company
from ledger.db import admin_session, company_session
from ledger.models import SyncJob
from tools.context import Principal, ToolContext
from tools.current import Current, current_value
from tools.registry import get_tool
from tools.sync.current import current_sync_batch, current_sync_job


def _jobs(engine: Engine, company_id: int, *jobs: tuple[str, str | None, bool]) -> list[int]:
    """(state, batch_id, undone) per job, oldest first; their ids."""
    ids = []
    with company_session(engine, company_id) as session:
        for state, batch, undone in jobs:
            job = SyncJob(
                company_id=company_id,
                state=state,
                sync_date=date(2025, 3, 31),
                batch_id=batch,
                undone=undone,
            )
            session.add(job)
            session.flush()
            assert job.id is not None
            ids.append(job.id)
        session.commit()
    return ids


def test_no_sync_yet_is_nothing_to_take(sync_ctx: ToolContext) -> None:
    assert current_sync_job(sync_ctx) == Current()
    assert current_sync_batch(sync_ctx) == Current()


def test_the_latest_sync_when_none_is_running(
    sync_ctx: ToolContext, engine: Engine, company_id: int
) -> None:
    first, latest = _jobs(engine, company_id, ("done", "L-0001", False), ("staged", None, False))
    found = current_sync_job(sync_ctx)
    assert found.values == (latest,) and found.clear
    assert found.said == f"Tomo la sincronización {latest}, la más reciente."
    assert first != latest


def test_the_one_running_wins_over_a_later_one(
    sync_ctx: ToolContext, engine: Engine, company_id: int
) -> None:
    running, _ = _jobs(engine, company_id, ("downloading", None, False), ("failed", None, False))
    found = current_sync_job(sync_ctx)
    assert found.values == (running,)
    assert "en curso" in found.said


def test_two_running_at_once_is_a_question(
    sync_ctx: ToolContext, engine: Engine, company_id: int
) -> None:
    ids = _jobs(
        engine,
        company_id,
        ("connecting", None, False),
        ("committing", "L-0001", False),
        ("staged", None, False),
    )
    found = current_sync_job(sync_ctx)
    assert found.values == (ids[0], ids[1]) and not found.clear
    assert f"la {ids[0]} y {ids[1]}" in found.said and "¿cuál?" in found.said


def test_the_batch_is_the_latest_registered_not_undone(
    sync_ctx: ToolContext, engine: Engine, company_id: int
) -> None:
    _jobs(
        engine,
        company_id,
        ("done", "L-0001", False),
        ("done", "L-0002", True),
        ("staged", None, False),
    )
    found = current_sync_batch(sync_ctx)
    assert found.values == ("L-0001",)
    assert found.said.startswith("Tomo el lote L-0001")


def test_another_companys_syncs_are_never_current(
    sync_ctx: ToolContext, engine: Engine, company_id: int
) -> None:
    with admin_session(engine) as session:
        other = create_company(session, nit="900123456-8", name="OTRA S.A.S.")
        assert other.id is not None
    _jobs(engine, other.id, ("done", "L-0009", False))
    assert current_sync_job(sync_ctx) == Current()
    assert current_sync_batch(sync_ctx) == Current()


@pytest.mark.parametrize(
    ("tool", "field"),
    [
        ("sync_status", "job_id"),
        ("sync_review", "job_id"),
        ("sync_commit", "job_id"),
        ("sync_undo", "batch_id"),
    ],
)
def test_the_sync_tools_declare_their_current_identifier(
    sync_ctx: ToolContext, engine: Engine, company_id: int, tool: str, field: str
) -> None:
    _jobs(engine, company_id, ("done", "L-0001", False))
    found = current_value(sync_ctx, get_tool(tool).input_model, field)
    assert found is not None and found.clear


def test_without_a_company_nothing_is_current(sync_ctx: ToolContext) -> None:
    nobody = ToolContext(
        principal=Principal(company_id=None), engine=sync_ctx.engine, settings=sync_ctx.settings
    )
    assert current_value(nobody, get_tool("sync_status").input_model, "job_id") is None
    assert current_value(sync_ctx, get_tool("trial_balance").input_model, "start") is None
