"""Readers for the reusable UBL pieces: text, amounts, dates, parties, taxes, discounts.

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

ADDITIONAL_ACCOUNT_ID = q("cbc:AdditionalAccountID")
PARTY = q("cac:Party")
PARTY_TAX_SCHEME = q("cac:PartyTaxScheme")
COMPANY_ID = q("cbc:CompanyID")
LEGAL_COMPANY_ID = q("cac:PartyLegalEntity/cbc:CompanyID")
PARTY_IDENTIFICATION_ID = q("cac:PartyIdentification/cbc:ID")
REGISTRATION_NAME = q("cbc:RegistrationName")
LEGAL_REGISTRATION_NAME = q("cac:PartyLegalEntity/cbc:RegistrationName")
PARTY_NAME = q("cac:PartyName/cbc:Name")
EMAIL = q("cac:Contact/cbc:ElectronicMail")
TAX_LEVEL_CODE = q("cbc:TaxLevelCode")
INDUSTRY_CODE = q("cbc:IndustryClassificationCode")

TAX_SUBTOTAL = q("cac:TaxSubtotal")
TAXABLE_AMOUNT = q("cbc:TaxableAmount")
TAX_AMOUNT = q("cbc:TaxAmount")
TAX_CATEGORY = q("cac:TaxCategory")
PERCENT = q("cbc:Percent")
SCHEME_ID = q("cac:TaxScheme/cbc:ID")
SCHEME_NAME = q("cac:TaxScheme/cbc:Name")
PER_UNIT_AMOUNT = q("cbc:PerUnitAmount")
BASE_UNIT_MEASURE = q("cbc:BaseUnitMeasure")

CHARGE_INDICATOR = q("cbc:ChargeIndicator")
AMOUNT = q("cbc:Amount")
BASE_AMOUNT = q("cbc:BaseAmount")
MULTIPLIER = q("cbc:MultiplierFactorNumeric")
REASON = q("cbc:AllowanceChargeReason")


def text_of(element: Element | None) -> str | None:
    """Stripped text of an element; None when missing or blank."""
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


class Reader:
    """Reads values off one document and remembers what could not be read."""

    __slots__ = ("issues",)

    def __init__(self) -> None:
        self.issues: list[DocumentIssue] = []

    def text(self, parent: Element | None, path: str) -> str | None:
        """Stripped text at `path` under `parent`; None when missing or blank."""
        if parent is None:
            return None
        value = parent.findtext(path)
        if value is None:
            return None
        value = value.strip()
        return value or None

    def amount(self, parent: Element | None, path: str, what: str) -> Decimal | None:
        """The decimal at `path`; a malformed number is reported and read as None."""
        return self.decimal(self.text(parent, path), what)

    def decimal(self, raw: str | None, what: str) -> Decimal | None:
        """`raw` as a Decimal (None stays None); malformed text becomes an issue."""
        if raw is None:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.issues.append(
                DocumentIssue("valor_invalido", f"El valor «{raw[:40]}» de {what} no es un número.")
            )
            return None
        return value

    def date(self, parent: Element | None, path: str, what: str) -> date | None:
        """An ISO date (`2019-06-20`); a malformed one is reported and read as None."""
        raw = self.text(parent, path)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.issues.append(
                DocumentIssue("fecha_invalida", f"La fecha «{raw[:30]}» de {what} no es válida.")
            )
            return None

    def time(self, parent: Element | None, path: str) -> time | None:
        """An ISO time with or without offset (`09:15:23-05:00`)."""
        raw = self.text(parent, path)
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
        party = role.find(PARTY)
        holder = party if party is not None else role
        tax_scheme = holder.find(PARTY_TAX_SCHEME)
        id_element = tax_scheme.find(COMPANY_ID) if tax_scheme is not None else None
        if id_element is None:
            id_element = holder.find(LEGAL_COMPANY_ID)
        if id_element is None:
            id_element = holder.find(PARTY_IDENTIFICATION_ID)
        nit = dv = id_type = None
        if id_element is not None:
            # CompanyID text may carry spaces and newlines in real files.
            nit = "".join((id_element.text or "").split()) or None
            dv = (id_element.get("schemeID") or "").strip() or None
            id_type = (id_element.get("schemeName") or "").strip() or None
        name = (
            self.text(tax_scheme, REGISTRATION_NAME)
            or self.text(holder, LEGAL_REGISTRATION_NAME)
            or self.text(holder, PARTY_NAME)
        )
        levels = self.text(tax_scheme, TAX_LEVEL_CODE)
        return Party(
            id_type=id_type,
            nit=nit,
            dv=dv,
            name=name,
            email=self.text(holder, EMAIL),
            person_type=self.text(role, ADDITIONAL_ACCOUNT_ID),
            tax_responsibilities=tuple(
                code.strip() for code in (levels or "").split(";") if code.strip()
            ),
            ciiu=self.text(holder, INDUSTRY_CODE),
        )

    def taxes(self, parent: Element, total_tag: str, what: str) -> list[TaxAmount]:
        """Every `TaxSubtotal` of every `total_tag` child (TaxTotal, WithholdingTaxTotal)."""
        found: list[TaxAmount] = []
        for total in parent.iterchildren(total_tag):
            for sub in total.iterchildren(TAX_SUBTOTAL):
                category = sub.find(TAX_CATEGORY)
                unit = sub.find(BASE_UNIT_MEASURE)
                found.append(
                    TaxAmount(
                        scheme=self.text(category, SCHEME_ID) or "",
                        amount=self.amount(sub, TAX_AMOUNT, what) or Decimal(0),
                        rate=self.amount(category, PERCENT, what),
                        base=self.amount(sub, TAXABLE_AMOUNT, what),
                        name=self.text(category, SCHEME_NAME),
                        per_unit_amount=self.amount(sub, PER_UNIT_AMOUNT, what),
                        unit_code=unit.get("unitCode") if unit is not None else None,
                    )
                )
        return found

    def allowance_charges(
        self, parent: Element, tag: str, what: str
    ) -> tuple[AllowanceCharge, ...]:
        """Discounts and charges (`AllowanceCharge` children of `parent`)."""
        found = []
        for element in parent.iterchildren(tag):
            indicator = (self.text(element, CHARGE_INDICATOR) or "false").lower()
            found.append(
                AllowanceCharge(
                    is_charge=indicator == "true",
                    amount=self.amount(element, AMOUNT, what) or Decimal(0),
                    base=self.amount(element, BASE_AMOUNT, what),
                    percent=self.amount(element, MULTIPLIER, what),
                    reason=self.text(element, REASON),
                )
            )
        return tuple(found)
