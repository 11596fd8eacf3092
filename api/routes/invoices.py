"""E-invoicing over REST: drafts, issuing, status and timeline, resends and contingency.

Each route runs the same registered tool the chat and the CLI use, for the caller's
company; the preview routes write nothing.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import ToolCtx
from tools.invoicing.tool import DeadlinesOutput, DocumentStatusOutput, PendingOutput
from tools.invoicing.tool_write import (
    ContingencyInput,
    ContingencyOutput,
    DocumentInput,
    DocumentOutput,
    DraftsOutput,
    IssueInput,
    MessageOutput,
    ResendInput,
)
from tools.registry import Preview, preview_tool, run_tool

router = APIRouter(prefix="/invoices", tags=["invoices"])
T = TypeVar("T", bound=BaseModel)

Number = Annotated[str, Query(min_length=1, max_length=40, examples=["FE-12"])]


def _run(ctx: ToolCtx, name: str, args: BaseModel | dict[str, object], out: type[T]) -> T:
    result = run_tool(ctx, name, args)
    assert isinstance(result, out)
    return result


@router.get("/status", response_model=DocumentStatusOutput)
def document_status(ctx: ToolCtx, number: Number) -> DocumentStatusOutput:
    """Status and activity timeline of one document (`FE-12`, `fe12` or `borrador 5`)."""
    return _run(ctx, "document_status", {"number": number}, DocumentStatusOutput)


@router.get("/pending", response_model=PendingOutput)
def pending_transmissions(ctx: ToolCtx) -> PendingOutput:
    """Documents still waiting for the DIAN, with their attempts."""
    return _run(ctx, "pending_transmissions", {}, PendingOutput)


@router.get("/contingency/deadlines", response_model=DeadlinesOutput)
def contingency_deadlines(ctx: ToolCtx) -> DeadlinesOutput:
    """The 48-hour transmission deadline of each contingency invoice."""
    return _run(ctx, "contingency_deadlines", {}, DeadlinesOutput)


@router.post("/preview", response_model=Preview)
def preview_document(ctx: ToolCtx, body: DocumentInput) -> Preview:
    """What issuing this document would create (number, totals, sales entry); writes nothing."""
    return preview_tool(ctx, "issue_invoice", IssueInput(**body.model_dump()))


@router.post("/drafts", response_model=DocumentOutput, status_code=201)
def create_draft(ctx: ToolCtx, body: DocumentInput) -> DocumentOutput:
    """Save a draft ("borrador"): no number is consumed until it is issued."""
    return _run(ctx, "create_invoice_draft", body, DocumentOutput)


@router.post("/issue", response_model=DocumentOutput, status_code=201)
def issue(ctx: ToolCtx, body: IssueInput) -> DocumentOutput:
    """Issue a new document, or a saved draft (`draft`), and queue it for the DIAN."""
    return _run(ctx, "issue_invoice", body, DocumentOutput)


@router.post("/drafts/issue", response_model=DraftsOutput)
def issue_drafts(ctx: ToolCtx) -> DraftsOutput:
    """Issue every saved draft, each with the date of the day it is issued."""
    return _run(ctx, "issue_drafts", {}, DraftsOutput)


@router.post("/resend", response_model=MessageOutput)
def resend(ctx: ToolCtx, body: ResendInput) -> MessageOutput:
    """Send a document "en proceso" to the DIAN again now."""
    return _run(ctx, "resend_document", body, MessageOutput)


@router.post("/contingency", response_model=ContingencyOutput)
def set_contingency(ctx: ToolCtx, body: ContingencyInput) -> ContingencyOutput:
    """Switch contingency (type 04) on or off; refused while the DIAN is not confirmed down."""
    return _run(ctx, "set_contingency", body, ContingencyOutput)
