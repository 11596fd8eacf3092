"""Readers for the reusable UBL pieces: text, amounts, dates, parties, taxes, discounts.

Speed matters (a batch is tens of thousands of files): elements are reached by walking
children once and grouping them by Clark tag (`kids`), a C-level iteration, instead of
`find()` paths, which run lxml's Python ElementPath engine on every call.

A `Reader` collects the issues found while reading (a malformed amount or date is
reported on the document, never guessed), so one odd value does not lose the document.
"""

from __future__ import annotations

import datetime
import re
from datetime import date, time
from decimal import Decimal, InvalidOperation

from lxml import etree

from tools.dian.model import AllowanceCharge, DocumentIssue, TaxAmount
from tools.dian.ns import q

Element = etree._Element
Kids = dict[str, list[Element]]
ZERO = Decimal(0)
_NUMBER = re.compile(r"^(.*?)(\d+)$")
_NONE: list[Element] = []

ID = q("cbc:ID")
NAME = q("cbc:Name")

TAX_SUBTOTAL = q("cac:TaxSubtotal")
TAXABLE_AMOUNT = q("cbc:TaxableAmount")
TAX_AMOUNT = q("cbc:TaxAmount")
TAX_CATEGORY = q("cac:TaxCategory")
TAX_SCHEME = q("cac:TaxScheme")
PERCENT = q("cbc:Percent")
PER_UNIT_AMOUNT = q("cbc:PerUnitAmount")
BASE_UNIT_MEASURE = q("cbc:BaseUnitMeasure")

CHARGE_INDICATOR = q("cbc:ChargeIndicator")
AMOUNT = q("cbc:Amount")
BASE_AMOUNT = q("cbc:BaseAmount")
MULTIPLIER = q("cbc:MultiplierFactorNumeric")
REASON = q("cbc:AllowanceChargeReason")


def kids(element: Element | None) -> Kids:
    """Children of `element` grouped by Clark tag, in document order."""
    grouped: Kids = {}
    if element is not None:
        for child in element:
            grouped.setdefault(child.tag, []).append(child)  # type: ignore[arg-type]
    return grouped


def first(grouped: Kids, tag: str) -> Element | None:
    """The first child with `tag`, or None."""
    found = grouped.get(tag)
    return found[0] if found else None


def child(element: Element | None, tag: str) -> Element | None:
    """The first child of `element` with `tag` (for elements with few children)."""
    if element is not None:
        for candidate in element:
            if candidate.tag == tag:
                return candidate
    return None


def present(*candidates: Element | None) -> Element | None:
    """The first candidate that exists (elements without children are falsy: never `or`)."""
    for candidate in candidates:
        if candidate is not None:
            return candidate
    return None


def dig(element: Element | None, *tags: str) -> Element | None:
    """Follow first children by tag: `dig(root, ATTACHMENT, EXTERNAL_REFERENCE, DESCRIPTION)`."""
    for tag in tags:
        element = child(element, tag)
        if element is None:
            return None
    return element


def text_of(element: Element | None) -> str | None:
    """Stripped text of an element; None when missing or blank."""
    if element is None:
        return None
    raw = element.text  # each `.text` read builds a new string: read it once
    return (raw.strip() or None) if raw is not None else None


def split_number(number: str | None, declared: str | None) -> tuple[str | None, str | None]:
    """`SETP990000002` -> (`SETP`, `990000002`), trusting the authorized prefix first."""
    if number is None:
        return None, None
    if declared and number.startswith(declared):
        return declared, number[len(declared) :] or None
    match = _NUMBER.match(number)
    if match is None:
        return None, number
    return match.group(1) or None, match.group(2)


def number_of(r: Reader, raw: str | None, what: str) -> Decimal | None:
    """`raw` (an element's text) as a Decimal (None when absent or blank); a malformed or
    non-finite number is reported on `r`. A plain function taking the text: it runs ~100
    times a document, and callers already hold the element."""
    if raw is None:
        return None
    try:
        value = Decimal(raw)  # Decimal itself ignores surrounding whitespace
    except InvalidOperation:
        r.bad_number(raw, what)
        return None
    if value.is_finite():
        return value
    r.bad_number(raw, what)
    return None


class Reader:
    """Reads values off one document and remembers what could not be read."""

    __slots__ = ("issues",)

    def __init__(self) -> None:
        self.issues: list[DocumentIssue] = []

    def decimal(self, element: Element | None, what: str) -> Decimal | None:
        """The element's text as a Decimal; a malformed number becomes an issue."""
        if element is None:
            return None
        return number_of(self, element.text, what)

    def bad_number(self, raw: str, what: str) -> None:
        """Report `raw` as not a number (blank text is simply absent)."""
        if raw.strip():
            self.issues.append(
                DocumentIssue(
                    "valor_invalido", f"El valor «{raw.strip()[:40]}» de {what} no es un número."
                )
            )

    def date(self, element: Element | None, what: str) -> date | None:
        """An ISO date (`2019-06-20`); a malformed one is reported and read as None."""
        return self.date_of(text_of(element), what)

    def date_of(self, raw: str | None, what: str) -> datetime.date | None:
        """`date` of an element's stripped text (None when absent)."""
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.issues.append(
                DocumentIssue("fecha_invalida", f"La fecha «{raw[:30]}» de {what} no es válida.")
            )
            return None

    def time(self, element: Element | None) -> time | None:
        """An ISO time with or without offset (`09:15:23-05:00`)."""
        return self.time_of(text_of(element))

    def time_of(self, raw: str | None) -> datetime.time | None:
        """`time` of an element's stripped text (None when absent)."""
        if raw is None:
            return None
        try:
            return time.fromisoformat(raw)
        except ValueError:
            self.issues.append(
                DocumentIssue("hora_invalida", f"La hora de emisión «{raw[:30]}» no es válida.")
            )
            return None

    def allowance_charges(self, elements: list[Element], what: str) -> tuple[AllowanceCharge, ...]:
        """Discounts and charges (`AllowanceCharge` elements)."""
        found = []
        for element in elements:
            element_kids = kids(element)
            indicator = (text_of(first(element_kids, CHARGE_INDICATOR)) or "false").lower()
            found.append(
                AllowanceCharge(
                    is_charge=indicator == "true",
                    amount=self.decimal(first(element_kids, AMOUNT), what) or ZERO,
                    base=self.decimal(first(element_kids, BASE_AMOUNT), what),
                    percent=self.decimal(first(element_kids, MULTIPLIER), what),
                    reason=text_of(first(element_kids, REASON)),
                )
            )
        return tuple(found)

    def total_of(self, totals: list[Element], what: str) -> Decimal:
        """Sum of the `cbc:TaxAmount` of each TaxTotal element."""
        return sum((self.decimal(child(total, TAX_AMOUNT), what) or ZERO for total in totals), ZERO)


def read_subtotals(r: Reader, totals: list[Element], what: str) -> tuple[TaxAmount, ...]:
    """Every `TaxSubtotal` of the given TaxTotal / WithholdingTaxTotal elements."""
    return tuple(
        read_subtotal(r, sub, what) for total in totals for sub in total if sub.tag == TAX_SUBTOTAL
    )


def read_subtotal(r: Reader, sub: Element, what: str) -> TaxAmount:
    """One `TaxSubtotal`. A hand-written walk: this runs for every line of every file, so
    texts are read inline (one `.text` per element, no helper call)."""
    base = amount = rate = per_unit = None
    scheme = name = unit_code = None
    for element in sub:
        tag = element.tag
        if tag == TAXABLE_AMOUNT:
            base = number_of(r, element.text, what)
        elif tag == TAX_AMOUNT:
            amount = number_of(r, element.text, what)
        elif tag == TAX_CATEGORY:
            for part in element:
                tag = part.tag
                if tag == PERCENT:
                    rate = number_of(r, part.text, what)
                elif tag == TAX_SCHEME:
                    for field in part:
                        tag = field.tag
                        if tag == ID:
                            if scheme is None:
                                raw = field.text
                                if raw is not None:
                                    scheme = raw.strip() or None
                        elif tag == NAME and name is None:
                            raw = field.text
                            if raw is not None:
                                name = raw.strip() or None
        elif tag == PER_UNIT_AMOUNT:
            per_unit = number_of(r, element.text, what)
        elif tag == BASE_UNIT_MEASURE:
            unit_code = element.get("unitCode")
    return TaxAmount(scheme or "", amount or ZERO, rate, base, name, per_unit, unit_code)
