"""Parse untrusted XML without trusting it: no DTD, no entities, no network, bounded size.

Every XML byte string in DIAN ingestion goes through `parse_xml`. A document carrying a
DOCTYPE is refused outright: DIAN documents never need one, and it is the door for
entity-expansion bombs ("billion laughs") and external entities (XXE).
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from tools.dian.errors import DianInputError
from tools.dian.readers import has_doctype

MAX_XML_BYTES = 20 * 1024 * 1024  # a signed invoice is 10-100 KB; 20 MB is generous

_ROOT_START = re.compile(rb"<[A-Za-z_]")
_local = threading.local()


def _parser() -> etree.XMLParser:
    # lxml parsers are not thread-safe; one per thread, built once (building one costs more
    # than parsing a small invoice).
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def parse_xml(data: bytes, *, what: str = "el archivo") -> etree._Element:
    """The root element of `data`, or `DianInputError` when it is unsafe or not XML.

    `what` names the thing in the Spanish message ("el archivo", "la factura embebida").
    """
    if len(data) > MAX_XML_BYTES:
        raise DianInputError(
            "xml_muy_grande",
            f"{what.capitalize()} pesa {len(data) // (1024 * 1024)} MB; el límite es "
            f"{MAX_XML_BYTES // (1024 * 1024)} MB por documento.",
        )
    root_at = _ROOT_START.search(data)
    prolog = data if root_at is None else data[: root_at.start()]
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise _doctype_refused(what)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise DianInputError(
            "xml_invalido", f"{what.capitalize()} no es XML válido ({_short(exc)})."
        ) from None
    if root is None:
        raise DianInputError("xml_invalido", f"{what.capitalize()} está vacío.")
    # A DOCTYPE the byte scan could not see (e.g. UTF-16 input) is still refused here.
    if has_doctype(root):
        raise _doctype_refused(what)
    return root


def _doctype_refused(what: str) -> DianInputError:
    return DianInputError(
        "xml_con_dtd",
        f"{what.capitalize()} trae una declaración DOCTYPE/ENTITY. Las facturas de la DIAN "
        "nunca la usan y es la vía de ataques de entidades XML (billion laughs, XXE): "
        "se rechaza sin procesarla.",
    )


def _short(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg or exc).strip()
    return message[:160]
