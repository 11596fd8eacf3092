"""Journal entries: list, detail, and manual posting through preview and confirmation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import RowId, SessionDep, ToolCtx
from api.errors import not_found
from ledger.models import JournalEntry
from ledger.reports import JournalEntryRow, journal
from tools.ledger_tools import ManualEntryInput, PostedEntryOutput
from tools.registry import Preview, preview_tool, run_tool

router = APIRouter(prefix="/journal-entries", tags=["journal entries"])


class EntryPage(BaseModel):
    entries: list[JournalEntryRow]
    total: int


@router.get("", response_model=EntryPage)
def list_entries(
    session: SessionDep,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> EntryPage:
    """Entries between two dates (inclusive), by date and number."""
    rows = journal(session, start=start, end=end)
    return EntryPage(entries=list(rows[offset : offset + limit]), total=len(rows))


@router.get("/{entry_id}", response_model=JournalEntryRow)
def get_entry(session: SessionDep, entry_id: RowId) -> JournalEntryRow:
    """One entry with its lines."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None:
        raise not_found("El asiento")
    for row in journal(session, start=entry.date, end=entry.date):
        if row.entry_id == entry_id:
            return row
    raise not_found("El asiento")


@router.post("/preview", response_model=Preview)
def preview_entry(ctx: ToolCtx, body: ManualEntryInput) -> Preview:
    """What a manual entry would post (balanced lines, totals); writes nothing."""
    return preview_tool(ctx, "post_manual_entry", body)


@router.post("", response_model=PostedEntryOutput, status_code=201)
def post_entry(ctx: ToolCtx, body: ManualEntryInput) -> PostedEntryOutput:
    """Post a manual entry (the caller has seen and accepted its preview)."""
    result = run_tool(ctx, "post_manual_entry", body)
    assert isinstance(result, PostedEntryOutput)
    return result
