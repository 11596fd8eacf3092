"""The import rules: a DIAN document becomes a document draft, its entry and its payment.

Pure: no database. Each rule is one function and names the `SyncRule` (help page) it
applies. `plan_document` puts them together; `ledger.posting.post_document` writes the
result. Accounts follow `shared/domain/accounting.md` (posting rules for imported documents).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ledger.companies import DEFAULT_BANK_ACCOUNT, INITIAL_DATA_ACCOUNT
from ledger.drafts import DocumentDraft, DocumentLineDraft, DocumentTaxDraft, PaymentDraft
from ledger.models import DocumentKind as LedgerKind
from ledger.models import DocumentSide, DocumentStatus, PaymentForm
from ledger.money import ZERO, to_money
from ledger.proposals import EntryProposal, ProposedLine
from tools.dian.direction import Direction
from tools.dian.model import DianDocument
from tools.dian.model import DocumentKind as DianKind
from tools.errors import ToolError
from tools.sync.points import ITEM, PAYMENTS, PURCHASES, SALES, SyncRule

RECEIVABLES = "130505"
SUPPLIERS = "220505"
VAT_GENERATED = "240805"
VAT_DEDUCTIBLE = "240810"
DEFAULT_INCOME = "413505"
DEFAULT_RETURNS = "417505"
OTHER_TAXES = {"04": "249505", "34": "249515", "35": "249525"}  # else 249505 (INC group)
WITHHELD_FROM_US = {"06": "135515", "05": "135517", "07": "135518"}  # sales
WE_WITHHELD = {"06": "236540", "05": "236701", "07": "236801"}  # purchases
VAT = "01"
OVERDUE_DAYS = 60
LONG_TERM_DAYS = 60
SOURCE = "dian_sync"


@dataclass(frozen=True)
class CompanyProfile:
    """What the rules need to know about the company importing."""

    nit: str
    vat_responsible: bool = True
    item_id: int | None = None  # "Datos iniciales - DIAN"
    bank_account_id: int | None = None  # "Banco 1"
    income_account: str = DEFAULT_INCOME
    returns_account: str = DEFAULT_RETURNS


@dataclass(frozen=True)
class ImportPlan:
    """Everything one DIAN document will write, and the rules that shaped it."""

    document: DocumentDraft
    entry: EntryProposal
    payment: PaymentDraft | None
    rules: tuple[SyncRule, ...]
    payment_note: str = ""  # why there is (or is not) an automatic payment, Spanish


def _money(value: Decimal | None, rate: Decimal) -> Decimal:
    return to_money((value or ZERO) * rate)


def _rate(doc: DianDocument) -> Decimal:
    """COP per unit of the document's currency (1 for COP)."""
    if (doc.currency or "COP") == "COP" or doc.exchange_rate is None:
        return Decimal(1)
    return doc.exchange_rate.rate


def is_reduction(doc: DianDocument) -> bool:
    """Credit notes (91) and adjustment notes written as a CreditNote (95) reduce."""
    return doc.kind is DianKind.CREDIT_NOTE


def ledger_kind(doc: DianDocument, direction: Direction) -> LedgerKind:
    """The ledger's document kind for a DIAN document seen from the company."""
    if doc.type_code == "95":
        return LedgerKind.ADJUSTMENT_NOTE
    if doc.type_code == "05":
        return LedgerKind.SUPPORT_DOCUMENT
    if doc.kind is DianKind.CREDIT_NOTE:
        return LedgerKind.CREDIT_NOTE
    if doc.kind is DianKind.DEBIT_NOTE:
        return LedgerKind.DEBIT_NOTE
    if direction is Direction.ISSUED:
        return LedgerKind.SALES_INVOICE
    return LedgerKind.PURCHASE_INVOICE


def lines_use_initial_data_item(
    doc: DianDocument, company: CompanyProfile
) -> tuple[DocumentLineDraft, ...]:
    """Rule «productos»: every line uses the non-inventory item, original text kept."""
    rate = _rate(doc)
    return tuple(
        DocumentLineDraft(
            description=(line.description or "Sin descripción")[:500],
            line_total=_money(line.line_total, rate),
            quantity=line.quantity if line.quantity is not None else Decimal(1),
            unit_price=_money(line.unit_price, rate),
            item_id=company.item_id,
        )
        for line in doc.lines
    )


@dataclass(frozen=True)
class _Amounts:
    payable: Decimal
    base: Decimal
    vat: Decimal
    other_taxes: dict[str, Decimal]
    withholdings: dict[str, Decimal]

    @property
    def net_payable(self) -> Decimal:
        return self.payable - sum(self.withholdings.values(), ZERO)


def document_amounts(doc: DianDocument) -> _Amounts:
    """Payable, base, taxes and withholdings in COP; the base absorbs rounding only.

    A document whose parts disagree by more than one peso per line is refused
    (`documento_descuadrado`), never silently fixed.
    """
    rate = _rate(doc)
    totals = doc.totals
    payable = _money(totals.payable if totals.payable is not None else totals.tax_inclusive, rate)
    vat = ZERO
    others: dict[str, Decimal] = {}
    for tax in doc.taxes:
        amount = _money(tax.amount, rate)
        if tax.scheme == VAT:
            vat += amount
        else:
            others[tax.scheme] = others.get(tax.scheme, ZERO) + amount
    held: dict[str, Decimal] = {}
    for tax in doc.withholdings:
        held[tax.scheme] = held.get(tax.scheme, ZERO) + _money(tax.amount, rate)
    declared = _money(totals.line_extension, rate) - _money(totals.allowance, rate)
    declared += _money(totals.charge, rate)
    base = payable + _money(totals.prepaid, rate) - vat - sum(others.values(), ZERO)
    tolerance = Decimal(max(1, len(doc.lines)))
    if totals.line_extension is not None and abs(base - declared) > tolerance:
        raise ToolError(
            "documento_descuadrado",
            f"El documento {doc.number or '?'} no cuadra: base {declared}, impuestos y total "
            f"{payable} no coinciden. Revísalo antes de importarlo.",
        )
    if totals.prepaid:
        raise ToolError(
            "documento_con_anticipo",
            f"El documento {doc.number or '?'} tiene anticipos; regístralo a mano.",
        )
    return _Amounts(payable, base, vat, others, held)


def sales_go_to_receivables_income_and_taxes(
    doc: DianDocument, company: CompanyProfile, contact_id: int | None
) -> tuple[ProposedLine, ...]:
    """Rule «ventas»: Dr 130505 and 1355xx; Cr income, 240805, 2495xx; no cost of sales.

    Credit notes are the mirror image, with the income side on the returns account (4175).
    """
    amounts = document_amounts(doc)
    income = company.returns_account if is_reduction(doc) else company.income_account
    debits = [ProposedLine(RECEIVABLES, debit=amounts.net_payable, contact_id=contact_id)]
    debits += [
        ProposedLine(WITHHELD_FROM_US.get(scheme, "135515"), debit=amount, contact_id=contact_id)
        for scheme, amount in sorted(amounts.withholdings.items())
        if amount
    ]
    credits = [ProposedLine(income, credit=amounts.base, contact_id=contact_id)]
    if amounts.vat:
        credits.append(ProposedLine(VAT_GENERATED, credit=amounts.vat, contact_id=contact_id))
    credits += [
        ProposedLine(OTHER_TAXES.get(scheme, "249505"), credit=amount, contact_id=contact_id)
        for scheme, amount in sorted(amounts.other_taxes.items())
        if amount
    ]
    lines = (*debits, *credits)
    return tuple(line.mirrored() for line in lines) if is_reduction(doc) else lines


def purchases_go_to_gastos_y_costos_por_datos_iniciales(
    doc: DianDocument, company: CompanyProfile, contact_id: int | None
) -> tuple[ProposedLine, ...]:
    """Rule «compras»: Dr 51959501 (base, INC, VAT when not responsible) and 240810;
    Cr 220505 for the payable minus withholdings and 2365xx/2367/2368 for each one.

    Supplier credit notes (and adjustment notes written as credit notes) mirror this.
    """
    amounts = document_amounts(doc)
    expense = amounts.base + sum(amounts.other_taxes.values(), ZERO)
    debits = []
    if company.vat_responsible:
        debits.append(ProposedLine(INITIAL_DATA_ACCOUNT, debit=expense, contact_id=contact_id))
        if amounts.vat:
            debits.append(ProposedLine(VAT_DEDUCTIBLE, debit=amounts.vat, contact_id=contact_id))
    else:
        debits.append(
            ProposedLine(INITIAL_DATA_ACCOUNT, debit=expense + amounts.vat, contact_id=contact_id)
        )
    credits = [ProposedLine(SUPPLIERS, credit=amounts.net_payable, contact_id=contact_id)]
    credits += [
        ProposedLine(WE_WITHHELD.get(scheme, "236540"), credit=amount, contact_id=contact_id)
        for scheme, amount in sorted(amounts.withholdings.items())
        if amount
    ]
    lines = tuple(line for line in (*debits, *credits) if line.debit or line.credit)
    return tuple(line.mirrored() for line in lines) if is_reduction(doc) else lines


def automatic_payment_due(doc: DianDocument, sync_date: date) -> tuple[date | None, str]:
    """Rule «pagos-automaticos»: the payment date, or None, and the reason in Spanish.

    Invoices only (not notes): cash ("contado") invoices are paid on their issue date;
    credit invoices more than 60 days past due at the sync date on their due date; never
    when the payment term (due - issue) is longer than 60 days.
    """
    number = doc.number or "sin número"
    if doc.kind not in (DianKind.INVOICE, DianKind.EQUIVALENT) or doc.issue_date is None:
        return None, ""
    if doc.due_date is not None and doc.due_date - doc.issue_date > timedelta(LONG_TERM_DAYS):
        return None, (
            f"{number}: plazo de {(doc.due_date - doc.issue_date).days} días (más de 60); "
            "su pago se registra a mano."
        )
    if doc.payment_form == PaymentForm.CASH:
        return doc.issue_date, f"{number}: de contado."
    if doc.due_date is None:
        return None, f"{number}: a crédito sin fecha de vencimiento; su pago se registra a mano."
    overdue = (sync_date - doc.due_date).days
    if overdue > OVERDUE_DAYS:
        return doc.due_date, f"{number}: vencida hace {overdue} días."
    return None, f"{number}: vence o venció hace {max(overdue, 0)} días; queda por pagar."


def automatic_payment(
    doc: DianDocument,
    direction: Direction,
    entry: EntryProposal,
    company: CompanyProfile,
    contact_id: int | None,
    sync_date: date,
) -> tuple[PaymentDraft | None, str]:
    """The payment to «Banco 1» for the amount still payable, when the rule says so."""
    on, note = automatic_payment_due(doc, sync_date)
    if on is None:
        return None, note
    account = RECEIVABLES if direction is Direction.ISSUED else SUPPLIERS
    still_payable = sum((line.amount for line in entry.lines if line.account_code == account), ZERO)
    amount = abs(still_payable)
    if amount == 0:
        return None, f"{doc.number}: no queda saldo por pagar."
    bank = ProposedLine(DEFAULT_BANK_ACCOUNT, debit=amount, contact_id=contact_id)
    party = ProposedLine(account, credit=amount, contact_id=contact_id)
    lines = (bank, party) if direction is Direction.ISSUED else (party.mirrored(), bank.mirrored())
    verb = "Cobro" if direction is Direction.ISSUED else "Pago"
    payment_entry = EntryProposal(
        date=on,
        description=f"{verb} automático de {doc.number} (datos iniciales DIAN)",
        lines=lines,
        source=SOURCE,
    )
    return (
        PaymentDraft(
            date=on,
            amount=amount,
            entry=payment_entry,
            bank_account_id=company.bank_account_id,
            method="automatico_sync",
            reference=(doc.cufe or doc.number or "")[:100],
        ),
        note,
    )


def _taxes(doc: DianDocument) -> tuple[DocumentTaxDraft, ...]:
    rate = _rate(doc)
    return tuple(
        DocumentTaxDraft(
            scheme=tax.scheme[:4],
            amount=_money(tax.amount, rate),
            base=_money(tax.base, rate),
            rate=tax.rate or ZERO,
            is_withholding=held,
        )
        for held, taxes in ((False, doc.taxes), (True, doc.withholdings))
        for tax in taxes
    )


def plan_document(
    doc: DianDocument,
    company: CompanyProfile,
    direction: Direction,
    *,
    contact_id: int | None,
    sync_date: date,
) -> ImportPlan:
    """Document draft, entry and payment for one DIAN document (raises `ToolError`)."""
    if doc.issue_date is None:
        raise ToolError("sin_fecha", f"El documento {doc.number or '?'} no tiene fecha de emisión.")
    sale = direction is Direction.ISSUED
    if sale:
        lines, rule = sales_go_to_receivables_income_and_taxes(doc, company, contact_id), SALES
    else:
        lines, rule = (
            purchases_go_to_gastos_y_costos_por_datos_iniciales(doc, company, contact_id),
            PURCHASES,
        )
    kind = ledger_kind(doc, direction)
    label = {True: "Venta", False: "Compra"}[sale]
    entry = EntryProposal(
        date=doc.issue_date,
        description=f"{label} {doc.number or ''} ({kind.value}) - datos iniciales DIAN"[:500],
        lines=lines,
        source=SOURCE,
    )
    payment, note = automatic_payment(doc, direction, entry, company, contact_id, sync_date)
    amounts = document_amounts(doc)
    draft = DocumentDraft(
        kind=kind,
        side=DocumentSide.SALE if sale else DocumentSide.PURCHASE,
        number=(doc.number or "")[:40],
        issue_date=doc.issue_date,
        due_date=doc.due_date,
        total=amounts.payable,
        cufe=doc.cufe,
        currency="COP",
        payment_form=PaymentForm.CASH if doc.payment_form == "1" else PaymentForm.CREDIT,
        status=DocumentStatus.PAID if payment else DocumentStatus.POSTED,
        contact_id=contact_id,
        description="Datos iniciales - DIAN",
        subtotal=amounts.base,
        tax_total=amounts.vat + sum(amounts.other_taxes.values(), ZERO),
        withholding_total=amounts.payable - amounts.net_payable,
        lines=lines_use_initial_data_item(doc, company),
        taxes=_taxes(doc),
    )
    rules = (ITEM, rule) + ((PAYMENTS,) if payment else ())
    return ImportPlan(draft, entry, payment, rules, note)
