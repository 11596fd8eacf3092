"""AttachedDocument containers: the invoice (or note) travels as a string inside it.

The outer XML is parsed once; the embedded document text (CDATA or escaped, possibly with
a BOM, literal `\\r\\n` escapes or padding) is cleaned and parsed once more. The DIAN's
verdict comes from the embedded `ApplicationResponse` and `cac:ResultOfVerification`.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from xml.sax.saxutils import unescape

from lxml import etree

from tools.dian.errors import DianInputError
from tools.dian.model import Container, DianDocument, DianValidation, DocumentIssue, SourceRef
from tools.dian.ns import APPLICATION_RESPONSE, ATTACHED_DOCUMENT, q
from tools.dian.ubl import read_ubl
from tools.dian.ubl_parts import Element, Reader
from tools.dian.xml_safety import parse_xml

EMBEDDED = q("cac:Attachment/cac:ExternalReference/cbc:Description")
PARENT_REF = q("cac:ParentDocumentLineReference/cac:DocumentReference")
RESPONSE_TEXT = q("cac:Attachment/cac:ExternalReference/cbc:Description")
RESULT_CODE = q("cac:ResultOfVerification/cbc:ValidationResultCode")
RESULT_DATE = q("cac:ResultOfVerification/cbc:ValidationDate")
PARENT_DOCUMENT_ID = q("cbc:ParentDocumentID")
DOC_RESPONSE_CODE = q("cac:DocumentResponse/cac:Response/cbc:ResponseCode")
DOC_RESPONSE_TEXT = q("cac:DocumentResponse/cac:Response/cbc:Description")
ISSUE_DATE = q("cbc:IssueDate")

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]+$")


def is_attached_document(root: Element) -> bool:
    """True for an `AttachedDocument` root, whatever its prefix."""
    return etree.QName(root).namespace == ATTACHED_DOCUMENT


def read_attached(root: Element, source: SourceRef) -> DianDocument:
    """The invoice or note carried by an AttachedDocument, with the DIAN's validation."""
    r = Reader()
    embedded = r.text(root, EMBEDDED)
    if embedded is None:
        raise DianInputError(
            "sin_documento_embebido",
            "El AttachedDocument no trae la factura o nota embebida "
            "(cac:Attachment/cac:ExternalReference/cbc:Description está vacío).",
        )
    inner = parse_xml(embedded_bytes(embedded), what="el documento embebido")
    if is_attached_document(inner):
        raise DianInputError(
            "contenedor_anidado", "El AttachedDocument trae otro AttachedDocument dentro."
        )
    extra: list[DocumentIssue] = []
    validation = _validation(r, root.find(PARENT_REF), extra)
    document = read_ubl(inner, source, container=Container.ATTACHED, validation=validation)
    parent_id = r.text(root, PARENT_DOCUMENT_ID)
    if parent_id and document.number and parent_id != document.number:
        extra.append(
            DocumentIssue(
                "contenedor_inconsistente",
                f"El contenedor dice que lleva el documento {parent_id}, pero el embebido es "
                f"el {document.number}.",
            )
        )
    if validation is not None and validation.code not in (None, "02"):
        extra.append(
            DocumentIssue(
                "rechazado_dian",
                f"La DIAN no validó este documento (código de respuesta {validation.code}"
                + (f": {validation.description}" if validation.description else "")
                + ").",
            )
        )
    if not extra and not r.issues:
        return document
    return dataclasses.replace(document, issues=(*r.issues, *document.issues, *extra))


def embedded_bytes(text: str) -> bytes:
    """Clean embedded XML text into bytes lxml can parse.

    Tolerates a BOM, surrounding whitespace, literal `\\r\\n` escapes written by some
    providers, a second level of entity escaping and base64 payloads.
    """
    cleaned = text.strip().lstrip("\ufeff").strip()
    if "\\r\\n" in cleaned or ">\\n" in cleaned:
        cleaned = cleaned.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t")
    if cleaned.startswith("&lt;"):
        cleaned = unescape(cleaned, {"&quot;": '"', "&apos;": "'"})
    if not cleaned.startswith("<") and _BASE64.match(cleaned[:200]):
        try:
            decoded = base64.b64decode(cleaned, validate=False)
        except (binascii.Error, ValueError):
            decoded = b""
        if decoded.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
            return decoded.lstrip(b"\xef\xbb\xbf \r\n\t")
    # The declaration may name another encoding; the text is already decoded, so drop it.
    cleaned = _DECLARATION.sub("", cleaned, count=1).lstrip().lstrip("\ufeff")
    return cleaned.encode("utf-8")


def _validation(
    r: Reader, parent_ref: Element | None, issues: list[DocumentIssue]
) -> DianValidation | None:
    if parent_ref is None:
        return None
    code = r.text(parent_ref, RESULT_CODE)
    on = r.date(parent_ref, RESULT_DATE, "la validación DIAN")
    description = None
    response_text = r.text(parent_ref, RESPONSE_TEXT)
    if response_text:
        try:
            response = parse_xml(embedded_bytes(response_text), what="la respuesta de la DIAN")
        except DianInputError as exc:
            issues.append(DocumentIssue("respuesta_dian_ilegible", exc.message_es))
        else:
            if etree.QName(response).namespace == APPLICATION_RESPONSE:
                code = r.text(response, DOC_RESPONSE_CODE) or code
                description = r.text(response, DOC_RESPONSE_TEXT)
                on = on or r.date(response, ISSUE_DATE, "la respuesta de la DIAN")
    if code is None and on is None and description is None:
        return None
    return DianValidation(code=code, on=on, description=description)
