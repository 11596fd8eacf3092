"""Namespaces and small element helpers shared by the UBL builders."""

from __future__ import annotations

from lxml import etree

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
STS = "dian:gov:co:facturaelectronica:Structures-2-1"
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

ROOT_NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "DebitNote": "urn:oasis:names:specification:ubl:schema:xsd:DebitNote-2",
    "AttachedDocument": "urn:oasis:names:specification:ubl:schema:xsd:AttachedDocument-2",
    "ApplicationResponse": "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2",
}

PREFIXES = {
    "cac": CAC,
    "cbc": CBC,
    "ext": EXT,
    "sts": STS,
    "ds": DS,
    "xades": XADES,
    "xades141": XADES141,
    "xsi": XSI,
}

DIAN_AGENCY = {
    "schemeAgencyID": "195",
    "schemeAgencyName": "CO, DIAN (Dirección de Impuestos y Aduanas Nacionales)",
}
DIAN_NIT = "800197268"
DIAN_CHECK_DIGIT = "4"


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML from outside (DIAN answers, requests) without entities or network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(data, parser)


def q(prefix: str, local: str) -> str:
    """Clark notation for `prefix:local` (`{uri}local`)."""
    return f"{{{PREFIXES[prefix]}}}{local}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append `prefix:local` under `parent`, with optional text and attributes."""
    prefix, local = tag.split(":", 1)
    element = etree.SubElement(parent, q(prefix, local))
    for name, value in attrs.items():
        element.set(name, value)
    if text is not None:
        element.text = text
    return element


def new_root(name: str) -> etree._Element:
    """A UBL root element with the DIAN's usual namespace declarations."""
    nsmap: dict[str | None, str] = {None: ROOT_NS[name]}
    nsmap.update(PREFIXES)
    return etree.Element(f"{{{ROOT_NS[name]}}}{name}", nsmap=nsmap)
