"""The pure, immutable shape of a DIAN electronic document, whatever container it came in.

Amounts are `Decimal` exactly as written in the source (no rounding); presentation rounds.
`issuer` is always the seller (`AccountingSupplierParty`) and `receiver` the buyer
(`AccountingCustomerParty`), also for support documents (05/95), where the buyer is the
one who issues the electronic document: `direction()` knows that.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal("0")


class DocumentKind(StrEnum):
    """The UBL root the document was read from (or its listing equivalent)."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    DEBIT_NOTE = "debit_note"
    EQUIVALENT = "equivalent"  # documento equivalente (POS, transporte) from the listing


class Container(StrEnum):
    """Where the document's data came from: a UBL file, an AttachedDocument, the listing."""

    UBL = "ubl"
    ATTACHED = "attached_document"
    LISTING = "listing"


SUPPORT_TYPE_CODES = frozenset({"05", "95"})
PAYMENT_FORMS = {"1": "contado", "2": "credito"}


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a document or a failure was found: file, entry inside the zip(s), sheet row."""

    file: str
    member: str | None = None
    sheet_row: int | None = None

    def label(self) -> str:
        """Short human text: `lote.zip › ad0001.xml`, `listado.xlsx fila 7`."""
        text = self.file
        if self.member:
            text += f" › {self.member}"
        if self.sheet_row is not None:
            text += f" fila {self.sheet_row}"
        return text


@dataclass(frozen=True, slots=True)
class DocumentIssue:
    """Something wrong or suspicious in a document, reported as found, never fixed."""

    code: str
    message_es: str


@dataclass(frozen=True, slots=True)
class Party:
    """Seller or buyer as identified in the document."""

    id_type: str | None  # 31 NIT, 13 cédula, 22 cédula de extranjería, 41 pasaporte
    nit: str | None  # identification number, whitespace stripped
    dv: str | None  # check digit as written (None when absent)
    name: str | None
    email: str | None = None
    person_type: str | None = None  # AdditionalAccountID: 1 jurídica, 2 natural
    tax_responsibilities: tuple[str, ...] = ()
    ciiu: str | None = None


@dataclass(frozen=True, slots=True)
class TaxAmount:
    """One tax or withholding at one rate (a `TaxSubtotal`), on a line or the document."""

    scheme: str  # 01 IVA, 04 INC, 05 ReteIVA, 06 ReteRenta, 07 ReteICA, ...
    amount: Decimal
    rate: Decimal | None = None  # percent; None for fixed-amount taxes and listing rows
    base: Decimal | None = None
    name: str | None = None
    per_unit_amount: Decimal | None = None
    unit_code: str | None = None


@dataclass(frozen=True, slots=True)
class ItemCode:
    """A product code with its scheme: `seller`, 999 own, 001 UNSPSC, 010 GTIN."""

    code: str
    scheme: str | None


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """A discount (`is_charge=False`) or a charge on a line or on the whole document."""

    is_charge: bool
    amount: Decimal
    base: Decimal | None = None
    percent: Decimal | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One invoice, credit-note or debit-note line."""

    number: str | None
    description: str
    quantity: Decimal | None
    unit_code: str | None
    unit_price: Decimal | None
    line_total: Decimal
    base_quantity: Decimal | None = None
    free_of_charge: bool = False
    codes: tuple[ItemCode, ...] = ()
    allowance_charges: tuple[AllowanceCharge, ...] = ()
    taxes: tuple[TaxAmount, ...] = ()
    withholdings: tuple[TaxAmount, ...] = ()


@dataclass(frozen=True, slots=True)
class MonetaryTotals:
    """`LegalMonetaryTotal` (or `RequestedMonetaryTotal`); None = absent in the source."""

    line_extension: Decimal | None
    tax_exclusive: Decimal | None
    tax_inclusive: Decimal | None
    payable: Decimal | None
    allowance: Decimal = ZERO
    charge: Decimal = ZERO
    prepaid: Decimal = ZERO
    rounding: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """`PaymentExchangeRate`: document currency to COP."""

    source_currency: str
    target_currency: str
    rate: Decimal
    on: date | None = None


@dataclass(frozen=True, slots=True)
class BillingReference:
    """The invoice a note corrects (`InvoiceDocumentReference`)."""

    number: str | None
    uuid: str | None
    uuid_scheme: str | None = None
    issue_date: date | None = None


@dataclass(frozen=True, slots=True)
class DianValidation:
    """The DIAN's verdict: response code (02 validated, 04 rejected), date, message."""

    code: str | None
    on: date | None = None
    description: str | None = None

    @property
    def accepted(self) -> bool:
        """True when the DIAN validated the document."""
        return self.code == "02"


@dataclass(frozen=True, slots=True)
class DianDocument:
    """One DIAN document, fully read and checked; pure data, no database."""

    source: SourceRef
    container: Container
    kind: DocumentKind
    type_code: str | None
    number: str | None
    prefix: str | None
    folio: str | None
    cufe: str | None
    cufe_scheme: str | None
    environment: str | None
    issue_date: date | None
    issue_time: time | None
    due_date: date | None
    currency: str | None
    exchange_rate: ExchangeRate | None
    operation_type: str | None
    payment_form: str | None  # code: 1 contado, 2 crédito
    payment_means: str | None  # PaymentMeansCode: 10 efectivo, 42 consignación, ...
    issuer: Party
    receiver: Party
    lines: tuple[DocumentLine, ...]
    taxes: tuple[TaxAmount, ...]
    withholdings: tuple[TaxAmount, ...]
    totals: MonetaryTotals
    tax_total: Decimal  # sum of the document's TaxTotal/TaxAmount
    line_count: int | None = None  # LineCountNumeric as declared
    allowance_charges: tuple[AllowanceCharge, ...] = ()  # document-level
    billing_references: tuple[BillingReference, ...] = ()
    discrepancy_code: str | None = None
    discrepancy_reason: str | None = None
    validation: DianValidation | None = None
    listing_group: str | None = None  # "Emitido" / "Recibido" in the portal listing
    issues: tuple[DocumentIssue, ...] = field(default=())

    @property
    def payment_form_name(self) -> str | None:
        """`contado` / `credito`, or None when the code is absent or unknown."""
        return PAYMENT_FORMS.get(self.payment_form or "")

    @property
    def is_support_document(self) -> bool:
        """Support document (05) or its adjustment note (95): the buyer issues it."""
        return self.type_code in SUPPORT_TYPE_CODES

    def with_issues(self, issues: tuple[DocumentIssue, ...]) -> DianDocument:
        """A copy carrying `issues` (faster than `dataclasses.replace` on the hot path)."""
        values = {name: getattr(self, name) for name in _DOCUMENT_FIELDS}
        values["issues"] = issues
        return DianDocument(**values)


_DOCUMENT_FIELDS = tuple(f.name for f in fields(DianDocument))


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A file, zip entry or listing row that produced no document, and why (Spanish)."""

    source: SourceRef
    code: str
    message_es: str


IngestResult = DianDocument | IngestFailure
