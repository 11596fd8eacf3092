"""The reception inbox over REST: list, detail with suggestions, upload, register.

Reads come from `tools.inbox.listing`; registering runs the `register_purchase` tool
(the one the chat and the CLI use), with its preview first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field

from api.deps import RowId, SessionDep, ToolCtx
from api.lookups import tool_lookup
from api.uploads import store_files
from tools.files import local_paths
from tools.inbox.intake import receive_files
from tools.inbox.listing import InboxDetail, InboxPage, entry_detail, list_entries
from tools.inbox.tool import RegisterInput, RegisterOutput
from tools.registry import Preview, preview_tool, run_tool

router = APIRouter(prefix="/inbox", tags=["inbox"])
InboxStatus = Literal["", "pending", "registered", "needs_review", "rejected", "ignored"]
AccountCode = Annotated[str, Field(min_length=4, max_length=10, pattern=r"^\d+$")]


class IntakeOut(BaseModel):
    added: list[int]
    duplicates: int
    rejected: int
    ignored: int
    failures: list[str]


class AccountsIn(BaseModel):
    accounts: dict[Annotated[int, Field(ge=1, le=10_000)], AccountCode] = Field(
        default={}, description='Cuenta elegida por número de línea, p. ej. {"2": "513505"}.'
    )


@router.get("", response_model=InboxPage)
def inbox(
    session: SessionDep,
    status: InboxStatus = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> InboxPage:
    """Received documents, newest first, optionally of one status."""
    return list_entries(session, status=status, page=page, size=size)


@router.post("/upload", response_model=IntakeOut, status_code=201)
def upload(
    ctx: ToolCtx,
    session: SessionDep,
    files: Annotated[list[UploadFile], File(description="XML o ZIP de facturas de compra.")],
) -> IntakeOut:
    """Put purchase invoices in the inbox (once per CUFE); nothing is registered yet."""
    _upload_id, refs = store_files(
        ctx.settings, ctx.engine, ctx.company_id, files, (".xml", ".zip")
    )
    paths = local_paths(ctx.engine, ctx.settings, ctx.company_id, refs)
    report = receive_files(session, paths, source="upload", now=datetime.now(UTC))
    folder = f"{Path(paths[0]).parent}/"
    return IntakeOut(
        added=report.added,
        duplicates=report.duplicates,
        rejected=report.rejected,
        ignored=report.ignored,
        # Name the file as the person sent it, never the server's folder.
        failures=[f.replace(folder, "") for f in report.failures],
    )


@router.get("/{inbox_id}", response_model=InboxDetail)
def detail(session: SessionDep, inbox_id: RowId) -> InboxDetail:
    """One entry with the account suggested (or posted) for each line."""
    with tool_lookup():
        return entry_detail(session, inbox_id)


@router.post("/{inbox_id}/preview", response_model=Preview)
def preview(ctx: ToolCtx, inbox_id: RowId, body: AccountsIn | None = None) -> Preview:
    """What registering would post, line by line; writes nothing."""
    args = RegisterInput(entry_id=inbox_id, accounts=body.accounts if body else {})
    with tool_lookup():
        return preview_tool(ctx, "register_purchase", args)


@router.post("/{inbox_id}/register", response_model=RegisterOutput)
def register(ctx: ToolCtx, inbox_id: RowId, body: AccountsIn | None = None) -> RegisterOutput:
    """Register the purchase; a doubtful line without a chosen account sends it to review."""
    args = RegisterInput(entry_id=inbox_id, accounts=body.accounts if body else {})
    with tool_lookup():
        result = run_tool(ctx, "register_purchase", args)
    assert isinstance(result, RegisterOutput)
    return result
