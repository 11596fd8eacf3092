"""The DIAN web service client against the SOAP stand-in on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography import x509
from lxml import etree
from signxml import XMLVerifier

from tests.stand_ins.dian_ws import DianStandIn
from tools.einvoice.dian_soap import parse_response, status_envelope
from tools.einvoice.dian_ws import (
    Accepted,
    AcceptedWithObservations,
    DianWebService,
    NotFound,
    Rejected,
    Unavailable,
    xml_file_name,
)
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.types import DocumentKind
from tools.einvoice.wssec import WsSecurityError, sign_envelope, verify_envelope

from .conftest import SignedDocument

XML_NAME = xml_file_name(DocumentKind.INVOICE, "900108281", date(2025, 3, 31), 12)


def test_file_names_follow_the_annex() -> None:
    name = xml_file_name(DocumentKind.INVOICE, "900108281", date(2025, 3, 31), 12)
    assert name == "fv0900108281000250000000c.xml"
    assert xml_file_name(DocumentKind.CREDIT_NOTE, "900108281", date(2025, 3, 31), 3).startswith(
        "nc"
    )


def test_accepted_with_the_documents_cufe_and_application_response(
    dian: DianStandIn, signed_invoice: SignedDocument
) -> None:
    with DianWebService(dian.url) as client:
        result = client.send_document(
            signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
        )
    assert isinstance(result, Accepted)
    assert result.key == signed_invoice.built.key
    assert result.status_code == "00"
    assert result.application_response is not None
    assert signed_invoice.built.key.encode() in result.application_response
    (received,) = dian.control.received
    assert received.number == "FE12" and received.xml == signed_invoice.xml
    assert received.file_name == "z0900108281000250000000c.zip"


def test_accepted_with_observations(dian: DianStandIn, signed_invoice: SignedDocument) -> None:
    dian.control.accept_with_observations(
        "Regla: FAJ43b, Notificación: Nombre no coincide con el RUT"
    )
    result = DianWebService(dian.url).send_document(
        signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    assert isinstance(result, AcceptedWithObservations)
    assert result.observations == ("Regla: FAJ43b, Notificación: Nombre no coincide con el RUT",)


def test_rejected_with_reasons_then_status_query(
    dian: DianStandIn, signed_invoice: SignedDocument
) -> None:
    dian.control.reject(
        "Regla: FAD06, Rechazo: NIT inválido", "Regla: FAU04, Rechazo: Total errado"
    )
    client = DianWebService(dian.url)
    result = client.send_document(
        signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    assert isinstance(result, Rejected)
    assert result.reasons == (
        "Regla: FAD06, Rechazo: NIT inválido",
        "Regla: FAU04, Rechazo: Total errado",
    )
    assert isinstance(client.get_status(signed_invoice.built.key), Rejected)


def test_unsigned_document_is_rejected(dian: DianStandIn, signed_invoice: SignedDocument) -> None:
    result = DianWebService(dian.url).send_document(
        signed_invoice.built.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    assert isinstance(result, Rejected)
    assert "sin firma" in result.reasons[0]


def test_resend_of_an_accepted_document_returns_its_stored_outcome(
    dian: DianStandIn, signed_invoice: SignedDocument
) -> None:
    client = DianWebService(dian.url)
    first = client.send_document(
        signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    again = client.send_document(
        signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    assert isinstance(first, Accepted) and isinstance(again, Accepted)
    assert again.key == first.key
    assert len(dian.control.received) == 2  # the DIAN saw the resend, refused it (rule 90)


def test_status_of_unknown_document_is_not_found(dian: DianStandIn) -> None:
    client = DianWebService(dian.url)
    assert isinstance(client.get_status("f" * 96), NotFound)
    assert isinstance(client.get_status_zip("f" * 96), NotFound)


def test_slow_answer_becomes_unavailable(dian: DianStandIn, signed_invoice: SignedDocument) -> None:
    dian.control.slow(3.0)
    started = time.monotonic()
    result = DianWebService(dian.url, timeout=0.2).send_document(
        signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    assert isinstance(result, Unavailable)
    assert "a tiempo" in result.reason
    assert time.monotonic() - started < 2.0  # gave up long before the 3 s answer


def test_http_500_fault_then_recovery(dian: DianStandIn, signed_invoice: SignedDocument) -> None:
    dian.control.fail_next(2)
    client = DianWebService(dian.url)
    results = [
        client.send_document(signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key)
        for _ in range(3)
    ]
    assert [type(r) for r in results] == [Unavailable, Unavailable, Accepted]
    assert isinstance(results[0], Unavailable) and "HTTP 500" in results[0].reason


def test_down_for_n_calls_and_for_a_window(
    dian: DianStandIn, signed_invoice: SignedDocument
) -> None:
    client = DianWebService(dian.url, timeout=2)
    dian.control.down_next(1)
    dropped = client.get_status(signed_invoice.built.key)
    assert isinstance(dropped, Unavailable) and "conexión" in dropped.reason
    dian.control.down_for(1.5)  # generous: the machine is shared and may be slow
    assert isinstance(client.get_status(signed_invoice.built.key), Unavailable)
    assert dian.control.down_until is not None
    time.sleep(max(0.0, dian.control.down_until - time.monotonic()) + 0.05)
    assert isinstance(client.get_status(signed_invoice.built.key), NotFound)


def test_nobody_listening_is_unavailable(signed_invoice: SignedDocument) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = DianWebService(f"http://127.0.0.1:{port}/svc", timeout=1).get_status("a" * 96)
    assert isinstance(result, Unavailable)


def test_ws_security_header_is_required_and_verifies(
    dian: DianStandIn,
    signed_invoice: SignedDocument,
    test_certificate: tuple[SigningCredentials, x509.Certificate],
) -> None:
    dian.control.require_ws_security = True
    anonymous = DianWebService(dian.url).get_status(signed_invoice.built.key)
    assert isinstance(anonymous, Unavailable) and "Seguridad WS" in anonymous.reason
    client = DianWebService(dian.url, credentials=test_certificate[0])
    result = client.send_document(
        signed_invoice.xml, xml_name=XML_NAME, key=signed_invoice.built.key
    )
    assert isinstance(result, Accepted)


def test_ws_security_signature_verifies_with_signxml_and_detects_tampering(
    test_certificate: tuple[SigningCredentials, x509.Certificate],
) -> None:
    credentials, cert = test_certificate
    envelope = sign_envelope(
        status_envelope("GetStatus", "https://dian.test/svc", "a" * 96), credentials
    )
    assert verify_envelope(envelope) == cert
    # An independent implementation agrees (schema check off: it lacks exc-c14n's schema).
    verified = XMLVerifier().verify(
        etree.fromstring(envelope), x509_cert=cert, validate_schema=False
    )
    assert not isinstance(verified, list) and verified.signed_xml is not None
    assert etree.QName(verified.signed_xml).localname == "To"
    redirected = envelope.replace(
        b"https://dian.test/svc</wsa:To>", b"https://otro.test/svc</wsa:To>"
    )
    with pytest.raises(WsSecurityError, match="digest"):
        verify_envelope(redirected)
    later = datetime.now(UTC) + timedelta(minutes=10)
    with pytest.raises(WsSecurityError, match="expired"):
        verify_envelope(envelope, now=later)


def test_answers_are_parsed_without_entities() -> None:
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
        b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
        b'<GetStatusResponse xmlns="http://wcf.dian.colombia"><GetStatusResult '
        b'xmlns:b="http://schemas.datacontract.org/2004/07/DianResponse">'
        b"<b:IsValid>false</b:IsValid><b:StatusCode>99</b:StatusCode>"
        b"<b:StatusDescription>&leak;</b:StatusDescription></GetStatusResult>"
        b"</GetStatusResponse></s:Body></s:Envelope>"
    )
    (response,) = parse_response(hostile)
    assert "root:" not in response.status_description
