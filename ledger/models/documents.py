"""Commercial documents (invoices, notes, support documents) and their payments."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Index, text
from sqlmodel import Field, Relationship

from ledger.models.base import CompanyOwned, created_at_field
from ledger.models.enums import DocumentStatus, PaymentForm
from ledger.models.parties import Contact
from ledger.models.types import Money, Quantity
from ledger.money import ZERO


class Document(CompanyOwned, table=True):
    """An invoice or note; unique per (company, CUFE/CUDE) so imports can be replayed.

    A voided document (its import undone) keeps its CUFE for the audit trail but no longer
    holds it: the same DIAN document can be imported again after an undo.
    """

    __table_args__ = (
        Index(
            "uq_document_live_cufe",
            "company_id",
            "cufe",
            unique=True,
            sqlite_where=text("status <> 'voided'"),
            postgresql_where=text("status <> 'voided'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, index=True)
    side: str = Field(max_length=10, description="sale or purchase")
    number: str = Field(max_length=40)
    cufe: str | None = Field(default=None, max_length=120)
    issue_date: dt.date = Field(index=True)
    due_date: dt.date | None = None
    currency: str = Field(default="COP", max_length=3)
    payment_form: str = Field(default=PaymentForm.CASH, max_length=2)
    status: str = Field(default=DocumentStatus.POSTED, max_length=12, index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="RESTRICT")
    description: str = Field(default="", max_length=500)
    subtotal: Decimal = Field(default=ZERO, sa_type=Money)
    tax_total: Decimal = Field(default=ZERO, sa_type=Money)
    withholding_total: Decimal = Field(default=ZERO, sa_type=Money)
    total: Decimal = Field(default=ZERO, sa_type=Money, description="Payable amount.")
    created_at: dt.datetime = created_at_field()

    contact: Contact | None = Relationship()
    lines: list["DocumentLine"] = Relationship(back_populates="document")
    taxes: list["DocumentTax"] = Relationship(back_populates="document")


class DocumentLine(CompanyOwned, table=True):
    """One line of a document as the issuer wrote it."""

    __tablename__ = "document_line"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="RESTRICT", index=True)
    line_no: int
    description: str = Field(default="", max_length=500)
    item_id: int | None = Field(default=None, foreign_key="item.id", ondelete="RESTRICT")
    account_code: str | None = Field(default=None, max_length=12)
    quantity: Decimal = Field(default=Decimal(1), sa_type=Quantity)
    unit_price: Decimal = Field(default=ZERO, sa_type=Money)
    line_total: Decimal = Field(default=ZERO, sa_type=Money)

    document: Document | None = Relationship(back_populates="lines")


class DocumentTax(CompanyOwned, table=True):
    """A tax or withholding of a document (DIAN tax scheme code, rate, base, amount)."""

    __tablename__ = "document_tax"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="RESTRICT", index=True)
    scheme: str = Field(max_length=4, description="DIAN code: 01 IVA, 04 INC, 06 ReteFuente")
    is_withholding: bool = False
    rate: Decimal = Field(default=ZERO, sa_type=Quantity)
    base: Decimal = Field(default=ZERO, sa_type=Money)
    amount: Decimal = Field(default=ZERO, sa_type=Money)

    document: Document | None = Relationship(back_populates="taxes")


class Payment(CompanyOwned, table=True):
    """Money received or paid against a document, with the entry that records it."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int | None = Field(
        default=None, foreign_key="document.id", ondelete="RESTRICT", index=True
    )
    entry_id: int = Field(foreign_key="journal_entry.id", ondelete="RESTRICT")
    bank_account_id: int | None = Field(
        default=None, foreign_key="bank_account.id", ondelete="RESTRICT"
    )
    date: dt.date
    amount: Decimal = Field(sa_type=Money)
    method: str = Field(default="", max_length=40)
    reference: str = Field(default="", max_length=100)
    created_at: dt.datetime = created_at_field()
