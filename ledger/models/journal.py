"""Journal entries and lines: the books. Written only by `ledger.posting`, never edited."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Relationship

from ledger.models.base import CompanyOwned, created_at_field
from ledger.models.chart import Account, CostCenter
from ledger.models.parties import Contact
from ledger.models.types import Money
from ledger.money import ZERO


class JournalEntry(CompanyOwned, table=True):
    """A balanced entry. A reversal points at what it undoes and is pointed back at."""

    __tablename__ = "journal_entry"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(description="Consecutive per company, from 1.")
    date: dt.date = Field(index=True)
    description: str = Field(default="", max_length=500)
    source: str = Field(default="manual", max_length=40)
    document_id: int | None = Field(
        default=None, foreign_key="document.id", ondelete="RESTRICT", index=True
    )
    reverses_id: int | None = Field(
        default=None, foreign_key="journal_entry.id", ondelete="RESTRICT"
    )
    reversed_by_id: int | None = Field(
        default=None, foreign_key="journal_entry.id", ondelete="RESTRICT"
    )
    batch_id: str | None = Field(default=None, max_length=64, index=True)
    created_by: str = Field(default="", max_length=254)
    created_at: dt.datetime = created_at_field()

    lines: list["JournalLine"] = Relationship(
        back_populates="entry",
        sa_relationship_kwargs={"order_by": "JournalLine.line_no"},
    )

    @property
    def total_debit(self) -> Decimal:
        """Sum of the debits (equal to the credits)."""
        return sum((line.debit for line in self.lines), ZERO)


class JournalLine(CompanyOwned, table=True):
    """A debit or a credit to one account, optionally for a contact and a cost center."""

    __tablename__ = "journal_line"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="journal_entry.id", ondelete="RESTRICT", index=True)
    line_no: int
    account_id: int = Field(foreign_key="account.id", ondelete="RESTRICT", index=True)
    debit: Decimal = Field(default=ZERO, sa_type=Money)
    credit: Decimal = Field(default=ZERO, sa_type=Money)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="RESTRICT")
    cost_center_id: int | None = Field(
        default=None, foreign_key="cost_center.id", ondelete="RESTRICT"
    )
    description: str = Field(default="", max_length=500)

    entry: JournalEntry | None = Relationship(back_populates="lines")
    account: Account | None = Relationship()
    contact: Contact | None = Relationship()
    cost_center: CostCenter | None = Relationship()
