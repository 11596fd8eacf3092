"""The caller's company (there is no route to any other)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel
from sqlmodel import select

from api.deps import SessionDep
from api.errors import not_found
from ledger.models import Company

router = APIRouter(prefix="/companies", tags=["companies"])


class CompanyOut(BaseModel):
    id: int
    nit: str
    name: str
    ciiu_codes: list[str]
    vat_responsible: bool
    books_closed_through: date | None


@router.get("/me", response_model=CompanyOut)
def my_company(session: SessionDep) -> CompanyOut:
    """The company the caller works in."""
    company = session.exec(select(Company)).first()  # the scoped session sees only this one
    if company is None or company.id is None:
        raise not_found("La empresa")
    return CompanyOut(
        id=company.id,
        nit=company.nit_with_dv,
        name=company.name,
        ciiu_codes=list(company.ciiu_list),
        vat_responsible=company.vat_responsible,
        books_closed_through=company.books_closed_through,
    )
