"""The sync tools as the agent calls them: previews write nothing, then the writes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

import tools.catalog  # noqa: F401  (registers every tool)
from ledger.models import Document, JournalEntry
from tests.tools.sync.test_job import year_files
from tools.context import ToolContext
from tools.registry import get_tool, preview_tool, run_tool
from tools.sync.summary import SyncSummary
from tools.sync.tool import StartOutput, StatusOutput, UndoOutput


def _count(ctx: ToolContext, model: type) -> int:
    with ctx.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_start_review_commit_and_undo_through_the_registry(
    sync_ctx: ToolContext, tmp_path: Path
) -> None:
    files = [str(p) for p in year_files(tmp_path)]
    preview = preview_tool(sync_ctx, "sync_start_from_files", {"files": files})
    assert "No se escribe nada" in preview.summary
    started = run_tool(sync_ctx, "sync_start_from_files", {"files": files})
    assert isinstance(started, StartOutput) and started.state == "staged"
    page = run_tool(
        sync_ctx, "sync_review", {"job_id": started.job_id, "filter": {"kind": "compras"}}
    )
    assert page.model_dump()["total_rows"] == 4

    before = _count(sync_ctx, JournalEntry)
    commit_preview = preview_tool(sync_ctx, "sync_commit", {"job_id": started.job_id})
    assert commit_preview.totals["debit"] == commit_preview.totals["credit"]
    assert "pagos automáticos" in commit_preview.summary
    assert {p["help"] for p in commit_preview.details["points"]} >= {
        "sync-dian#compras",
        "sync-dian#ventas",
    }
    assert _count(sync_ctx, JournalEntry) == before  # a preview writes nothing

    summary = run_tool(sync_ctx, "sync_commit", {"job_id": started.job_id})
    assert isinstance(summary, SyncSummary) and summary.documents == 5
    status = run_tool(sync_ctx, "sync_status", {"job_id": started.job_id})
    assert isinstance(status, StatusOutput) and status.state == "done" and status.batch_id
    assert "Reversaré" in preview_tool(sync_ctx, "sync_undo", {"batch_id": status.batch_id}).summary
    undone = run_tool(sync_ctx, "sync_undo", {"batch_id": status.batch_id})
    assert isinstance(undone, UndoOutput) and undone.documents == 5
    assert _count(sync_ctx, Document) == 5  # voided, never deleted


def test_the_sync_tools_are_declared_with_kinds_and_examples() -> None:
    names = ("sync_start_from_files", "sync_status", "sync_review", "sync_commit", "sync_undo")
    kinds = {name: get_tool(name).kind.value for name in (*names, "reconcile_dian")}
    assert kinds == {
        "sync_start_from_files": "write", "sync_status": "read", "sync_review": "read",
        "sync_commit": "write", "sync_undo": "write", "reconcile_dian": "read",
    }  # fmt: skip


def test_a_sync_started_in_a_conversation_is_dated_by_the_callers_calendar(
    sync_ctx: ToolContext, tmp_path: Path
) -> None:
    from dataclasses import replace
    from datetime import date

    from ledger.models import SyncJob

    early_in_2025 = replace(sync_ctx, today=lambda: date(2025, 2, 3))
    files = [str(p) for p in year_files(tmp_path)]
    started = run_tool(early_in_2025, "sync_start_from_files", {"files": files})
    with sync_ctx.session() as session:
        job = session.get(SyncJob, started.model_dump()["job_id"])
        assert job is not None and job.sync_date == date(2025, 2, 3)
