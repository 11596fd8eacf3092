"""Invoice, credit-note and debit-note lines: the hot path of ingestion.

Lines are most of a document, so each line is read in one pass over `line.iter()`
(document order, C-level; passing the tags to `iter()` is slower, lxml rebuilds its tag
matcher on every call) and a small state machine files each value. Tags that mean
different things in different places (`cbc:ID` of the line, of the item, of the tax
scheme) are told apart by their parent; subtotal values go to the subtotal most recently
opened, which document order guarantees is their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tools.dian.model import AllowanceCharge, DocumentLine, ItemCode, TaxAmount
from tools.dian.ns import q
from tools.dian.ubl_parts import Element, Reader, text_of

ZERO = Decimal(0)

(ID, QUANTITY, LINE_TOTAL, FREE, TAXES, WITHHOLDINGS, SUBTOTAL, TAXABLE, TAX_AMOUNT,
 PERCENT, PER_UNIT, BASE_UNIT, NAME, DESCRIPTION, ALLOWANCE, CHARGE_FLAG, AMOUNT,
 BASE_AMOUNT, MULTIPLIER, REASON, PRICE_AMOUNT, BASE_QUANTITY) = range(22)  # fmt: skip

LINE_TAGS: dict[str, int] = {
    q("cbc:ID"): ID,
    q("cbc:InvoicedQuantity"): QUANTITY,
    q("cbc:CreditedQuantity"): QUANTITY,
    q("cbc:DebitedQuantity"): QUANTITY,
    q("cbc:LineExtensionAmount"): LINE_TOTAL,
    q("cbc:FreeOfChargeIndicator"): FREE,
    q("cac:TaxTotal"): TAXES,
    q("cac:WithholdingTaxTotal"): WITHHOLDINGS,
    q("cac:TaxSubtotal"): SUBTOTAL,
    q("cbc:TaxableAmount"): TAXABLE,
    q("cbc:TaxAmount"): TAX_AMOUNT,
    q("cbc:Percent"): PERCENT,
    q("cbc:PerUnitAmount"): PER_UNIT,
    q("cbc:BaseUnitMeasure"): BASE_UNIT,
    q("cbc:Name"): NAME,
    q("cbc:Description"): DESCRIPTION,
    q("cac:AllowanceCharge"): ALLOWANCE,
    q("cbc:ChargeIndicator"): CHARGE_FLAG,
    q("cbc:Amount"): AMOUNT,
    q("cbc:BaseAmount"): BASE_AMOUNT,
    q("cbc:MultiplierFactorNumeric"): MULTIPLIER,
    q("cbc:AllowanceChargeReason"): REASON,
    q("cbc:PriceAmount"): PRICE_AMOUNT,
    q("cbc:BaseQuantity"): BASE_QUANTITY,
}
ITEM, PRICE = q("cac:Item"), q("cac:Price")
SELLER_ITEM, STANDARD_ITEM = q("cac:SellersItemIdentification"), q("cac:StandardItemIdentification")
TAX_SCHEME, TAX_CATEGORY = q("cac:TaxScheme"), q("cac:TaxCategory")
TAX_SUBTOTAL, ALLOWANCE_CHARGE = q("cac:TaxSubtotal"), q("cac:AllowanceCharge")

# Positions in the mutable records a subtotal / a discount is gathered into.
S_SCHEME, S_AMOUNT, S_RATE, S_BASE, S_NAME, S_PER_UNIT, S_UNIT = range(7)
A_CHARGE, A_AMOUNT, A_BASE, A_PERCENT, A_REASON = range(5)


def read_line(r: Reader, line: Element) -> DocumentLine:
    """One `InvoiceLine` / `CreditNoteLine` / `DebitNoteLine`."""
    number = description = item_name = unit_code = None
    quantity = unit_price = base_quantity = line_total = None
    free = False
    what = "una línea"
    codes: list[ItemCode] = []
    taxes: list[list[Any]] = []
    withholdings: list[list[Any]] = []
    charges: list[list[Any]] = []
    target = taxes
    subtotal: list[Any] | None = None
    charge: list[Any] | None = None
    for element in line.iter():
        kind = LINE_TAGS.get(element.tag)  # type: ignore[arg-type]
        if kind is None:
            continue
        if kind == ID:
            parent = element.getparent()
            if parent is line:
                number = text_of(element)
                what = f"la línea {number}"
            else:
                owner: object = parent.tag if parent is not None else None
                if owner == SELLER_ITEM and text_of(element):
                    codes.insert(0, ItemCode(text_of(element) or "", "seller"))
                elif owner == STANDARD_ITEM and text_of(element):
                    codes.append(ItemCode(text_of(element) or "", element.get("schemeID")))
                elif owner == TAX_SCHEME and subtotal is not None and subtotal[S_SCHEME] is None:
                    subtotal[S_SCHEME] = text_of(element)
        elif kind == QUANTITY:
            if element.getparent() is line:
                quantity = r.decimal(element, what)
                unit_code = element.get("unitCode")
        elif kind == LINE_TOTAL:
            if element.getparent() is line:
                line_total = r.decimal(element, what)
        elif kind == TAXES:
            target = taxes
        elif kind == WITHHOLDINGS:
            target = withholdings
        elif kind == SUBTOTAL:
            subtotal = [None] * 7
            target.append(subtotal)
        elif kind == TAXABLE and subtotal is not None:
            subtotal[S_BASE] = r.decimal(element, what)
        elif kind == TAX_AMOUNT and subtotal is not None:
            if _parent_tag(element) == TAX_SUBTOTAL:
                subtotal[S_AMOUNT] = r.decimal(element, what)
        elif kind == PERCENT:
            if subtotal is not None and _parent_tag(element) == TAX_CATEGORY:
                subtotal[S_RATE] = r.decimal(element, what)
        elif kind == PER_UNIT and subtotal is not None:
            subtotal[S_PER_UNIT] = r.decimal(element, what)
        elif kind == BASE_UNIT and subtotal is not None:
            subtotal[S_UNIT] = element.get("unitCode")
        elif kind == NAME:
            owner = _parent_tag(element)
            if owner == ITEM and item_name is None:
                item_name = text_of(element)
            elif owner == TAX_SCHEME and subtotal is not None and subtotal[S_NAME] is None:
                subtotal[S_NAME] = text_of(element)
        elif kind == DESCRIPTION:
            if description is None and _parent_tag(element) == ITEM:
                description = text_of(element)
        elif kind == ALLOWANCE:
            charge = [False, None, None, None, None]
            charges.append(charge)
        elif kind in (CHARGE_FLAG, AMOUNT, BASE_AMOUNT, MULTIPLIER, REASON):
            if charge is not None and _parent_tag(element) == ALLOWANCE_CHARGE:
                _charge_field(r, charge, kind, element, what)
        elif kind in (PRICE_AMOUNT, BASE_QUANTITY) and _parent_tag(element) == PRICE:
            if kind == PRICE_AMOUNT:
                unit_price = r.decimal(element, what)
            else:
                base_quantity = r.decimal(element, what)
        elif kind == FREE and element.getparent() is line:
            free = (text_of(element) or "").lower() == "true"
    return DocumentLine(
        number=number,
        description=description or item_name or "",
        quantity=quantity,
        unit_code=unit_code,
        unit_price=unit_price,
        line_total=line_total or ZERO,
        base_quantity=base_quantity,
        free_of_charge=free,
        codes=tuple(codes),
        allowance_charges=tuple(
            AllowanceCharge(c[A_CHARGE], c[A_AMOUNT] or ZERO, c[A_BASE], c[A_PERCENT], c[A_REASON])
            for c in charges
        ),
        taxes=tuple(_tax(s) for s in taxes),
        withholdings=tuple(_tax(s) for s in withholdings),
    )


def _parent_tag(element: Element) -> object:
    # Compared against Clark strings only; `object` keeps lxml's wide tag type out.
    parent = element.getparent()
    return parent.tag if parent is not None else None


def _charge_field(r: Reader, charge: list[Any], kind: int, element: Element, what: str) -> None:
    if kind == CHARGE_FLAG:
        charge[A_CHARGE] = (text_of(element) or "").lower() == "true"
    elif kind == AMOUNT:
        charge[A_AMOUNT] = r.decimal(element, what)
    elif kind == BASE_AMOUNT:
        charge[A_BASE] = r.decimal(element, what)
    elif kind == MULTIPLIER:
        charge[A_PERCENT] = r.decimal(element, what)
    else:
        charge[A_REASON] = text_of(element)


def _tax(record: list[Any]) -> TaxAmount:
    return TaxAmount(
        scheme=record[S_SCHEME] or "",
        amount=record[S_AMOUNT] or ZERO,
        rate=record[S_RATE],
        base=record[S_BASE],
        name=record[S_NAME],
        per_unit_amount=record[S_PER_UNIT],
        unit_code=record[S_UNIT],
    )
