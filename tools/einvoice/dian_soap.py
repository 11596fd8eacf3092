"""SOAP 1.2 envelopes of the DIAN's WcfDianCustomerServices and its `DianResponse` (pure).

Requests: `SendBillSync(fileName, contentFile)` (base64 ZIP holding the signed XML),
`GetStatus(trackId)` and `GetStatusZip(trackId)` (trackId = the CUFE/CUDE).
Responses carry `DianResponse`: IsValid, StatusCode (00 processed, 66 not found,
99 validation errors...), StatusDescription, StatusMessage, ErrorMessage strings
("Regla: FAD06, Rechazo: ..." / "Regla: FAJ43b, Notificación: ..."), XmlBase64Bytes
(the DIAN's ApplicationResponse) and XmlDocumentKey.
"""

from __future__ import annotations

import base64
import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from tools.einvoice.xmlns import parse_xml

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://www.w3.org/2005/08/addressing"
WCF = "http://wcf.dian.colombia"
DIAN_RESPONSE = "http://schemas.datacontract.org/2004/07/DianResponse"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
ACTION_PREFIX = "http://wcf.dian.colombia/IWcfDianCustomerServices/"

ALREADY_PROCESSED_RULE = "Regla: 90"
NOT_FOUND_CODES = frozenset({"66", "90"})


@dataclass(frozen=True)
class DianResponse:
    """One `DianResponse` as the service wrote it."""

    is_valid: bool
    status_code: str
    status_description: str
    status_message: str
    errors: tuple[str, ...]
    document_key: str
    application_response: bytes | None


class SoapFault(Exception):
    """The service answered with a SOAP Fault (or something that is not its envelope).

    The message is Spanish: it ends up in the document's timeline.
    """


def action(operation: str) -> str:
    """The WS-Addressing / SOAP 1.2 action of an operation."""
    return ACTION_PREFIX + operation


def content_type(operation: str) -> str:
    """SOAP 1.2 carries the action inside the Content-Type."""
    return f'application/soap+xml; charset=utf-8; action="{action(operation)}"'


def request_envelope(operation: str, to: str, params: dict[str, str]) -> bytes:
    """A SOAP 1.2 request with WS-Addressing Action/To and the operation's parameters."""
    envelope = etree.Element(
        f"{{{SOAP12}}}Envelope", nsmap={"soap": SOAP12, "wcf": WCF, "wsa": WSA}
    )
    header = etree.SubElement(envelope, f"{{{SOAP12}}}Header")
    etree.SubElement(header, f"{{{WSA}}}Action").text = action(operation)
    etree.SubElement(header, f"{{{WSA}}}To").text = to
    body = etree.SubElement(envelope, f"{{{SOAP12}}}Body")
    call = etree.SubElement(body, f"{{{WCF}}}{operation}")
    for name, value in params.items():
        etree.SubElement(call, f"{{{WCF}}}{name}").text = value
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def send_bill_sync_envelope(to: str, file_name: str, zip_bytes: bytes) -> bytes:
    """`SendBillSync` with the ZIP in base64."""
    content = base64.b64encode(zip_bytes).decode("ascii")
    return request_envelope("SendBillSync", to, {"fileName": file_name, "contentFile": content})


def status_envelope(operation: str, to: str, track_id: str) -> bytes:
    """`GetStatus` / `GetStatusZip` by trackId (the CUFE/CUDE)."""
    return request_envelope(operation, to, {"trackId": track_id})


def request_operation(envelope: bytes) -> tuple[str, dict[str, str]]:
    """Operation name and parameters of a request envelope (what a server reads)."""
    root = parse_xml(envelope)
    body = root.find(f"{{{SOAP12}}}Body")
    calls = list(body.iterchildren(etree.Element)) if body is not None else []
    if not calls:
        raise SoapFault("la solicitud no trae cuerpo SOAP 1.2")
    call = calls[0]
    params = {
        etree.QName(child).localname: (child.text or "")
        for child in call.iterchildren(etree.Element)
    }
    return etree.QName(call).localname, params


def zip_document(xml_name: str, xml: bytes) -> bytes:
    """The ZIP the DIAN expects: one signed XML inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(xml_name, xml)
    return buffer.getvalue()


def parse_response(payload: bytes) -> list[DianResponse]:
    """Every `DianResponse` in a SendBillSync/GetStatus/GetStatusZip answer.

    Raises `SoapFault` for a Fault or a body that is not the service's envelope.
    """
    try:
        root = parse_xml(payload)
    except etree.XMLSyntaxError as exc:
        raise SoapFault("la respuesta no es XML") from exc
    body = root.find(f"{{{SOAP12}}}Body")
    if body is None:
        raise SoapFault("la respuesta no trae cuerpo SOAP 1.2")
    fault = body.find(f"{{{SOAP12}}}Fault")
    if fault is not None:
        reason = " ".join(t.strip() for t in fault.itertext() if t.strip())
        raise SoapFault(reason or "falla SOAP sin motivo")
    results = [
        el for el in body.iter(etree.Element) if etree.QName(el).localname.endswith("Result")
    ]
    if not results:
        raise SoapFault("la respuesta no trae el resultado de la operación")
    result = results[0]
    nested = result.findall(f"{{{DIAN_RESPONSE}}}DianResponse")
    return [_read(node) for node in (nested or [result])]


def _read(node: etree._Element) -> DianResponse:
    def field(name: str) -> str:
        return (node.findtext(f"{{{DIAN_RESPONSE}}}{name}") or "").strip()

    errors = tuple(
        (s.text or "").strip()
        for s in node.findall(f"{{{DIAN_RESPONSE}}}ErrorMessage/{{{ARRAYS}}}string")
        if (s.text or "").strip()
    )
    encoded = field("XmlBase64Bytes")
    return DianResponse(
        is_valid=field("IsValid").lower() == "true",
        status_code=field("StatusCode"),
        status_description=field("StatusDescription"),
        status_message=field("StatusMessage"),
        errors=errors,
        document_key=field("XmlDocumentKey"),
        application_response=base64.b64decode(encoded) if encoded else None,
    )


def response_envelope(operation: str, responses: list[DianResponse]) -> bytes:
    """The service's answer to `operation` (the stand-in server writes these)."""
    envelope = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"s": SOAP12, "a": WSA})
    header = etree.SubElement(envelope, f"{{{SOAP12}}}Header")
    etree.SubElement(header, f"{{{WSA}}}Action").text = action(operation) + "Response"
    body = etree.SubElement(envelope, f"{{{SOAP12}}}Body")
    wrapper = etree.SubElement(body, f"{{{WCF}}}{operation}Response", nsmap={None: WCF})
    result = etree.SubElement(
        wrapper, f"{{{WCF}}}{operation}Result", nsmap={"b": DIAN_RESPONSE, "c": ARRAYS}
    )
    if operation == "GetStatusZip":
        for response in responses:
            _write(etree.SubElement(result, f"{{{DIAN_RESPONSE}}}DianResponse"), response)
    else:
        _write(result, responses[0])
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def _write(node: etree._Element, response: DianResponse) -> None:
    errors = etree.SubElement(node, f"{{{DIAN_RESPONSE}}}ErrorMessage")
    for error in response.errors:
        etree.SubElement(errors, f"{{{ARRAYS}}}string").text = error
    values = {
        "IsValid": "true" if response.is_valid else "false",
        "StatusCode": response.status_code,
        "StatusDescription": response.status_description,
        "StatusMessage": response.status_message,
        "XmlBase64Bytes": base64.b64encode(response.application_response).decode()
        if response.application_response
        else "",
        "XmlDocumentKey": response.document_key,
    }
    for name, value in values.items():
        etree.SubElement(node, f"{{{DIAN_RESPONSE}}}{name}").text = value


def fault_envelope(reason: str) -> bytes:
    """A SOAP 1.2 Fault (what a failing service answers with HTTP 500)."""
    envelope = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"s": SOAP12})
    body = etree.SubElement(envelope, f"{{{SOAP12}}}Body")
    fault = etree.SubElement(body, f"{{{SOAP12}}}Fault")
    code = etree.SubElement(fault, f"{{{SOAP12}}}Code")
    etree.SubElement(code, f"{{{SOAP12}}}Value").text = "s:Receiver"
    text = etree.SubElement(etree.SubElement(fault, f"{{{SOAP12}}}Reason"), f"{{{SOAP12}}}Text")
    text.text = reason
    text.set("{http://www.w3.org/XML/1998/namespace}lang", "es-CO")
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
