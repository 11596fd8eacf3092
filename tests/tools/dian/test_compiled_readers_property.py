"""Random UBL-shaped documents read the same by the compiled and the pure readers.

Hypothesis builds invoices in the UBL shape the readers walk: every aggregate with its
children missing, repeated or reordered, now and then in a foreign namespace, leaves with
any text (numbers and non-numbers, dates, blanks, Unicode spaces) and attributes. Each is
read twice in this process: with the compiled readers, and with every compiled name in the
ingestion modules swapped for its pure twin.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.tools.dian.test_extraction_snapshot import plain
from tools.dian import (
    SourceRef,
    attached,
    lines,
    parties,
    read_document_bytes,
    readers,
    ubl,
    ubl_parts,
    xml_safety,
)
from tools.dian.ns import CAC, CBC, EXT, INVOICE, STS

SPACES = {"cac": CAC, "cbc": CBC, "ext": EXT, "sts": STS[0], "x": "urn:otro"}
AMOUNTS = ("cbc:LineExtensionAmount", "cbc:TaxExclusiveAmount", "cbc:TaxInclusiveAmount",
           "cbc:AllowanceTotalAmount", "cbc:ChargeTotalAmount", "cbc:PrepaidAmount",
           "cbc:PayableRoundingAmount", "cbc:PayableAmount")  # fmt: skip
CHARGE = ("cbc:ID", "cbc:ChargeIndicator", "cbc:AllowanceChargeReason",
          "cbc:MultiplierFactorNumeric", "cbc:Amount", "cbc:BaseAmount")  # fmt: skip
PARTY = ("cac:PartyIdentification", "cac:PartyName", "cac:PartyTaxScheme",
         "cac:PartyLegalEntity", "cac:Contact", "cbc:IndustryClassificationCode")  # fmt: skip
# Where each aggregate's children come from: the UBL shape the readers walk.
SHAPE: dict[str, tuple[str, ...]] = {
    "Invoice": ("ext:UBLExtensions", "cbc:CustomizationID", "cbc:ProfileExecutionID", "cbc:ID",
                "cbc:UUID", "cbc:IssueDate", "cbc:IssueTime", "cbc:DueDate",
                "cbc:InvoiceTypeCode", "cbc:DocumentCurrencyCode", "cbc:LineCountNumeric",
                "cac:BillingReference", "cac:AccountingSupplierParty",
                "cac:AccountingCustomerParty", "cac:PaymentMeans", "cac:PaymentExchangeRate",
                "cac:AllowanceCharge", "cac:TaxTotal", "cac:WithholdingTaxTotal",
                "cac:LegalMonetaryTotal", "cac:DiscrepancyResponse", "cac:InvoiceLine"),
    "ext:UBLExtensions": ("ext:UBLExtension",),
    "ext:UBLExtension": ("ext:ExtensionContent",),
    "ext:ExtensionContent": ("sts:DianExtensions",),
    "sts:DianExtensions": ("sts:InvoiceControl",),
    "sts:InvoiceControl": ("sts:AuthorizedInvoices",),
    "sts:AuthorizedInvoices": ("sts:Prefix",),
    "cac:InvoiceLine": ("cbc:ID", "cbc:InvoicedQuantity", "cbc:LineExtensionAmount",
                        "cbc:FreeOfChargeIndicator", "cac:AllowanceCharge", "cac:TaxTotal",
                        "cac:WithholdingTaxTotal", "cac:Item", "cac:Price"),
    "cac:AllowanceCharge": CHARGE,
    "cac:TaxTotal": ("cbc:TaxAmount", "cac:TaxSubtotal"),
    "cac:WithholdingTaxTotal": ("cbc:TaxAmount", "cac:TaxSubtotal"),
    "cac:TaxSubtotal": ("cbc:TaxableAmount", "cbc:TaxAmount", "cbc:BaseUnitMeasure",
                        "cbc:PerUnitAmount", "cac:TaxCategory"),
    "cac:TaxCategory": ("cbc:Percent", "cac:TaxScheme"),
    "cac:TaxScheme": ("cbc:ID", "cbc:Name"),
    "cac:Item": ("cbc:Description", "cbc:Name", "cac:SellersItemIdentification",
                 "cac:StandardItemIdentification"),
    "cac:SellersItemIdentification": ("cbc:ID",),
    "cac:StandardItemIdentification": ("cbc:ID",),
    "cac:Price": ("cbc:PriceAmount", "cbc:BaseQuantity", "cac:AllowanceCharge"),
    "cac:AccountingSupplierParty": ("cbc:AdditionalAccountID", "cac:Party", *PARTY),
    "cac:AccountingCustomerParty": ("cbc:AdditionalAccountID", "cac:Party", *PARTY),
    "cac:Party": PARTY,
    "cac:PartyIdentification": ("cbc:ID",),
    "cac:PartyName": ("cbc:Name",),
    "cac:PartyTaxScheme": ("cbc:RegistrationName", "cbc:CompanyID", "cbc:TaxLevelCode",
                           "cac:TaxScheme"),
    "cac:PartyLegalEntity": ("cbc:RegistrationName", "cbc:CompanyID"),
    "cac:Contact": ("cbc:ElectronicMail",),
    "cac:PaymentMeans": ("cbc:ID", "cbc:PaymentMeansCode", "cbc:PaymentDueDate"),
    "cac:PaymentExchangeRate": ("cbc:SourceCurrencyCode", "cbc:TargetCurrencyCode",
                                "cbc:CalculationRate", "cbc:Date"),
    "cac:LegalMonetaryTotal": AMOUNTS,
    "cac:BillingReference": ("cac:InvoiceDocumentReference",),
    "cac:InvoiceDocumentReference": ("cbc:ID", "cbc:UUID", "cbc:IssueDate"),
    "cac:DiscrepancyResponse": ("cbc:ReferenceID", "cbc:ResponseCode", "cbc:Description"),
}  # fmt: skip
ODD_TEXTS = ["", " ", "12", "12.50", " 1190000.00 ", "-0", "1e3", "NaN", "Infinity", "abc",
             "2024-03-15", "2024-13-01", "10:15:00-05:00", "true", "FALSE", "01", "31",
             "900390126", "FE", "FE123", "R-99-PN;O-13", "\xa0FE1\u2003", "\x1f5\x1f", "٣",
             "²"]  # fmt: skip
TEXTS = st.one_of(
    st.sampled_from(ODD_TEXTS),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=8,
    ),
)
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["unitCode", "schemeID", "schemeName", "currencyID"]), TEXTS, max_size=2
)


def _clark(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{SPACES[prefix]}}}{local}"


def _element(draw: st.DrawFn, name: str) -> etree._Element:
    """`name` with children drawn from its shape: each 0-2 times, in any order, sometimes
    in another namespace; leaves get a text, any element may get attributes."""
    if draw(st.integers(0, 19)) == 0:  # in a namespace the readers must not take
        name = "x:" + name.split(":")[1]
    element = etree.Element(_clark(name), nsmap=SPACES)
    for attribute, value in draw(ATTRIBUTES).items():
        element.set(attribute, _clean(value))
    shape = SHAPE.get(name)
    if shape is None:
        element.text = _clean(draw(TEXTS))
        return element
    names = [child for child in shape for _ in range(draw(st.integers(0, 2)))]
    for child in draw(st.permutations(names)) if draw(st.booleans()) else names:
        element.append(_element(draw, child))
    return element


def _clean(text: str) -> str:
    """Only characters XML 1.0 allows (lxml refuses to serialize the rest)."""
    return "".join(c for c in text if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))


@st.composite
def invoices(draw: st.DrawFn) -> bytes:
    root = etree.Element(f"{{{INVOICE}}}Invoice", nsmap={None: INVOICE, **SPACES})
    names = [child for child in SHAPE["Invoice"] for _ in range(draw(st.integers(0, 2)))]
    for child in names:
        root.append(_element(draw, child))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


PURE_NAMES = {
    (ubl, "kids"): ubl_parts.kids,
    (ubl, "child"): ubl_parts.child,
    (ubl, "read_line"): lines.read_line,
    (ubl, "read_party"): parties.read_party,
    (ubl, "read_subtotals"): ubl_parts.read_subtotals,
    (ubl, "_read_fields"): ubl.read_fields,
    (attached, "kids"): ubl_parts.kids,
    (attached, "child"): ubl_parts.child,
    (attached, "dig"): ubl_parts.dig,
    (xml_safety, "has_doctype"): readers._has_doctype,
}


@contextmanager
def pure_readers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        for (module, name), pure in PURE_NAMES.items():
            patch.setattr(module, name, pure)
        yield


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=invoices())
def test_compiled_and_pure_readers_agree(document: bytes) -> None:
    source = SourceRef("hypothesis.xml")
    compiled = plain(read_document_bytes(document, source))
    with pytest.MonkeyPatch.context() as monkeypatch, pure_readers(monkeypatch):
        pure = plain(read_document_bytes(document, source))
    assert compiled == pure


def test_the_pure_names_are_really_swapped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert readers.COMPILED
    with pure_readers(monkeypatch):
        assert ubl._read_fields is ubl.read_fields
        assert ubl.read_line is lines.read_line
    assert ubl._read_fields is not ubl.read_fields
