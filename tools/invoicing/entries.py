"""The sales entry of an issued document, with the same rules as imported sales (pure).

Invoice and debit note: Dr 130505 customers (payable) / Cr income (413505 by default)
for the lines / Cr 240805 VAT generated / Cr 249505 INC. Credit note: the mirror image,
the income side debited to 417505 (returns).
"""

from __future__ import annotations

from decimal import Decimal

from ledger.drafts import DocumentDraft, DocumentLineDraft, DocumentTaxDraft
from ledger.models import DocumentKind as LedgerKind
from ledger.models import DocumentSide, PaymentForm
from ledger.proposals import EntryProposal, ProposedLine
from tools.einvoice.totals import DocumentTotals, document_totals
from tools.einvoice.types import DocumentKind, InvoiceDraft

CUSTOMERS = "130505"
INCOME = "413505"
RETURNS = "417505"
TAX_ACCOUNTS = {"01": "240805", "04": "249505"}

_LEDGER_KIND = {
    DocumentKind.INVOICE: LedgerKind.SALES_INVOICE,
    DocumentKind.CONTINGENCY: LedgerKind.SALES_INVOICE,
    DocumentKind.CREDIT_NOTE: LedgerKind.CREDIT_NOTE,
    DocumentKind.DEBIT_NOTE: LedgerKind.DEBIT_NOTE,
}


def _line(
    account: str, amount: Decimal, *, debit: bool, contact_id: int | None, text: str
) -> ProposedLine:
    if debit:
        return ProposedLine(account, debit=amount, contact_id=contact_id, description=text)
    return ProposedLine(account, credit=amount, contact_id=contact_id, description=text)


def sales_entry(
    draft: InvoiceDraft, *, contact_id: int | None, income_account: str = INCOME
) -> EntryProposal:
    """The balanced entry of an issued invoice or note (credit notes mirrored)."""
    totals = document_totals(draft)
    credit_note = draft.kind is DocumentKind.CREDIT_NOTE
    income = RETURNS if credit_note else income_account
    label = f"{draft.kind.label_es} {draft.document_number}"
    lines = [
        _line(CUSTOMERS, totals.payable, debit=not credit_note, contact_id=contact_id, text=label)
    ]
    lines.append(
        _line(income, totals.line_extension, debit=credit_note, contact_id=contact_id, text=label)
    )
    for scheme in totals.schemes():
        amount = totals.tax_total(scheme)
        if amount:
            lines.append(
                _line(TAX_ACCOUNTS[scheme], amount, debit=credit_note, contact_id=contact_id,
                      text=label)
            )  # fmt: skip
    return EntryProposal(
        date=draft.issue_date,
        description=f"{label} a {draft.customer.name}",
        lines=tuple(lines),
        source="einvoice",
    )


def ledger_document(
    draft: InvoiceDraft, *, key: str, contact_id: int | None, totals: DocumentTotals | None = None
) -> DocumentDraft:
    """The ledger's record of the issued document (lines and taxes as issued)."""
    totals = totals or document_totals(draft)
    return DocumentDraft(
        kind=_LEDGER_KIND[draft.kind],
        side=DocumentSide.SALE,
        number=draft.document_number,
        issue_date=draft.issue_date,
        due_date=draft.due_date,
        total=totals.payable,
        cufe=key,
        contact_id=contact_id,
        currency=draft.currency,
        payment_form=PaymentForm(draft.payment_form),
        description=f"{draft.kind.label_es} {draft.document_number}",
        subtotal=totals.line_extension,
        tax_total=totals.tax_inclusive - totals.line_extension,
        lines=tuple(
            DocumentLineDraft(
                description=lt.line.description,
                line_total=lt.extension,
                quantity=lt.line.quantity,
                unit_price=lt.line.unit_price,
            )
            for lt in totals.lines
        ),
        taxes=tuple(
            DocumentTaxDraft(scheme=t.scheme, amount=t.amount, base=t.taxable, rate=t.rate)
            for t in totals.tax_subtotals
        ),
    )
