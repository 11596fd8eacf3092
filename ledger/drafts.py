"""Pure, immutable drafts of documents and payments handed to `post_document`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger.models import DocumentKind, DocumentSide, DocumentStatus, PaymentForm
from ledger.money import ZERO, to_money
from ledger.proposals import EntryProposal

_DEFAULT_SIDE = {
    DocumentKind.SALES_INVOICE: DocumentSide.SALE,
    DocumentKind.PURCHASE_INVOICE: DocumentSide.PURCHASE,
    DocumentKind.SUPPORT_DOCUMENT: DocumentSide.PURCHASE,
    DocumentKind.ADJUSTMENT_NOTE: DocumentSide.PURCHASE,
}


@dataclass(frozen=True)
class DocumentLineDraft:
    """A document line as the issuer wrote it."""

    description: str
    line_total: Decimal
    quantity: Decimal = Decimal(1)
    unit_price: Decimal = ZERO
    item_id: int | None = None
    account_code: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "line_total", to_money(self.line_total))
        object.__setattr__(self, "unit_price", to_money(self.unit_price))
        object.__setattr__(self, "quantity", Decimal(self.quantity))


@dataclass(frozen=True)
class DocumentTaxDraft:
    """A tax (IVA 01, INC 04, ...) or a withholding (06, 05, 07) of a document."""

    scheme: str
    amount: Decimal
    base: Decimal = ZERO
    rate: Decimal = ZERO
    is_withholding: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_money(self.amount))
        object.__setattr__(self, "base", to_money(self.base))
        object.__setattr__(self, "rate", Decimal(self.rate))


@dataclass(frozen=True)
class DocumentDraft:
    """An invoice or note to record. `total` is the payable amount, taxes included."""

    kind: DocumentKind
    number: str
    issue_date: date
    total: Decimal
    side: DocumentSide | None = None
    cufe: str | None = None
    due_date: date | None = None
    contact_id: int | None = None
    currency: str = "COP"
    payment_form: PaymentForm = PaymentForm.CASH
    status: DocumentStatus = DocumentStatus.POSTED
    description: str = ""
    subtotal: Decimal = ZERO
    tax_total: Decimal = ZERO
    withholding_total: Decimal = ZERO
    lines: tuple[DocumentLineDraft, ...] = field(default_factory=tuple)
    taxes: tuple[DocumentTaxDraft, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ("total", "subtotal", "tax_total", "withholding_total"):
            object.__setattr__(self, name, to_money(getattr(self, name)))
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "taxes", tuple(self.taxes))
        if self.side is None:
            side = _DEFAULT_SIDE.get(DocumentKind(self.kind))
            if side is None:
                raise ValueError(f"a {self.kind} needs an explicit side (sale or purchase)")
            object.__setattr__(self, "side", side)


@dataclass(frozen=True)
class PaymentDraft:
    """A payment of a document, with the entry that records it (e.g. Dr 111005 / Cr 130505)."""

    date: date
    amount: Decimal
    entry: EntryProposal
    bank_account_id: int | None = None
    method: str = ""
    reference: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_money(self.amount))
