"""CUFE/CUDE and security code against the DIAN's own signed samples and by hand."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from tools.einvoice.cufe import (
    document_key,
    key_fields,
    qr_text,
    software_security_code,
)
from tools.einvoice.totals import document_totals
from tools.einvoice.types import DocumentKind, Environment

from .factories import invoice_draft
from .xml_fields import fields_from_xml as _fields_from_sample
from .xml_fields import text as _text

# The real DIAN samples ship with the tests (copied from ../shared/samples/dian).
SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "dian"
# The DIAN's public technical key for the testing set (habilitación); the sample's
# cbc:Note carries the CUFE pre-image, which ends with this key and environment 2.
TESTING_TECHNICAL_KEY = "fc8eac422eba16e22ffd8c6f94b3f40a6e38162c"
# Derived, not guessed: SHA-384(SoftwareID + PIN + number) equals the samples'
# sts:SoftwareSecurityCode for this PIN (test_sample_security_codes_reveal_the_pin).
SAMPLE_SOFTWARE_PIN = "20191"
# The samples hash NitOFE 900508908 (see their cbc:Note), not the supplier's
# CompanyID 800197268 written in the parties: the source generated them that way.
SAMPLE_HASHED_NIT = "900508908"


def _sample(name: str) -> etree._Element:
    path = SAMPLES / name
    return etree.parse(str(path)).getroot()


def test_signed_sample_invoice_cufe_recomputes_from_its_own_fields() -> None:
    root = _sample("invoice_signed_dian_v2.xml")
    fields = _fields_from_sample(root, nit=SAMPLE_HASHED_NIT, secret=TESTING_TECHNICAL_KEY)
    assert fields.concatenated() == _text(root, "cbc:Note")
    assert fields.digest() == _text(root, "cbc:UUID")


def test_sample_cufe_does_not_match_with_the_supplier_nit_written_in_the_parties() -> None:
    # Documents the sample's own inconsistency, so nobody "fixes" the order to match it.
    root = _sample("invoice_signed_dian_v2.xml")
    supplier = _text(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID")
    fields = _fields_from_sample(root, nit=supplier, secret=TESTING_TECHNICAL_KEY)
    assert fields.digest() != _text(root, "cbc:UUID")


@pytest.mark.parametrize("name", ["creditnote_singned_dian_v2.xml", "debitnote_signed_dian_v2.xml"])
def test_signed_sample_notes_cude_uses_the_software_pin(name: str) -> None:
    root = _sample(name)
    fields = _fields_from_sample(root, nit=SAMPLE_HASHED_NIT, secret=SAMPLE_SOFTWARE_PIN)
    assert fields.digest() == _text(root, "cbc:UUID")


@pytest.mark.parametrize(
    "name",
    [
        "invoice_signed_dian_v2.xml",
        "creditnote_singned_dian_v2.xml",
        "debitnote_signed_dian_v2.xml",
    ],
)
def test_sample_security_codes_reveal_the_pin(name: str) -> None:
    root = _sample(name)
    # The notes use the older `sts` namespace URI: match by local name.
    software_id = root.xpath("string(//*[local-name()='SoftwareID'])").strip()
    code = software_security_code(software_id, SAMPLE_SOFTWARE_PIN, _text(root, "cbc:ID"))
    assert code == root.xpath("string(//*[local-name()='SoftwareSecurityCode'])").strip()


def test_draft_cufe_by_hand() -> None:
    draft = invoice_draft()
    # Worked out by hand from the factory: 120 × 4 500 = 540 000 (IVA 19 % 102 600);
    # 15 × 8 333,333 = 124 999,995 -> 125 000,00 (IVA 5 % 6 250, INC 8 % 10 000);
    # 2 × 16 500 = 33 000 excluded. Total 698 000 + 118 850 = 816 850.
    expected_input = (
        "FE12" "2025-03-31" "10:30:00-05:00" "698000.00"
        "01" "108850.00" "04" "10000.00" "03" "0.00"
        "816850.00" "900108281" "830048145" + TESTING_TECHNICAL_KEY + "2"
    )  # fmt: skip
    assert key_fields(draft).concatenated() == expected_input
    assert document_key(draft) == hashlib.sha384(expected_input.encode()).hexdigest()


def test_note_cude_uses_pin_and_production_changes_the_key() -> None:
    draft = invoice_draft()
    note = replace(draft, kind=DocumentKind.CREDIT_NOTE)
    assert key_fields(note).secret == draft.software.pin
    assert key_fields(draft).secret == draft.resolution.technical_key
    production = replace(draft, environment=Environment.PRODUCTION)
    assert key_fields(production).environment == "1"
    assert document_key(production) != document_key(draft)


def test_half_up_rounding_of_line_amounts() -> None:
    draft = invoice_draft()
    totals = document_totals(draft)
    assert totals.lines[1].extension == Decimal("125000.00")  # 124999.995 rounds up
    assert totals.tax_exclusive == Decimal("665000.00")  # excluded line not in the base
    assert totals.payable == Decimal("816850.00")


def test_qr_text_lists_annex_fields_in_order() -> None:
    draft = invoice_draft()
    key = document_key(draft)
    lines = qr_text(draft, key).splitlines()
    assert [line.split(":", 1)[0] for line in lines] == [
        "NumFac", "FecFac", "HorFac", "NitFac", "DocAdq", "ValFac",
        "ValIva", "ValOtroIm", "ValTolFac", "CUFE", "QRCode",
    ]  # fmt: skip
    assert "ValOtroIm: 10000.00" in lines
    assert lines[-1].endswith(f"catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey={key}")
