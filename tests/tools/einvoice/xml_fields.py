"""Read the CUFE/CUDE fields back out of a UBL document (tests only, namespace-aware)."""

from __future__ import annotations

from lxml import etree

from tools.einvoice.cufe import KeyFields

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


def text(root: etree._Element, path: str) -> str:
    value = root.findtext(path, namespaces=NS)
    assert value is not None, path
    return value.strip()


def tax(root: etree._Element, scheme: str) -> str:
    for total in root.findall("cac:TaxTotal", NS):
        if total.findtext(
            "cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:ID", namespaces=NS
        ) == (scheme):
            return text(total, "cbc:TaxAmount")
    return "0.00"


def fields_from_xml(root: etree._Element, *, nit: str, secret: str) -> KeyFields:
    totals = "cac:LegalMonetaryTotal"
    if root.find(totals, NS) is None:
        totals = "cac:RequestedMonetaryTotal"
    return KeyFields(
        number=text(root, "cbc:ID"),
        issue_date=text(root, "cbc:IssueDate"),
        issue_time=text(root, "cbc:IssueTime"),
        line_extension=text(root, f"{totals}/cbc:LineExtensionAmount"),
        vat=tax(root, "01"),
        inc=tax(root, "04"),
        ica=tax(root, "03"),
        payable=text(root, f"{totals}/cbc:PayableAmount"),
        supplier_nit=nit,
        customer_id=text(
            root, "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"
        ),
        secret=secret,
        environment=text(root, "cbc:ProfileExecutionID"),
    )
