"""Who the company deals with (Contact) and what it buys and sells (Item)."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned
from ledger.models.enums import ItemKind


class Contact(CompanyOwned, table=True):
    """A customer, supplier or both (a "tercero")."""

    __table_args__ = (UniqueConstraint("company_id", "id_type", "id_number"),)

    id: int | None = Field(default=None, primary_key=True)
    id_type: str = Field(default="31", max_length=4, description="DIAN code; 31 = NIT.")
    id_number: str = Field(max_length=20)
    check_digit: str | None = Field(default=None, max_length=1)
    name: str = Field(max_length=200)
    email: str = Field(default="", max_length=254)
    is_customer: bool = False
    is_supplier: bool = False
    # Contacts are never deleted (documents point to them); undoing the import that
    # created one retires it instead, and matching it again brings it back.
    active: bool = True


class Item(CompanyOwned, table=True):
    """A product or service with the accounts its lines post to by default."""

    __table_args__ = (UniqueConstraint("company_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(default="", max_length=50)
    name: str = Field(max_length=200)
    kind: str = Field(default=ItemKind.NON_INVENTORY, max_length=20)
    income_account_code: str | None = Field(default=None, max_length=12)
    expense_account_code: str | None = Field(default=None, max_length=12)
    inventory_account_code: str | None = Field(default=None, max_length=12)
    active: bool = True
