"""Line amounts, tax subtotals and monetary totals of a draft (pure).

Each line is rounded half up to 2 decimals first; document totals are sums of the
rounded line figures, so the header always equals the sum of its lines, as the DIAN's
validation rules check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.money import ZERO, to_money
from tools.einvoice.types import DraftLine, InvoiceDraft

VAT = "01"
ICA = "03"
INC = "04"
TAX_NAMES = {VAT: "IVA", ICA: "ICA", INC: "INC"}


@dataclass(frozen=True)
class TaxAmount:
    """One tax on a base at a rate (a `cac:TaxSubtotal`)."""

    scheme: str
    rate: Decimal
    taxable: Decimal
    amount: Decimal


@dataclass(frozen=True)
class LineTotals:
    """A line's extension amount and its taxes."""

    line: DraftLine
    extension: Decimal
    taxes: tuple[TaxAmount, ...]


@dataclass(frozen=True)
class DocumentTotals:
    """The `LegalMonetaryTotal` figures plus tax subtotals grouped by scheme and rate."""

    lines: tuple[LineTotals, ...]
    tax_subtotals: tuple[TaxAmount, ...]
    line_extension: Decimal
    tax_exclusive: Decimal
    tax_inclusive: Decimal
    payable: Decimal

    def tax_total(self, scheme: str) -> Decimal:
        """Sum of one scheme's tax amounts (`0.00` when absent)."""
        return sum((t.amount for t in self.tax_subtotals if t.scheme == scheme), ZERO)

    def schemes(self) -> tuple[str, ...]:
        """Tax schemes present, in code order (one `cac:TaxTotal` each)."""
        return tuple(sorted({t.scheme for t in self.tax_subtotals}))


def line_totals(line: DraftLine) -> LineTotals:
    """Extension = quantity × unit price; each tax = base × rate / 100, all rounded."""
    if line.quantity <= 0:
        raise ValueError(f"quantity must be positive: {line.description!r}")
    if line.unit_price < 0:
        raise ValueError(f"unit price must not be negative: {line.description!r}")
    extension = to_money(line.quantity * line.unit_price)
    taxes = []
    for scheme, rate in ((VAT, line.vat_rate), (INC, line.inc_rate)):
        if rate is not None:
            taxes.append(TaxAmount(scheme, rate, extension, to_money(extension * rate / 100)))
    return LineTotals(line=line, extension=extension, taxes=tuple(taxes))


def document_totals(draft: InvoiceDraft) -> DocumentTotals:
    """All totals of a draft; refuses an empty document."""
    if not draft.lines:
        raise ValueError("a document needs at least one line")
    lines = tuple(line_totals(line) for line in draft.lines)
    grouped: dict[tuple[str, Decimal], tuple[Decimal, Decimal]] = {}
    for lt in lines:
        for tax in lt.taxes:
            key = (tax.scheme, tax.rate)
            taxable, amount = grouped.get(key, (ZERO, ZERO))
            grouped[key] = (taxable + tax.taxable, amount + tax.amount)
    subtotals = tuple(
        TaxAmount(scheme, rate, taxable, amount)
        for (scheme, rate), (taxable, amount) in sorted(grouped.items())
    )
    line_extension = sum((lt.extension for lt in lines), ZERO)
    # The taxable base counts each taxed line once, even when it carries VAT and INC.
    tax_exclusive = sum((lt.extension for lt in lines if lt.taxes), ZERO)
    tax_inclusive = line_extension + sum((t.amount for t in subtotals), ZERO)
    return DocumentTotals(
        lines=lines,
        tax_subtotals=subtotals,
        line_extension=line_extension,
        tax_exclusive=tax_exclusive,
        tax_inclusive=tax_inclusive,
        payable=tax_inclusive,
    )


def dian_amount(value: Decimal) -> str:
    """An amount as the DIAN writes it: plain, 2 decimals, dot (`14024.07`)."""
    return f"{to_money(value):.2f}"


def dian_rate(value: Decimal) -> str:
    """A percentage with 2 decimals (`19.00`)."""
    return f"{to_money(value):.2f}"
