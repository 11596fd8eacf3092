"""The generated UBL 2.1 documents and their XAdES-EPES signature."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from signxml.exceptions import InvalidSignature

from cuadre.settings import Settings
from tools.einvoice.cufe import software_security_code
from tools.einvoice.signing import (
    CertificateError,
    credentials_from_settings,
    load_pkcs12,
    sign_document,
    verify_document,
)
from tools.einvoice.ubl import build_document

from .factories import credit_note_draft, debit_note_draft, invoice_draft, self_signed_pkcs12
from .xml_fields import NS, fields_from_xml, text

ALL_NS = {
    **NS,
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "sts": "dian:gov:co:facturaelectronica:Structures-2-1",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
    "xades": "http://uri.etsi.org/01903/v1.3.2#",
}


@pytest.fixture(scope="module")
def certificate() -> tuple[bytes, object]:
    return self_signed_pkcs12()


def test_invoice_structure_and_cufe_recomputes_from_the_xml() -> None:
    built = build_document(invoice_draft())
    root = etree.fromstring(built.xml)
    assert etree.QName(root).localname == "Invoice"
    assert text(root, "cbc:CustomizationID") == "10"
    assert text(root, "cbc:ProfileExecutionID") == "2"
    assert text(root, "cbc:InvoiceTypeCode") == "01"
    uuid = root.find("cbc:UUID", NS)
    assert uuid is not None and uuid.get("schemeName") == "CUFE-SHA384"
    assert uuid.get("schemeID") == "2" and uuid.text == built.key
    # The CUFE recomputes from what the XML itself says.
    fields = fields_from_xml(root, nit="900108281", secret=invoice_draft().resolution.technical_key)
    assert fields.digest() == built.key
    supplier_id = root.find(
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID", NS
    )
    assert supplier_id is not None
    assert (supplier_id.get("schemeID"), supplier_id.get("schemeName")) == ("3", "31")
    scheme_path = "cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:ID"
    taxes = {
        t.findtext(scheme_path, namespaces=NS): [
            (text(s, "cac:TaxCategory/cbc:Percent"), text(s, "cbc:TaxAmount"))
            for s in t.findall("cac:TaxSubtotal", NS)
        ]
        for t in root.findall("cac:TaxTotal", NS)
    }
    assert taxes == {
        "01": [("5.00", "6250.00"), ("19.00", "102600.00")],
        "04": [("8.00", "10000.00")],
    }
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "816850.00"
    assert len(root.findall("cac:InvoiceLine", NS)) == 3
    assert text(root, "cbc:LineCountNumeric") == "3"


def test_dian_extensions_carry_resolution_security_code_and_qr() -> None:
    draft = invoice_draft()
    built = build_document(draft)
    root = etree.fromstring(built.xml)
    dian = root.find(".//sts:DianExtensions", ALL_NS)
    assert dian is not None
    assert (
        dian.findtext("sts:InvoiceControl/sts:AuthorizedInvoices/sts:Prefix", namespaces=ALL_NS)
        == "FE"
    )
    assert dian.findtext("sts:SoftwareSecurityCode", namespaces=ALL_NS) == software_security_code(
        draft.software.software_id, draft.software.pin, "FE12"
    )
    assert dian.findtext("sts:QRCode", namespaces=ALL_NS) == built.qr_text
    contents = root.findall("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", ALL_NS)
    assert len(contents) == 2 and len(contents[1]) == 0


def test_credit_note_has_cude_reference_and_no_invoice_control() -> None:
    invoice = build_document(invoice_draft())
    built = build_document(credit_note_draft(invoice.key))
    root = etree.fromstring(built.xml)
    assert etree.QName(root).localname == "CreditNote"
    assert text(root, "cbc:CreditNoteTypeCode") == "91"
    assert text(root, "cbc:CustomizationID") == "20"
    uuid = root.find("cbc:UUID", NS)
    assert uuid is not None and uuid.get("schemeName") == "CUDE-SHA384"
    assert text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:UUID") == invoice.key
    assert text(root, "cac:DiscrepancyResponse/cbc:ResponseCode") == "1"
    assert root.find(".//sts:InvoiceControl", ALL_NS) is None
    assert root.find("cac:CreditNoteLine/cbc:CreditedQuantity", NS) is not None
    fields = fields_from_xml(root, nit="900108281", secret="20191")
    assert fields.digest() == built.key


def test_debit_note_uses_requested_monetary_total() -> None:
    built = build_document(debit_note_draft("a" * 96))
    root = etree.fromstring(built.xml)
    assert etree.QName(root).localname == "DebitNote"
    assert root.find("cac:LegalMonetaryTotal", NS) is None
    assert text(root, "cac:RequestedMonetaryTotal/cbc:PayableAmount") == "25000.00"
    assert text(root, "cbc:CustomizationID") == "30"
    assert root.find("cac:DebitNoteLine/cbc:DebitedQuantity", NS) is not None


def test_signed_invoice_verifies_and_signature_sits_in_second_extension(
    certificate: tuple[bytes, object],
) -> None:
    bundle, cert = certificate
    credentials = load_pkcs12(bundle, "clave-prueba")
    signed = sign_document(build_document(invoice_draft()).xml, credentials)
    verify_document(signed, cert)  # type: ignore[arg-type]
    root = etree.fromstring(signed)
    contents = root.findall("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent", ALL_NS)
    assert contents[1][0].tag == "{http://www.w3.org/2000/09/xmldsig#}Signature"
    props = root.find(".//xades:SignedSignatureProperties", ALL_NS)
    assert props is not None
    assert props.findtext(".//xades:ClaimedRole", namespaces=ALL_NS) == "supplier"
    assert props.find("xades:SigningCertificate/xades:Cert/xades:IssuerSerial", ALL_NS) is not None
    assert (props.findtext("xades:SigningTime", namespaces=ALL_NS) or "").endswith("-05:00")
    algorithms = {
        m.get("Algorithm") for m in root.iter("{*}SignatureMethod", "{*}CanonicalizationMethod")
    }
    assert algorithms == {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    }


def test_tampered_amount_breaks_the_signature(certificate: tuple[bytes, object]) -> None:
    bundle, cert = certificate
    signed = sign_document(build_document(invoice_draft()).xml, load_pkcs12(bundle, "clave-prueba"))
    tampered = signed.replace(b">816850.00<", b">16850.00<", 1)
    assert tampered != signed
    with pytest.raises(InvalidSignature):
        verify_document(tampered, cert)  # type: ignore[arg-type]


def test_certificate_from_settings_and_wrong_password(
    tmp_path: Path, certificate: tuple[bytes, object]
) -> None:
    bundle, _ = certificate
    path = tmp_path / "firma.p12"
    path.write_bytes(bundle)
    good = Settings(einvoice_cert_path=path, einvoice_cert_password="clave-prueba")
    assert credentials_from_settings(good).certificate.serial_number > 0
    with pytest.raises(CertificateError, match="contraseña"):
        credentials_from_settings(Settings(einvoice_cert_path=path, einvoice_cert_password="x"))
    with pytest.raises(CertificateError, match="CUADRE_EINVOICE_CERT_PATH"):
        credentials_from_settings(Settings(einvoice_cert_path=tmp_path / "no.p12"))
