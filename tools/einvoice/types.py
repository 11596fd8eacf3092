"""Frozen input types for issuing an electronic document (invoice, contingency, notes).

These carry only what the DIAN's UBL 2.1 document needs; the ledger's tables are built
from them elsewhere. Amounts are `Decimal`; rates are percentages (`Decimal("19")`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from enum import StrEnum


class DocumentKind(StrEnum):
    """The document type code (`InvoiceTypeCode` / `CreditNoteTypeCode`)."""

    INVOICE = "01"
    CONTINGENCY = "04"
    CREDIT_NOTE = "91"
    DEBIT_NOTE = "92"

    @property
    def is_note(self) -> bool:
        """Notes use the CUDE (software PIN) and have no contingency procedure."""
        return self in (DocumentKind.CREDIT_NOTE, DocumentKind.DEBIT_NOTE)

    @property
    def label_es(self) -> str:
        """The Spanish name a person reads."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DocumentKind.INVOICE: "Factura electrónica de venta",
    DocumentKind.CONTINGENCY: "Factura electrónica de venta (contingencia)",
    DocumentKind.CREDIT_NOTE: "Nota crédito electrónica",
    DocumentKind.DEBIT_NOTE: "Nota débito electrónica",
}


class Environment(StrEnum):
    """`ProfileExecutionID` / `TipoAmbiente`: 1 production, 2 testing (habilitación)."""

    PRODUCTION = "1"
    TESTING = "2"


@dataclass(frozen=True)
class Address:
    """A Colombian address with DANE codes (municipality `11001`, department `11`)."""

    line: str
    city_code: str
    city_name: str
    department_name: str
    department_code: str
    country_code: str = "CO"
    country_name: str = "Colombia"


@dataclass(frozen=True)
class Party:
    """Supplier (the company) or customer.

    `id_type` is the DIAN identification type (31 NIT, 13 cédula, 22 cédula de
    extranjería, 41 passport); `check_digit` goes only with a NIT. `person_type` is
    `AdditionalAccountID` (1 legal person, 2 natural person).
    """

    id_number: str
    name: str
    address: Address
    id_type: str = "31"
    check_digit: str | None = None
    person_type: str = "1"
    tax_level_codes: tuple[str, ...] = ("R-99-PN",)
    vat_responsible: bool = True
    email: str | None = None
    phone: str | None = None
    ciiu: str | None = None
    trade_name: str | None = None


@dataclass(frozen=True)
class DraftLine:
    """One line: quantity × unit price, with VAT (`None` = excluded) and INC rates."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal | None = Decimal("19")
    inc_rate: Decimal | None = None
    unit_code: str = "94"
    item_code: str | None = None


@dataclass(frozen=True)
class BillingReference:
    """The invoice a note corrects, with the DIAN's reason code and a text."""

    number: str
    cufe: str
    issue_date: date
    reason_code: str
    reason_text: str


@dataclass(frozen=True)
class Resolution:
    """A numbering resolution: authorized prefix and range, validity, technical key."""

    number: str
    prefix: str
    range_from: int
    range_to: int
    valid_from: date
    valid_to: date
    technical_key: str


@dataclass(frozen=True)
class Software:
    """The registered invoicing software: id, PIN and its provider's NIT."""

    software_id: str
    pin: str
    provider_nit: str
    provider_check_digit: str


@dataclass(frozen=True)
class InvoiceDraft:
    """Everything needed to build one electronic document."""

    kind: DocumentKind
    prefix: str
    number: int
    issue_date: date
    issue_time: time
    supplier: Party
    customer: Party
    lines: tuple[DraftLine, ...]
    resolution: Resolution
    software: Software
    environment: Environment = Environment.TESTING
    due_date: date | None = None
    currency: str = "COP"
    payment_form: str = "1"
    payment_means: str = "10"
    billing_reference: BillingReference | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def document_number(self) -> str:
        """`cbc:ID`: prefix + consecutive (`SETP990000002`)."""
        return f"{self.prefix}{self.number}"
