"""The real DIAN samples (Stenfrank/ubl21dian) read with the totals written in them.

Every expected number below was read by hand from the XML files in tests/fixtures/dian/.
"""

from __future__ import annotations

from datetime import date, time, timedelta, timezone
from decimal import Decimal as D

from tests.tools.dian.conftest import FIXTURES, codes, read_xml
from tools.dian import DocumentKind


def test_signed_invoice_with_two_vat_rates_prepayment_and_credit() -> None:
    doc = read_xml((FIXTURES / "invoice_signed_dian_v2.xml").read_bytes())
    assert doc.kind is DocumentKind.INVOICE
    assert (doc.type_code, doc.number, doc.prefix, doc.folio) == (
        "01", "SETP990000002", "SETP", "990000002"
    )  # fmt: skip
    assert doc.cufe is not None and doc.cufe.startswith("941cf36af62dbbc0")
    assert (doc.cufe_scheme, doc.environment) == ("CUFE-SHA384", "2")
    assert doc.issue_date == date(2019, 6, 20)
    assert doc.issue_time == time(9, 15, 23, tzinfo=timezone(timedelta(hours=-5)))
    assert doc.due_date == date(2019, 6, 30)
    assert (doc.currency, doc.payment_form_name, doc.payment_means) == ("COP", "credito", "41")
    assert (doc.issuer.nit, doc.issuer.dv, doc.issuer.id_type) == ("800197268", "4", "31")
    assert doc.issuer.name == "DIAN"
    assert doc.issuer.email == "eric.valencia@ket.co"
    assert (doc.receiver.nit, doc.receiver.dv) == ("900108281", "3")
    assert doc.receiver.name == "OPTICAS GMO COLOMBIA S A S"
    totals = doc.totals
    assert totals.line_extension == D("12600.06")
    assert totals.tax_exclusive == D("12787.56")
    assert totals.tax_inclusive == D("15024.07")
    assert totals.prepaid == D("1000.00")
    assert totals.payable == D("14024.07")
    assert doc.tax_total == D("2424.01")
    vat = [(t.rate, t.base, t.amount) for t in doc.taxes if t.scheme == "01"]
    assert vat == [(D("19.00"), D("12600.06"), D("2394.01")), (D("16.00"), D("187.50"), D("30.00"))]
    assert {t.scheme for t in doc.taxes} == {"01", "03", "04"}
    first, second = doc.lines
    assert first.description == "AV OASYS -2.25 (8.4) LENTE DE CONTATO"
    assert (first.quantity, first.unit_code, first.unit_price, first.line_total) == (
        D("1.000000"), "EA", D("18900.00"), D("12600.06")
    )  # fmt: skip
    assert first.allowance_charges[0].amount == D("6299.94")
    assert not first.allowance_charges[0].is_charge
    assert first.codes[0].code == "AOHV84-225"
    assert second.description == "Bolsa" and second.free_of_charge
    # Its PricingReference carries another PriceAmount (100.00): the line's price is 0.00.
    assert (second.number, second.unit_price, second.unit_code) == ("2", D("0.00"), "NIU")
    assert second.codes[1].scheme == "001"  # UNSPSC
    assert [ref.number for ref in doc.billing_references] == ["SFR3123856", "SETP990000101"]
    assert doc.issues == ()


def test_signed_credit_note_in_usd_references_its_invoice() -> None:
    doc = read_xml((FIXTURES / "creditnote_singned_dian_v2.xml").read_bytes())
    assert (doc.kind, doc.type_code, doc.number) == (DocumentKind.CREDIT_NOTE, "91", "NC3")
    assert doc.cufe_scheme == "CUDE-SHA384"
    assert doc.currency == "USD"
    assert doc.exchange_rate is not None
    assert (doc.exchange_rate.rate, doc.exchange_rate.target_currency) == (D("3100"), "COP")
    assert doc.totals.line_extension == D("12600.06")
    assert doc.totals.tax_inclusive == D("14994.07")
    assert doc.totals.payable == D("14994.07")
    assert doc.lines[0].quantity == D("1.000000")
    assert doc.lines[0].line_total == D("12600.06")
    ref = doc.billing_references[0]
    assert (ref.number, ref.issue_date) == ("SETP990000015", date(2019, 6, 21))
    assert ref.uuid is not None and ref.uuid.startswith("e988c01f")
    assert doc.discrepancy_code == "1"
    assert doc.issues == ()


def test_signed_debit_note_without_type_code_uses_requested_monetary_total() -> None:
    doc = read_xml((FIXTURES / "debitnote_signed_dian_v2.xml").read_bytes())
    assert (doc.kind, doc.type_code, doc.number) == (DocumentKind.DEBIT_NOTE, "92", "ND1")
    assert doc.totals.line_extension == D("12600.06")
    assert doc.totals.tax_exclusive == D("12600.06")
    assert doc.totals.tax_inclusive == D("14994.07")
    assert doc.totals.payable == D("14994.07")
    assert doc.tax_total == D("2394.01")
    assert doc.lines[0].description == "Articulo 1 Prueba"
    assert doc.issues == ()


def test_unsigned_negative_sample_is_read_and_every_problem_reported() -> None:
    doc = read_xml((FIXTURES / "invoice_unsigned_sergio.xml").read_bytes())
    assert doc.number == "PRUE980087365"
    assert doc.totals.line_extension == D("475000.00")
    assert doc.totals.payable == D("565250")
    assert doc.totals.tax_inclusive is None
    assert doc.lines[0].line_total == D("75000.00")
    messages = " ".join(issue.message_es for issue in doc.issues)
    assert codes(doc).count("nit_dv_invalido") == 2
    assert "830044858-9" in messages and "debe ser 2" in messages
    assert "830043188-9" in messages and "debe ser 1" in messages
    assert "totales_no_cuadran" in codes(doc)  # one line of 75.000 vs 475.000
    assert "lineas_incompletas" in codes(doc)  # declares 2 lines, carries 1
    assert "Falta la forma de pago (PaymentMeans)." in messages
    assert "TaxInclusiveAmount" in messages
    assert "cufe_formato" in codes(doc)  # a 40-char SHA-1 under a SHA-384 scheme name
    assert "codigo_desconocido" in codes(doc)  # TaxLevelCode "2"
    # Reported, never fixed: the values stay as written.
    assert (doc.issuer.dv, doc.receiver.dv) == ("9", "9")
