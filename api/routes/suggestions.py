"""Suggestions: item and PUC account for a purchase line."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ToolCtx
from tools.registry import run_tool
from tools.suggest.tool import SuggestAccountsInput, SuggestAccountsOutput

router = APIRouter(prefix="/suggestions", tags=["suggestions"])


@router.post("", response_model=SuggestAccountsOutput)
def suggest(ctx: ToolCtx, body: SuggestAccountsInput) -> SuggestAccountsOutput:
    """Item and account suggestions for one purchase line, best first, with reasons."""
    result = run_tool(ctx, "suggest_accounts", body)
    assert isinstance(result, SuggestAccountsOutput)
    return result
