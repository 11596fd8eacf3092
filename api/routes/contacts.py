"""Contacts (terceros): customers and suppliers of the company."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, func, or_, select

from api.deps import CurrentPrincipal, RowId, SessionDep
from api.errors import ApiError, not_found
from ledger.models import Contact

router = APIRouter(prefix="/contacts", tags=["contacts"])


class ContactCreate(BaseModel):
    id_type: str = Field(default="31", pattern=r"^\d{2}$", description="31 = NIT, 13 = cédula.")
    id_number: str = Field(min_length=3, max_length=20, pattern=r"^[0-9A-Za-z-]+$")
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(default="", max_length=254)
    is_customer: bool = False
    is_supplier: bool = False


class ContactOut(ContactCreate):
    model_config = ConfigDict(from_attributes=True)
    id: int


class ContactPage(BaseModel):
    contacts: list[ContactOut]
    total: int


@router.get("", response_model=ContactPage)
def list_contacts(
    session: SessionDep,
    search: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ContactPage:
    """Contacts whose name or id number contains `search`, by name."""
    query = select(Contact)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(col(Contact.name).ilike(like), col(Contact.id_number).like(like)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Contact.name)).offset(offset).limit(limit)).all()
    return ContactPage(contacts=[ContactOut.model_validate(r) for r in rows], total=total)


@router.get("/{contact_id}", response_model=ContactOut)
def get_contact(session: SessionDep, contact_id: RowId) -> ContactOut:
    """One contact of the company."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise not_found("El contacto")
    return ContactOut.model_validate(contact)


@router.post("", response_model=ContactOut, status_code=201)
def create_contact(
    session: SessionDep, principal: CurrentPrincipal, body: ContactCreate
) -> ContactOut:
    """Create a contact; an existing id number answers 409."""
    exists = session.exec(
        select(Contact).where(Contact.id_type == body.id_type, Contact.id_number == body.id_number)
    ).first()
    if exists is not None:
        raise ApiError(409, "contacto_existe", "Ya existe un contacto con ese documento.")
    assert principal.company_id is not None
    contact = Contact(company_id=principal.company_id, **body.model_dump())
    session.add(contact)
    session.commit()
    session.refresh(contact)
    return ContactOut.model_validate(contact)
