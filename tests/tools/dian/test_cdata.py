"""The lifted-CDATA shortcut (tools/dian/cdata.py) must give exactly what a full parse gives.

Each container is read twice: through `read_document_bytes` (shortcut when it applies)
and through the full path alone. Results must be equal field by field, failures included,
and the tests also say whether the shortcut was taken, so a silent fallback on ordinary
files (all speed lost) fails too.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.fixtures.dian.build import DocSpec, LineSpec, ubl_document
from tests.fixtures.dian.containers import attached_document
from tools.dian import stream
from tools.dian.cdata import lift_sections
from tools.dian.model import DianDocument, IngestResult, SourceRef

SPEC = DocSpec(
    lines=[
        LineSpec("Cemento gris 50 kg", D("10"), D("32000"), withholdings=(("06", D("2.5")),)),
        LineSpec("Transporte urbano", D("1"), D("150000"), vat_rate=D("0")),
    ]
)
SOURCE = SourceRef("contenedor.xml")


def _both(data: bytes) -> tuple[IngestResult, IngestResult, bool]:
    shortcut = stream._read_lifted(data, SOURCE)
    full = stream._read_parsed(data, SOURCE)
    return stream.read_document_bytes(data, SOURCE), full, shortcut is not None


def _cdata(**options: object) -> bytes:
    return attached_document(SPEC, **options).encode("utf-8")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        _cdata(),
        _cdata(bom=True, crlf_literal=True),
        _cdata(response_code="04"),
        _cdata(parent_id="OTRO-99"),
        _cdata().replace(b"\n", b"\r\n"),  # CRLF file: CDATA line ends are normalised
        _cdata(response_code=None),
    ],
    ids=["plain", "bom-literal-crlf", "rejected", "parent-mismatch", "crlf-file", "no-response"],
)
def test_shortcut_taken_and_identical(data: bytes) -> None:
    result, full, took_shortcut = _both(data)
    assert took_shortcut
    assert isinstance(result, DianDocument)
    assert result == full


def _broken_inner() -> bytes:
    # An invoice cut short inside its CDATA: the embedded parse fails.
    data = _cdata()
    return data.replace(b"</cac:LegalMonetaryTotal>", b"</cac:LegalMonetaryTotl>", 1)


@pytest.mark.parametrize(
    "data",
    [
        _cdata(mode="escaped"),  # no CDATA at all: nothing to lift
        _cdata().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1),
        b'<?xml version="1.0"?>\n<!-- proveedor -->\n'
        + _cdata().split(b"?>", 1)[1],  # a comment in the prolog
        _broken_inner(),
        _cdata().replace(b"Documento validado por la DIAN", b"Documento \x01 validado", 1),
        # a large CDATA somewhere nobody reads: the token would leak, so full parse
        _cdata().replace(
            b"<cbc:DocumentType>Contenedor",
            b"<cbc:Note><![CDATA[" + b"x" * 600 + b"]]></cbc:Note><cbc:DocumentType>Contenedor",
            1,
        ),
    ],
    ids=["escaped", "latin1", "prolog-comment", "broken-inner", "control-char", "stray-cdata"],
)
def test_falls_back_to_the_full_parse_with_the_same_result(data: bytes) -> None:
    result, full, took_shortcut = _both(data)
    assert not took_shortcut
    assert result == full


def test_control_character_in_the_response_still_fails_the_whole_file() -> None:
    # The container parse rejects a control character anywhere in its CDATA; lifting the
    # section out must not turn that into a mere "unreadable DIAN response" issue.
    data = _cdata().replace(b"Documento validado por la DIAN", b"Documento \x01 validado", 1)
    result, _, _ = _both(data)
    assert not isinstance(result, DianDocument)
    assert result.code == "xml_invalido"


def test_lift_keeps_small_sections_and_the_prolog() -> None:
    small = b'<?xml version="1.0"?><a><![CDATA[corto]]><b><![CDATA[' + b"y" * 700 + b"]]></b></a>"
    lifted = lift_sections(small)
    assert lifted is not None
    container, sections = lifted
    assert container.startswith(b'<?xml version="1.0"?><a><![CDATA[corto]]><b><![CDATA[cuadre-')
    assert len(container) < 200
    assert sections.originals == [b"y" * 700]


def test_markers_inside_comments_and_instructions_are_not_sections() -> None:
    data = (
        b"<a><!-- <![CDATA[ -->"
        + b"<?pi <![CDATA[ ?><b>"
        + b"z" * 600
        + b"</b><c><![CDATA["
        + b"w" * 600
        + b"]]></c></a>"
    )
    lifted = lift_sections(data)
    assert lifted is not None
    assert lifted[1].originals == [b"w" * 600]


def test_unterminated_section_is_left_to_the_full_parse() -> None:
    assert lift_sections(b"<a><![CDATA[" + b"v" * 600) is None
    assert lift_sections(ubl_document(SPEC).encode()) is None  # nothing large to lift


def test_section_ends_at_the_first_closing_marker() -> None:
    body = b"a]b]]c]]]d" + b"e" * 600  # "]]>" appears only after a run of brackets
    lifted = lift_sections(b"<a><![CDATA[" + body + b"]]]>tail</a>")
    assert lifted is not None
    container, sections = lifted
    assert sections.originals == [body + b"]"]
    assert container.endswith(b"]]>tail</a>")


def test_a_section_over_the_parser_text_limit_is_refused_as_before() -> None:
    # Without huge_tree libxml2 refuses a text node over 10,000,000 bytes; lifting such a
    # section out of the container must not let an oversized embedded part through.
    big = b"<a><b><![CDATA[" + b"<x>" + b"y" * 10_000_001 + b"</x>]]></b></a>"
    assert lift_sections(big) is None
    result, full, took_shortcut = _both(big.replace(b"<a>", b"<a><!-- AttachedDocument -->"))
    assert not took_shortcut and result == full
    assert not isinstance(result, DianDocument) and result.code == "xml_invalido"
