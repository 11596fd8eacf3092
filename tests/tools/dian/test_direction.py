"""Received or issued, seen from the company; support documents invert who issues."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.fixtures.dian.build import BUYER, SELLER, DocSpec, LineSpec, PartySpec, ubl_document
from tests.tools.dian.conftest import read_xml
from tools.dian import Direction, direction
from tools.errors import ToolError

LINES = [LineSpec("Harina de trigo", D("5"), D("98000"))]


def test_buyer_receives_and_seller_issues() -> None:
    doc = read_xml(ubl_document(DocSpec(lines=LINES)))
    assert direction(doc, BUYER.nit) is Direction.RECEIVED
    assert (
        direction(doc, f"{SELLER.nit[:3]}.{SELLER.nit[3:6]}.{SELLER.nit[6:]}-6") is Direction.ISSUED
    )


def test_support_document_is_a_purchase_of_the_company_that_issues_it() -> None:
    seller = PartySpec("1020304050", "", "PEDRO PÉREZ", id_type="13", levels="R-99-PN")
    doc = read_xml(ubl_document(DocSpec(type_code="05", supplier=seller, customer=BUYER,
                                        lines=LINES)))  # fmt: skip
    assert direction(doc, BUYER.nit) is Direction.RECEIVED


def test_a_stranger_company_is_rejected_with_both_parties_named() -> None:
    doc = read_xml(ubl_document(DocSpec(lines=LINES)))
    with pytest.raises(ToolError) as caught:
        direction(doc, "800197268")
    assert caught.value.code == "empresa_no_participa"
    message = caught.value.message_es
    assert "FE1001" in message and SELLER.nit in message and BUYER.nit in message


def test_stranger_on_a_support_document_names_the_inverted_roles() -> None:
    seller = PartySpec("1020304050", "", "PEDRO PÉREZ", id_type="13", levels="R-99-PN")
    doc = read_xml(ubl_document(DocSpec(type_code="05", supplier=seller, lines=LINES)))
    with pytest.raises(ToolError) as caught:
        direction(doc, "800197268")
    assert "comprador que lo emite" in caught.value.message_es


def test_same_company_on_both_sides_is_ambiguous() -> None:
    doc = read_xml(ubl_document(DocSpec(supplier=BUYER, customer=BUYER, lines=LINES)))
    with pytest.raises(ToolError) as caught:
        direction(doc, BUYER.nit)
    assert caught.value.code == "direccion_ambigua"
