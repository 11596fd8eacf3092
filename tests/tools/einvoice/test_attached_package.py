"""AttachedDocument, PDF and the customer ZIP, from a document the stand-in validated."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from decimal import Decimal

import pytest
from cryptography import x509
from lxml import etree

from tests.stand_ins.dian_ws import DianStandIn, application_response
from tools.einvoice.attached import NotValidatedError, build_attached_document
from tools.einvoice.dian_ws import Accepted, DianWebService
from tools.einvoice.package import build_package
from tools.einvoice.pdf import render_pdf
from tools.einvoice.signing import SigningCredentials, verify_document
from tools.einvoice.types import DraftLine
from tools.einvoice.ubl import build_document

from .conftest import SignedDocument
from .factories import credit_note_draft, invoice_draft
from .xml_fields import NS, text

CBC = NS["cbc"]


def _validated(dian: DianStandIn, signed: SignedDocument) -> bytes:
    result = DianWebService(dian.url).send_document(
        signed.xml, xml_name="fv0900108281000250000000c.xml", key=signed.built.key
    )
    assert isinstance(result, Accepted) and result.application_response is not None
    return result.application_response


def test_attached_document_embeds_invoice_and_dian_answer(
    dian: DianStandIn,
    signed_invoice: SignedDocument,
    test_certificate: tuple[SigningCredentials, x509.Certificate],
) -> None:
    answer = _validated(dian, signed_invoice)
    credentials, cert = test_certificate
    attached = build_attached_document(
        invoice_draft(),
        signed_xml=signed_invoice.xml,
        key=signed_invoice.built.key,
        application_response=answer,
        credentials=credentials,
    )
    verify_document(attached, cert)
    assert b"<![CDATA[" in attached
    root = etree.fromstring(attached)
    assert etree.QName(root).localname == "AttachedDocument"
    assert text(root, "cbc:ParentDocumentID") == "FE12"
    embedded = text(root, "cac:Attachment/cac:ExternalReference/cbc:Description")
    assert embedded.encode() == signed_invoice.xml.strip()
    reference = "cac:ParentDocumentLineReference/cac:DocumentReference"
    assert text(root, f"{reference}/cbc:UUID") == signed_invoice.built.key
    assert text(root, f"{reference}/cac:ResultOfVerification/cbc:ValidationResultCode") == "02"
    response = etree.fromstring(
        text(root, f"{reference}/cac:Attachment/cac:ExternalReference/cbc:Description").encode()
    )
    assert etree.QName(response).localname == "ApplicationResponse"


def test_a_rejected_document_gets_no_attached_document(signed_invoice: SignedDocument) -> None:
    refused = application_response(signed_invoice.built.key, "FE12", valid=False, notes=("x",))
    with pytest.raises(NotValidatedError):
        build_attached_document(
            invoice_draft(),
            signed_xml=signed_invoice.xml,
            key=signed_invoice.built.key,
            application_response=refused,
        )


def _pdf_strings(pdf: bytes) -> list[str]:
    return [m.decode("latin-1") for m in re.findall(rb"\((.*?)\) Tj", pdf)]


def test_pdf_in_spanish_with_es_co_amounts_cufe_and_qr() -> None:
    built = build_document(invoice_draft())
    pdf = render_pdf(built)
    assert pdf.startswith(b"%PDF")
    strings = _pdf_strings(pdf)
    assert "Factura electrónica de venta No. FE12" in strings
    assert "$ 816.850,00" in strings and "$ 108.850,00" in strings
    assert "Excluido" in strings
    assert any(s.startswith("Fecha de emisión: 31/03/2025") for s in strings)
    assert f"CUFE: {built.key}" in strings
    assert b"/Subtype /Image" in pdf


def test_long_invoice_has_the_qr_on_every_page() -> None:
    many = tuple(DraftLine(f"Producto {i}", Decimal("1"), Decimal("1000")) for i in range(90))
    built = build_document(replace(invoice_draft(), lines=many))
    pdf = render_pdf(built)
    strings = _pdf_strings(pdf)
    pages = [s for s in strings if s.startswith("Página ")]
    assert len(pages) >= 2 and pages[-1] == f"Página {len(pages)} de "
    # fpdf2 writes the total page count as its own text run after "de ".
    assert f"Página {len(pages)} de ) Tj ({len(pages)}) Tj".encode("latin-1") in pdf
    assert pdf.count(b"/I1 Do") >= len(pages)  # the QR image drawn on each page
    assert "$ 107.100,00" in strings  # 90 000 + 19 % IVA


def test_credit_note_pdf_says_cude_and_reference() -> None:
    built = build_document(credit_note_draft("a" * 96))
    strings = _pdf_strings(render_pdf(built))
    assert "Nota crédito electrónica No. NC3" in strings
    assert f"CUDE: {built.key}" in strings
    assert any(s.startswith("Factura referenciada: FE12 del 31/03/2025") for s in strings)


def test_package_holds_the_attached_xml_and_the_pdf(signed_invoice: SignedDocument) -> None:
    package = build_package(invoice_draft(), attached_xml=b"<AttachedDocument/>", pdf=b"%PDF-1.3")
    assert package.zip_name == "z0900108281000250000000c.zip"
    with zipfile.ZipFile(io.BytesIO(package.zip_bytes)) as archive:
        assert archive.namelist() == [package.xml_name, package.pdf_name]
        assert archive.read(package.xml_name) == b"<AttachedDocument/>"
        assert package.pdf_name.endswith(".pdf")
