"""Readers for the reusable UBL pieces: text, amounts, dates, parties, taxes, discounts.

Speed matters (a batch is tens of thousands of files): elements are reached by walking
children once and grouping them by Clark tag (`kids`), a C-level iteration, instead of
`find()` paths, which run lxml's Python ElementPath engine on every call.

A `Reader` collects the issues found while reading (a malformed amount or date is
reported on the document, never guessed), so one odd value does not lose the document.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal, InvalidOperation

from lxml import etree

from tools.dian.model import AllowanceCharge, DocumentIssue, Party, TaxAmount
from tools.dian.ns import q

Element = etree._Element
Kids = dict[str, list[Element]]
ZERO = Decimal(0)
_NONE: list[Element] = []

ADDITIONAL_ACCOUNT_ID = q("cbc:AdditionalAccountID")
PARTY = q("cac:Party")
PARTY_TAX_SCHEME = q("cac:PartyTaxScheme")
PARTY_LEGAL_ENTITY = q("cac:PartyLegalEntity")
PARTY_IDENTIFICATION = q("cac:PartyIdentification")
PARTY_NAME = q("cac:PartyName")
CONTACT = q("cac:Contact")
COMPANY_ID = q("cbc:CompanyID")
ID = q("cbc:ID")
NAME = q("cbc:Name")
REGISTRATION_NAME = q("cbc:RegistrationName")
EMAIL = q("cbc:ElectronicMail")
TAX_LEVEL_CODE = q("cbc:TaxLevelCode")
INDUSTRY_CODE = q("cbc:IndustryClassificationCode")

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


# What `Reader.party` reads at each level; a role without `cac:Party` holds the party's
# own children (so the role's set includes them).
_PARTY_TAGS = frozenset(
    {PARTY_TAX_SCHEME, PARTY_LEGAL_ENTITY, PARTY_IDENTIFICATION, PARTY_NAME, CONTACT, INDUSTRY_CODE}
)
_ROLE_TAGS = _PARTY_TAGS | {PARTY, ADDITIONAL_ACCOUNT_ID}
_TAX_SCHEME_TAGS = frozenset({COMPANY_ID, REGISTRATION_NAME, TAX_LEVEL_CODE})
_LEGAL_TAGS = frozenset({COMPANY_ID, REGISTRATION_NAME})


def kids(element: Element | None) -> Kids:
    """Children of `element` grouped by Clark tag, in document order."""
    grouped: Kids = {}
    if element is not None:
        for child in element:
            grouped.setdefault(child.tag, []).append(child)  # type: ignore[arg-type]
    return grouped


def firsts(element: Element | None, wanted: frozenset[str]) -> dict[str, Element]:
    """The first child of `element` for each tag in `wanted` (cheaper than `kids` where
    only a few tags are read: no list per tag)."""
    found: dict[str, Element] = {}
    if element is not None:
        for candidate in element:
            tag = candidate.tag
            if tag in wanted and tag not in found:
                found[tag] = candidate
    return found


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
        raw = text_of(element)
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
        raw = text_of(element)
        if raw is None:
            return None
        try:
            return time.fromisoformat(raw)
        except ValueError:
            self.issues.append(
                DocumentIssue("hora_invalida", f"La hora de emisión «{raw[:30]}» no es válida.")
            )
            return None

    def party(self, role: Element | None) -> Party:
        """`AccountingSupplierParty` / `AccountingCustomerParty` (or Sender/Receiver)."""
        if role is None:
            return Party(id_type=None, nit=None, dv=None, name=None)
        role_kids = firsts(role, _ROLE_TAGS)
        holder = role_kids.get(PARTY)
        party_kids = firsts(holder, _PARTY_TAGS) if holder is not None else role_kids
        tax_kids = firsts(party_kids.get(PARTY_TAX_SCHEME), _TAX_SCHEME_TAGS)
        legal_kids = firsts(party_kids.get(PARTY_LEGAL_ENTITY), _LEGAL_TAGS)
        id_element = present(
            tax_kids.get(COMPANY_ID),
            legal_kids.get(COMPANY_ID),
            child(party_kids.get(PARTY_IDENTIFICATION), ID),
        )
        nit = dv = id_type = None
        if id_element is not None:
            # CompanyID text may carry spaces and newlines in real files.
            nit = "".join((id_element.text or "").split()) or None
            dv = (id_element.get("schemeID") or "").strip() or None
            id_type = (id_element.get("schemeName") or "").strip() or None
        name = (
            text_of(tax_kids.get(REGISTRATION_NAME))
            or text_of(legal_kids.get(REGISTRATION_NAME))
            or text_of(child(party_kids.get(PARTY_NAME), NAME))
        )
        levels = text_of(tax_kids.get(TAX_LEVEL_CODE)) or ""
        return Party(
            id_type=id_type,
            nit=nit,
            dv=dv,
            name=name,
            email=text_of(child(party_kids.get(CONTACT), EMAIL)),
            person_type=text_of(role_kids.get(ADDITIONAL_ACCOUNT_ID)),
            tax_responsibilities=tuple(code.strip() for code in levels.split(";") if code.strip()),
            ciiu=text_of(party_kids.get(INDUSTRY_CODE)),
        )

    def taxes(self, totals: list[Element], what: str) -> list[TaxAmount]:
        """Every `TaxSubtotal` of the given TaxTotal / WithholdingTaxTotal elements."""
        found: list[TaxAmount] = []
        for total in totals:
            for sub in total:
                if sub.tag == TAX_SUBTOTAL:
                    found.append(read_subtotal(self, sub, what))
        return found

    def subtotal(self, sub: Element, what: str) -> TaxAmount:
        """One `TaxSubtotal` (see `read_subtotal`)."""
        return read_subtotal(self, sub, what)

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
