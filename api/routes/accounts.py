"""Chart of accounts: search the leaf (postable) accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlmodel import select

from api.deps import SessionDep, ToolCtx
from api.errors import not_found
from ledger.models import Account
from tools.ledger_tools import AccountOut, ListAccountsInput, ListAccountsOutput
from tools.registry import run_tool

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.get("", response_model=ListAccountsOutput)
def search_accounts(
    ctx: ToolCtx,
    search: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=600)] = 50,
) -> ListAccountsOutput:
    """Leaf accounts whose code or name matches `search`."""
    args = ListAccountsInput(search=search, only_leaf=True, limit=limit)
    result = run_tool(ctx, "list_accounts", args)
    assert isinstance(result, ListAccountsOutput)
    return result


@router.get("/{code}", response_model=AccountOut)
def get_account(
    session: SessionDep, code: Annotated[str, Path(max_length=12, pattern=r"^\d{1,12}$")]
) -> AccountOut:
    """One account of the company by PUC code."""
    account = session.exec(select(Account).where(Account.code == code)).first()
    if account is None:
        raise not_found("La cuenta")
    return AccountOut(
        code=account.code,
        name=account.name,
        nature=account.nature,
        level=account.level,
        is_leaf=account.is_leaf,
        active=account.active,
    )
