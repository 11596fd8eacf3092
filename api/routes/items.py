"""Items: the products and services the company buys and sells."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, func, select

from api.deps import CurrentPrincipal, RowId, SessionDep
from api.errors import ApiError, not_found
from ledger.models import Account, Item

router = APIRouter(prefix="/items", tags=["items"])

Code = Annotated[str | None, Field(default=None, pattern=r"^\d{4,12}$")]


class ItemCreate(BaseModel):
    code: str = Field(default="", max_length=50)
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["inventory", "non_inventory", "service"] = "non_inventory"
    income_account_code: Code = None
    expense_account_code: Code = None
    inventory_account_code: Code = None


class ItemOut(ItemCreate):
    model_config = ConfigDict(from_attributes=True)
    id: int
    kind: str  # type: ignore[assignment]
    active: bool


class ItemPage(BaseModel):
    items: list[ItemOut]
    total: int


@router.get("", response_model=ItemPage)
def list_items(
    session: SessionDep,
    search: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ItemPage:
    """Items whose name contains `search`, by name."""
    query = select(Item)
    if search.strip():
        query = query.where(col(Item.name).ilike(f"%{search.strip()}%"))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Item.name)).offset(offset).limit(limit)).all()
    return ItemPage(items=[ItemOut.model_validate(r) for r in rows], total=total)


@router.get("/{item_id}", response_model=ItemOut)
def get_item(session: SessionDep, item_id: RowId) -> ItemOut:
    """One item of the company."""
    item = session.get(Item, item_id)
    if item is None:
        raise not_found("El ítem")
    return ItemOut.model_validate(item)


@router.post("", response_model=ItemOut, status_code=201)
def create_item(session: SessionDep, principal: CurrentPrincipal, body: ItemCreate) -> ItemOut:
    """Create an item; its accounts must be leaf accounts of the company."""
    if session.exec(select(Item).where(Item.name == body.name)).first() is not None:
        raise ApiError(409, "item_existe", "Ya existe un ítem con ese nombre.")
    for code in (body.income_account_code, body.expense_account_code, body.inventory_account_code):
        if code is None:
            continue
        account = session.exec(select(Account).where(Account.code == code)).first()
        if account is None or not account.is_leaf:
            raise ApiError(400, "cuenta_no_valida", f"La cuenta {code} no existe o no es auxiliar.")
    assert principal.company_id is not None
    item = Item(company_id=principal.company_id, **body.model_dump())
    session.add(item)
    session.commit()
    session.refresh(item)
    return ItemOut.model_validate(item)
