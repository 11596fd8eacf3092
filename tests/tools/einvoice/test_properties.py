"""Property: any draft builds a document whose header equals its lines and whose CUFE
recomputes from the XML; when `tools.dian` is present, it parses with no issues."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tools.einvoice.types import DraftLine
from tools.einvoice.ubl import build_document

from .factories import invoice_draft
from .xml_fields import NS, fields_from_xml, text

HAS_PARSER = importlib.util.find_spec("tools.dian") is not None

lines = st.builds(
    DraftLine,
    description=st.sampled_from(["Pan", "Café molido 500 g", "Servicio de domicilio", "Torta"]),
    quantity=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2),
    unit_price=st.decimals(min_value=Decimal("0"), max_value=Decimal("5000000"), places=3),
    vat_rate=st.sampled_from([None, Decimal("0"), Decimal("5"), Decimal("19")]),
    inc_rate=st.sampled_from([None, None, Decimal("8")]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, min_size=1, max_size=5))
def test_header_equals_lines_and_cufe_recomputes(draft_lines: list[DraftLine]) -> None:
    draft = replace(invoice_draft(), lines=tuple(draft_lines))
    built = build_document(draft)
    root = etree.fromstring(built.xml)
    line_sum = sum(
        Decimal(text(line, "cbc:LineExtensionAmount"))
        for line in root.findall("cac:InvoiceLine", NS)
    )
    assert Decimal(text(root, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount")) == line_sum
    taxes = sum(Decimal(text(t, "cbc:TaxAmount")) for t in root.findall("cac:TaxTotal", NS))
    payable = Decimal(text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount"))
    assert payable == line_sum + taxes
    fields = fields_from_xml(root, nit="900108281", secret=draft.resolution.technical_key)
    assert fields.digest() == built.key
    if HAS_PARSER:
        from tools.dian import DianDocument, SourceRef, read_document_bytes

        doc = read_document_bytes(built.xml, SourceRef("propiedad.xml"))
        assert isinstance(doc, DianDocument)
        assert doc.issues == (), [i.message_es for i in doc.issues]
