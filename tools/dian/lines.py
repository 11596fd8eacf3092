"""Invoice, credit-note and debit-note lines: the hot path of ingestion.

Lines are most of a document (~22 elements each), so each line is read in one walk over
its children, descending only into the UBL containers that hold line data (`cac:Item`,
`cac:Price`, tax totals, discounts). The walk knows each element's place from where it
is found, so it never asks lxml for a parent: `getparent()` builds a new proxy and a new
tag string each time, and an earlier `line.iter()` design spent a third of its time there.
"""

from __future__ import annotations

from decimal import Decimal

from tools.dian.model import AllowanceCharge, DocumentLine, ItemCode, TaxAmount
from tools.dian.ns import q
from tools.dian.ubl_parts import Element, Reader, number_of, read_subtotal, text_of

ZERO = Decimal(0)

ID = q("cbc:ID")
QUANTITIES = frozenset(
    {q("cbc:InvoicedQuantity"), q("cbc:CreditedQuantity"), q("cbc:DebitedQuantity")}
)
LINE_TOTAL, FREE = q("cbc:LineExtensionAmount"), q("cbc:FreeOfChargeIndicator")
TAX_TOTAL, WITHHOLDING_TOTAL = q("cac:TaxTotal"), q("cac:WithholdingTaxTotal")
TAX_SUBTOTAL, ALLOWANCE_CHARGE = q("cac:TaxSubtotal"), q("cac:AllowanceCharge")
ITEM, PRICE = q("cac:Item"), q("cac:Price")
NAME, DESCRIPTION = q("cbc:Name"), q("cbc:Description")
SELLER_ITEM, STANDARD_ITEM = q("cac:SellersItemIdentification"), q("cac:StandardItemIdentification")
PRICE_AMOUNT, BASE_QUANTITY = q("cbc:PriceAmount"), q("cbc:BaseQuantity")
CHARGE_FLAG, AMOUNT, BASE_AMOUNT = q("cbc:ChargeIndicator"), q("cbc:Amount"), q("cbc:BaseAmount")
MULTIPLIER, REASON = q("cbc:MultiplierFactorNumeric"), q("cbc:AllowanceChargeReason")


def read_line(r: Reader, line: Element) -> DocumentLine:
    """One `InvoiceLine` / `CreditNoteLine` / `DebitNoteLine`.

    Texts are read inline (one `.text` per element, no helper call per value) and the
    branches are ordered by how often each child occurs: ~15 us a line, ten a document.
    """
    number = unit_code = quantity = line_total = None
    free = False
    what = "una línea"
    item: Element | None = None
    price: Element | None = None
    taxes: list[TaxAmount] = []
    withholdings: list[TaxAmount] = []
    charges: list[AllowanceCharge] = []
    for element in line:
        tag = element.tag
        if tag == ID:
            raw = element.text
            number = (raw.strip() or None) if raw is not None else None
            what = f"la línea {number}"
        elif tag == LINE_TOTAL:
            line_total = number_of(r, element.text, what)
        elif tag == TAX_TOTAL:
            for sub in element:
                if sub.tag == TAX_SUBTOTAL:
                    taxes.append(read_subtotal(r, sub, what))
        elif tag == ITEM:
            item = element  # read after the loop: `what` may still change
        elif tag == PRICE:
            price = element
        elif tag in QUANTITIES:
            quantity = number_of(r, element.text, what)
            unit_code = element.get("unitCode")
        elif tag == WITHHOLDING_TOTAL:
            for sub in element:
                if sub.tag == TAX_SUBTOTAL:
                    withholdings.append(read_subtotal(r, sub, what))
        elif tag == ALLOWANCE_CHARGE:
            charges.append(_charge(r, element, what))
        elif tag == FREE:
            free = (text_of(element) or "").lower() == "true"
    description, codes = _item(item) if item is not None else ("", ())
    unit_price = base_quantity = None
    if price is not None:
        for element in price:
            tag = element.tag
            if tag == PRICE_AMOUNT:
                unit_price = number_of(r, element.text, what)
            elif tag == BASE_QUANTITY:
                base_quantity = number_of(r, element.text, what)
            elif tag == ALLOWANCE_CHARGE:  # a discount on the price is one on the line
                charges.append(_charge(r, element, what))
    return DocumentLine(
        number,
        description,
        quantity,
        unit_code,
        unit_price,
        line_total or ZERO,
        base_quantity,
        free,
        codes,
        tuple(charges),
        tuple(taxes),
        tuple(withholdings),
    )


def _item(item: Element) -> tuple[str, tuple[ItemCode, ...]]:
    """Description (or else name) and codes of `cac:Item`; the seller's code first."""
    description = name = None
    codes: list[ItemCode] = []
    for element in item:
        tag = element.tag
        if tag == DESCRIPTION:
            if description is None:
                raw = element.text
                if raw is not None:
                    description = raw.strip() or None
        elif tag == NAME:
            if name is None:
                raw = element.text
                if raw is not None:
                    name = raw.strip() or None
        elif tag in (SELLER_ITEM, STANDARD_ITEM):
            for code in element:
                if code.tag == ID:
                    raw = code.text
                    value = raw.strip() if raw is not None else None
                    if not value:
                        continue
                    if tag == SELLER_ITEM:
                        codes.insert(0, ItemCode(value, "seller"))
                    else:
                        codes.append(ItemCode(value, code.get("schemeID")))
    return description or name or "", tuple(codes)


def _charge(r: Reader, element: Element, what: str) -> AllowanceCharge:
    is_charge = False
    amount = base = percent = reason = None
    for part in element:
        tag = part.tag
        if tag == CHARGE_FLAG:
            is_charge = (text_of(part) or "").lower() == "true"
        elif tag == AMOUNT:
            amount = number_of(r, part.text, what)
        elif tag == BASE_AMOUNT:
            base = number_of(r, part.text, what)
        elif tag == MULTIPLIER:
            percent = number_of(r, part.text, what)
        elif tag == REASON:
            reason = text_of(part)
    return AllowanceCharge(is_charge, amount or ZERO, base, percent, reason)
