"""A received purchase as document, entry and payment, with the suggested account per line.

Pure. It starts from the sync's import plan (`tools.sync.rules.plan_document`: totals,
VAT 240810, withholdings, payable 220505) and replaces the single "datos iniciales"
debit by one debit per line on the suggested account. INC (and VAT when the company is
not VAT-responsible) goes into the line's expense; the peso of rounding or a
document-level discount/charge goes to the largest line. Payment only when cash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ledger.companies import INITIAL_DATA_ACCOUNT
from ledger.drafts import DocumentDraft, PaymentDraft
from ledger.models import DocumentStatus, PaymentForm
from ledger.money import ZERO, to_money
from ledger.proposals import EntryProposal, ProposedLine
from tools.dian.direction import Direction
from tools.dian.model import DianDocument
from tools.sync.rules import VAT, CompanyProfile, plan_document

SOURCE = "expense_agent"


@dataclass(frozen=True)
class LineChoice:
    """The account (and item) chosen for one line of the purchase."""

    account_code: str
    item_id: int | None = None


@dataclass(frozen=True)
class PurchasePlan:
    """What registering the purchase writes."""

    document: DocumentDraft
    entry: EntryProposal
    payment: PaymentDraft | None


def line_expenses(doc: DianDocument, vat_responsible: bool) -> list[Decimal]:
    """Per line: base plus INC (plus VAT when not deductible), in COP."""
    rate = Decimal(1)
    if (doc.currency or "COP") != "COP" and doc.exchange_rate is not None:
        rate = doc.exchange_rate.rate
    result = []
    for line in doc.lines:
        amount = line.line_total
        for tax in line.taxes:
            if tax.scheme != VAT or not vat_responsible:
                amount += tax.amount
        result.append(to_money(amount * rate))
    return result


def plan_purchase(
    doc: DianDocument,
    choices: list[LineChoice],
    *,
    nit: str,
    vat_responsible: bool,
    contact_id: int | None,
    bank_account_id: int | None,
    today: date,
) -> PurchasePlan:
    """Document, entry (one debit per line) and cash payment; raises `ToolError`."""
    assert len(choices) == len(doc.lines)
    profile = CompanyProfile(
        nit=nit, vat_responsible=vat_responsible, bank_account_id=bank_account_id
    )
    base = plan_document(doc, profile, Direction.RECEIVED, contact_id=contact_id, sync_date=today)
    expense_total = sum(
        (line.debit for line in base.entry.lines if line.account_code == INITIAL_DATA_ACCOUNT),
        ZERO,
    )
    amounts = line_expenses(doc, vat_responsible)
    if amounts:
        largest = max(range(len(amounts)), key=lambda i: amounts[i])
        amounts[largest] += expense_total - sum(amounts, ZERO)
    debits = [
        ProposedLine(
            choice.account_code,
            debit=amount,
            contact_id=contact_id,
            description=line.description[:200],
        )
        for choice, amount, line in zip(choices, amounts, doc.lines, strict=True)
        if amount
    ]
    others = tuple(line for line in base.entry.lines if line.account_code != INITIAL_DATA_ACCOUNT)
    entry = EntryProposal(
        date=base.entry.date,
        description=f"Compra {doc.number or ''} de {doc.issuer.name or 'proveedor'}"[:500],
        lines=(*debits, *others),
        source=SOURCE,
    )
    cash = doc.payment_form == "1"
    payment = base.payment if cash else None
    document = replace(
        base.document,
        description=f"Registrada por el agente de gastos: {doc.issuer.name or ''}"[:200],
        status=DocumentStatus.PAID if payment else DocumentStatus.POSTED,
        payment_form=PaymentForm.CASH if cash else PaymentForm.CREDIT,
        lines=tuple(
            replace(draft, item_id=choice.item_id, account_code=choice.account_code)
            for draft, choice in zip(base.document.lines, choices, strict=True)
        ),
    )
    return PurchasePlan(document, entry, payment)
