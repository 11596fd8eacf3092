"""AttachedDocument containers: the invoice (or note) travels as a string inside it.

The outer XML is parsed once; the embedded document text (CDATA or escaped, possibly with
a BOM, literal `\\r\\n` escapes or padding) is cleaned and parsed once more. The DIAN's
verdict comes from the embedded `ApplicationResponse` and `cac:ResultOfVerification`.
"""

from __future__ import annotations

import base64
import binascii
import re
from xml.sax.saxutils import unescape

from lxml import etree

from tools.dian.cdata import NeedsFullParse, Sections
from tools.dian.errors import DianInputError
from tools.dian.model import Container, DianDocument, DianValidation, DocumentIssue, SourceRef
from tools.dian.ns import APPLICATION_RESPONSE, ATTACHED_DOCUMENT, q
from tools.dian.readers import child, dig, kids
from tools.dian.ubl import read_ubl
from tools.dian.ubl_parts import Element, Reader, first, text_of
from tools.dian.xml_safety import parse_xml

ATTACHMENT = (q("cac:Attachment"), q("cac:ExternalReference"), q("cbc:Description"))
PARENT_REF = (q("cac:ParentDocumentLineReference"), q("cac:DocumentReference"))
RESULT = q("cac:ResultOfVerification")
RESULT_CODE, RESULT_DATE = q("cbc:ValidationResultCode"), q("cbc:ValidationDate")
PARENT_DOCUMENT_ID = q("cbc:ParentDocumentID")
DOC_RESPONSE = (q("cac:DocumentResponse"), q("cac:Response"))
RESPONSE_CODE, DESCRIPTION = q("cbc:ResponseCode"), q("cbc:Description")
ISSUE_DATE = q("cbc:IssueDate")

BOM = "\ufeff".encode()
_BASE64 = re.compile(rb"^[A-Za-z0-9+/=\s]+$")
_CONTROL = re.compile(rb"[\x00-\x1f]")
_SPACES = re.compile(rb"[ \t\r\n]*")


def is_attached_document(root: Element) -> bool:
    """True for an `AttachedDocument` root, whatever its prefix."""
    return etree.QName(root).namespace == ATTACHED_DOCUMENT


def read_attached(
    root: Element, source: SourceRef, sections: Sections | None = None
) -> DianDocument:
    """The invoice or note carried by an AttachedDocument, with the DIAN's validation.

    `sections`: the CDATA lifted out of the container before parsing (`tools.dian.cdata`);
    then any doubt raises `NeedsFullParse` and the caller parses the original bytes.
    """
    r = Reader()
    top = kids(root)  # the container's children, walked once
    embedded = embedded_text(dig(first(top, ATTACHMENT[0]), *ATTACHMENT[1:]), sections)
    if embedded is None:
        raise DianInputError(
            "sin_documento_embebido",
            "El AttachedDocument no trae la factura o nota embebida "
            "(cac:Attachment/cac:ExternalReference/cbc:Description está vacío).",
        )
    try:
        inner = parse_xml(_direct_xml(embedded, sections), what="el documento embebido")
    except DianInputError:
        if sections is not None:
            raise NeedsFullParse from None
        raise
    if is_attached_document(inner):
        raise DianInputError(
            "contenedor_anidado", "El AttachedDocument trae otro AttachedDocument dentro."
        )
    extra: list[DocumentIssue] = []
    validation = _validation(r, dig(first(top, PARENT_REF[0]), *PARENT_REF[1:]), extra, sections)
    if sections is not None:
        sections.check_all_used()
    document = read_ubl(inner, source, container=Container.ATTACHED, validation=validation)
    parent_id = text_of(first(top, PARENT_DOCUMENT_ID))
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
    return document.with_issues((*r.issues, *document.issues, *extra))


def embedded_text(element: Element | None, sections: Sections | None = None) -> bytes | None:
    """The embedded document's text as UTF-8 bytes, straight from libxml2 (and with the
    lifted CDATA sections put back).

    `tostring(method="text")` copies the bytes; `.text` would decode ~30 KB into a str
    and the parser would encode it back: three times the cost on every file.
    """
    if element is None:
        return None
    data = etree.tostring(element, method="text", encoding="utf-8", with_tail=False)
    if sections is not None:
        data = sections.restore(data)
    return data if not data.isspace() and data else None


def _direct_xml(text: bytes, sections: Sections | None) -> bytes:
    """`embedded_bytes(text)`; with lifted sections, only when the parse of the result
    checks every byte the container parse would have checked (else `NeedsFullParse`)."""
    stripped = _strip(text)
    cleaned = _clean(stripped)
    if sections is None:
        return cleaned
    if not stripped.startswith(b"<"):
        raise NeedsFullParse  # escaped or base64 text: decoded bytes are not the section
    if stripped.startswith(b"<?xml"):
        # The declaration is dropped before the parse: check it as the container would.
        declaration = stripped[: stripped.find(b"?>") + 2]
        if not declaration.isascii() or _CONTROL.search(declaration):
            raise NeedsFullParse
    return cleaned


def embedded_bytes(data: bytes) -> bytes:
    """Clean embedded XML into bytes lxml can parse.

    Tolerates a BOM, surrounding whitespace, literal `\\r\\n` escapes written by some
    providers, a second level of entity escaping and base64 payloads.
    """
    return _clean(_strip(data))


def _clean(cleaned: bytes) -> bytes:
    """`embedded_bytes` of text already passed through `_strip`."""
    head = cleaned[:512]
    if b"\\r\\n" in head or b">\\n" in head or b"\\n<" in head:
        cleaned = cleaned.replace(b"\\r\\n", b"\n").replace(b"\\n", b"\n").replace(b"\\t", b"\t")
    if cleaned.startswith(b"&lt;"):
        text = unescape(cleaned.decode("utf-8"), {"&quot;": '"', "&apos;": "'"})
        cleaned = text.encode("utf-8")
    if not cleaned.startswith(b"<") and _BASE64.match(cleaned[:200]):
        try:
            decoded = _strip(base64.b64decode(cleaned, validate=False))
        except (binascii.Error, ValueError):
            decoded = b""
        if decoded.startswith(b"<"):
            cleaned = decoded
    if cleaned.startswith(b"<?xml"):
        # The bytes are UTF-8 now, whatever encoding the declaration names: drop it.
        end = cleaned.find(b"?>")
        if end > 0:
            # One copy of the ~30 KB document, not two: skip the spaces before slicing.
            spaces = _SPACES.match(cleaned, end + 2)
            rest = cleaned[spaces.end() if spaces else end + 2 :]
            cleaned = _strip(rest) if rest.startswith(BOM) or rest[-1:].isspace() else rest
    return cleaned


def _strip(data: bytes) -> bytes:
    data = data.strip(b" \t\r\n")
    while data.startswith(BOM):
        data = data[len(BOM) :].lstrip(b" \t\r\n")
    return data


def _validation(
    r: Reader,
    parent_ref: Element | None,
    issues: list[DocumentIssue],
    sections: Sections | None = None,
) -> DianValidation | None:
    if parent_ref is None:
        return None
    result = child(parent_ref, RESULT)
    code = text_of(child(result, RESULT_CODE))
    on = r.date(child(result, RESULT_DATE), "la validación DIAN")
    description = None
    response_text = embedded_text(dig(parent_ref, *ATTACHMENT), sections)
    if response_text:
        try:
            response = parse_xml(
                _direct_xml(response_text, sections), what="la respuesta de la DIAN"
            )
        except DianInputError as exc:
            if sections is not None:
                raise NeedsFullParse from None
            issues.append(DocumentIssue("respuesta_dian_ilegible", exc.message_es))
        else:
            if etree.QName(response).namespace == APPLICATION_RESPONSE:
                verdict = dig(response, *DOC_RESPONSE)
                code = text_of(child(verdict, RESPONSE_CODE)) or code
                description = text_of(child(verdict, DESCRIPTION))
                on = on or r.date(child(response, ISSUE_DATE), "la respuesta de la DIAN")
    if code is None and on is None and description is None:
        return None
    return DianValidation(code=code, on=on, description=description)
