"""The company's chart of accounts and what hangs off it: cost centers, bank accounts."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned
from ledger.models.enums import Nature


class Account(CompanyOwned, table=True):
    """A PUC account of one company. Entries post to active leaf accounts only."""

    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=12, index=True)
    name: str = Field(max_length=200)
    nature: str = Field(default=Nature.DEBIT, max_length=6)
    level: int = Field(description="Digits of the code: 1, 2, 4, 6 or 8+.")
    parent_code: str | None = Field(default=None, max_length=12)
    is_leaf: bool = True
    active: bool = True


class CostCenter(CompanyOwned, table=True):
    """An optional analytic dimension of journal lines."""

    __tablename__ = "cost_center"
    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20)
    name: str = Field(max_length=200)
    active: bool = True


class BankAccount(CompanyOwned, table=True):
    """A bank account as the user names it ("Banco 1"), tied to a ledger account."""

    __tablename__ = "bank_account"
    __table_args__ = (UniqueConstraint("company_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    account_id: int = Field(foreign_key="account.id", ondelete="RESTRICT")
    bank_name: str = Field(default="", max_length=100)
    number: str = Field(default="", max_length=40)
    is_default: bool = False
