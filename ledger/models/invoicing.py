"""Issuing e-invoices: numbering resolutions, the company's e-invoicing profile, issued
documents with their timeline, and the two outboxes (DIAN transmission, customer e-mail).

The ledger's `Document` is the accounting record of an issued document; `EDocument` is
its electronic life (draft, number, signed XML, DIAN answer), linked by
`ledger_document_id` once the sales entry is posted. Drafts have no ledger document.
"""

import datetime as dt

from sqlalchemy import DateTime, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned, created_at_field


class NumberingResolution(CompanyOwned, table=True):
    """A DIAN numbering resolution and its counter (`next_number`, taken under a lock)."""

    __tablename__ = "numbering_resolution"
    __table_args__ = (UniqueConstraint("company_id", "kind", "prefix"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=12, description="invoice, contingency, credit or debit")
    resolution_number: str = Field(max_length=40)
    prefix: str = Field(max_length=10)
    range_from: int
    range_to: int
    valid_from: dt.date
    valid_to: dt.date
    technical_key: str = Field(default="", max_length=100)
    next_number: int = Field(description="The consecutive the next issued document takes.")
    active: bool = True
    created_at: dt.datetime = created_at_field()


class EInvoiceProfile(CompanyOwned, table=True):
    """What the company's e-documents need beyond the ledger's `Company` row."""

    __tablename__ = "einvoice_profile"
    __table_args__ = (UniqueConstraint("company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    country: str = Field(default="CO", max_length=2)
    address_line: str = Field(default="", max_length=200)
    city_code: str = Field(default="11001", max_length=5)
    city_name: str = Field(default="Bogotá, D.C.", max_length=60)
    department_code: str = Field(default="11", max_length=2)
    department_name: str = Field(default="Bogotá", max_length=60)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=30)
    software_id: str = Field(default="", max_length=60)
    software_pin: str = Field(default="", max_length=20)
    provider_nit: str = Field(default="", max_length=15)
    environment: str = Field(default="2", max_length=1, description="1 production, 2 testing")
    auto_send: bool | None = Field(
        default=None, description="None: on in Colombia once e-invoicing is configured."
    )
    contingency_active: bool = False
    contingency_since: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    service_restored_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class EDocument(CompanyOwned, table=True):
    """An e-invoice or note from draft to the DIAN's answer."""

    __tablename__ = "e_document"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=2, description="01, 04, 91, 92")
    status: str = Field(max_length=30, index=True)
    number: str | None = Field(default=None, max_length=40, description="prefix + consecutive")
    consecutive: int | None = None
    resolution_id: int | None = Field(
        default=None, foreign_key="numbering_resolution.id", ondelete="RESTRICT"
    )
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="RESTRICT")
    request_json: str = Field(sa_type=Text, description="customer, lines, terms (codec JSON)")
    draft_json: str | None = Field(default=None, sa_type=Text, description="issued InvoiceDraft")
    issue_date: dt.date | None = None
    cufe: str | None = Field(default=None, max_length=120)
    signed_xml: bytes | None = Field(default=None, sa_type=LargeBinary)
    xml_name: str | None = Field(default=None, max_length=80)
    application_response: bytes | None = Field(default=None, sa_type=LargeBinary)
    in_contingency: bool = False
    ledger_document_id: int | None = Field(
        default=None, foreign_key="document.id", ondelete="RESTRICT"
    )
    created_at: dt.datetime = created_at_field()
    issued_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    transmitted_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class DocumentEvent(CompanyOwned, table=True):
    """One line of a document's activity timeline (Spanish text a person reads)."""

    __tablename__ = "document_event"

    id: int | None = Field(default=None, primary_key=True)
    e_document_id: int = Field(foreign_key="e_document.id", ondelete="RESTRICT", index=True)
    at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    kind: str = Field(max_length=30)
    answered: bool | None = Field(default=None, description="DIAN attempts: did it answer?")
    text_es: str = Field(sa_type=Text)


class TransmissionOutbox(CompanyOwned, table=True):
    """A document waiting to reach the DIAN; never deleted, `done` once answered for good."""

    __tablename__ = "transmission_outbox"
    __table_args__ = (UniqueConstraint("e_document_id"),)

    id: int | None = Field(default=None, primary_key=True)
    e_document_id: int = Field(foreign_key="e_document.id", ondelete="RESTRICT")
    attempts: int = 0
    next_attempt_at: dt.datetime = Field(sa_type=DateTime(timezone=True), index=True)
    done: bool = Field(default=False, index=True)
    last_error: str = Field(default="", sa_type=Text)


class MailOutbox(CompanyOwned, table=True):
    """An accepted document to e-mail to the customer; `sent` is committed right after."""

    __tablename__ = "mail_outbox"
    __table_args__ = (UniqueConstraint("e_document_id"),)

    id: int | None = Field(default=None, primary_key=True)
    e_document_id: int = Field(foreign_key="e_document.id", ondelete="RESTRICT")
    message_id: str = Field(default="", max_length=200)
    attempts: int = 0
    next_attempt_at: dt.datetime = Field(sa_type=DateTime(timezone=True), index=True)
    sent: bool = False
    sent_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    blocked: str = Field(default="", sa_type=Text, description="Why it will not be sent.")
    done: bool = Field(default=False, index=True)
