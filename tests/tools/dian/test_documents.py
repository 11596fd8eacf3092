"""Synthetic documents the real samples lack, built rough (see tests/fixtures/dian/build.py).

Expected amounts are worked out by hand in each test's comments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from tests.fixtures.dian.build import (
    BUYER,
    SELLER,
    DocSpec,
    LineSpec,
    PartySpec,
    ubl_document,
)
from tests.fixtures.dian.containers import attached_document
from tests.tools.dian.conftest import codes, read_xml
from tools.dian import Container, DocumentKind


def test_attached_document_in_cdata_with_bom_literal_crlf_and_n0_prefixes() -> None:
    spec = DocSpec(
        lines=[LineSpec("Arroz Diana x 50 kg", D("3"), D("120000"))],
        style="n0",
    )
    doc = read_xml(attached_document(spec, bom=True, crlf_literal=True))
    assert doc.container is Container.ATTACHED
    assert (doc.number, doc.prefix, doc.folio) == ("FE1001", "FE", "1001")
    # 3 x 120.000 = 360.000; IVA 19 % = 68.400; total 428.400
    assert doc.totals.line_extension == D("360000.00")
    assert doc.tax_total == D("68400.00")
    assert doc.totals.payable == D("428400.00")
    assert doc.lines[0].description == "Arroz Diana x 50 kg"  # padding stripped
    assert doc.issuer.nit == "900390126"  # the NIT arrives wrapped in newlines
    assert doc.issuer.tax_responsibilities == ("O-13", "O-15")
    assert doc.issuer.ciiu == "4659"
    assert doc.validation is not None
    assert (doc.validation.code, doc.validation.on) == ("02", date(2024, 3, 15))
    assert doc.validation.description == "Documento validado por la DIAN"
    assert doc.issues == ()


def test_attached_document_escaped_text_with_rejection_is_flagged() -> None:
    spec = DocSpec(lines=[LineSpec("Servicio de aseo", D("1"), D("850000"))])
    doc = read_xml(attached_document(spec, mode="escaped", response_code="04"))
    assert doc.validation is not None and doc.validation.code == "04"
    assert codes(doc) == ["rechazado_dian"]
    assert "no validó" in doc.issues[0].message_es


def test_attached_document_whose_container_names_another_invoice() -> None:
    spec = DocSpec(lines=[LineSpec("Café", D("2"), D("15000"))])
    doc = read_xml(attached_document(spec, parent_id="FE9999"))
    assert codes(doc) == ["contenedor_inconsistente"]


def test_attached_document_without_response_has_no_validation() -> None:
    spec = DocSpec(lines=[LineSpec("Café", D("2"), D("15000"))], signature=False)
    doc = read_xml(attached_document(spec, response_code=None))
    assert doc.validation is None
    assert doc.issues == ()


def test_support_document_05_is_read_with_its_cuds() -> None:
    seller = PartySpec("1020304050", "", "PEDRO PÉREZ", id_type="13", levels="R-99-PN",
                       person_type="2")  # fmt: skip
    spec = DocSpec(
        type_code="05", number="DS45", prefix="DS", supplier=seller, customer=BUYER,
        payment_form="1", due_date=None, payment_means="10",
        lines=[LineSpec("Transporte de mercancía", D("1"), D("350000"), vat_rate=None,
                        withholdings=(("06", D("3.5")),))],
    )  # fmt: skip
    doc = read_xml(attached_document(spec))
    assert (doc.type_code, doc.cufe_scheme) == ("05", "CUDS-SHA384")
    assert doc.is_support_document
    assert (doc.issuer.id_type, doc.issuer.nit, doc.issuer.dv) == ("13", "1020304050", None)
    assert doc.payment_form_name == "contado"
    # no VAT; ReteRenta 3,5 % of 350.000 = 12.250, informative (payable not reduced)
    assert doc.withholdings[0].amount == D("12250.00")
    assert doc.totals.payable == D("350000.00")
    assert doc.issues == ()


def test_contingency_invoice_04_is_a_known_type() -> None:
    lunch = LineSpec("Almuerzo ejecutivo", D("20"), D("18000"), vat_rate=None)
    spec = DocSpec(type_code="04", number="CT12", prefix="CT", lines=[lunch])
    doc = read_xml(ubl_document(spec))
    assert doc.type_code == "04"
    assert doc.totals.payable == D("360000.00")
    assert doc.issues == ()


def test_credit_note_and_debit_note_link_to_their_invoice() -> None:
    invoice = DocSpec(lines=[LineSpec("Cemento gris 50 kg", D("10"), D("32000"))])
    ref = (invoice.number, invoice.cufe, invoice.issue_date)
    credit = DocSpec(root="CreditNote", type_code="91", number="NC7", prefix="NC",
                     operation_type="20", billing_ref=ref, due_date=None, payment_form="1",
                     lines=[LineSpec("Devolución cemento", D("2"), D("32000"))])  # fmt: skip
    doc = read_xml(attached_document(credit))
    assert doc.kind is DocumentKind.CREDIT_NOTE
    # 2 x 32.000 = 64.000 + IVA 12.160 = 76.160
    assert doc.totals.payable == D("76160.00")
    assert doc.billing_references[0].number == "FE1001"
    assert doc.billing_references[0].uuid == invoice.cufe
    assert doc.discrepancy_code == "2"
    debit = DocSpec(root="DebitNote", type_code=None, number="ND3", prefix="ND",
                    operation_type="30", billing_ref=ref, due_date=None, payment_form="1",
                    lines=[LineSpec("Intereses", D(1), D(45000), vat_rate=None)])  # fmt: skip
    doc = read_xml(ubl_document(debit))
    assert (doc.kind, doc.type_code) == (DocumentKind.DEBIT_NOTE, "92")
    assert doc.totals.payable == D("45000.00")
    assert doc.issues == ()


def test_multi_rate_vat_and_withholdings_by_scheme_and_rate() -> None:
    spec = DocSpec(lines=[
        LineSpec("Computador portátil", D("2"), D("2500000"), withholdings=(("06", D("2.5")),)),
        LineSpec("Arroz", D("4"), D("3250.50"), vat_rate=D("5"), unit_code="KGM"),
        LineSpec("Leche", D("12"), D("4100"), vat_rate=D("0"), unit_code="NIU",
                 withholdings=(("06", D("2.5")),)),
        LineSpec("Soporte técnico", D("3"), D("150000"), withholdings=(("05", D("15")),)),
    ])  # fmt: skip
    doc = read_xml(attached_document(spec))
    vat = {(t.rate): (t.base, t.amount) for t in doc.taxes}
    # 19 %: 5.000.000 + 450.000 = 5.450.000 -> 1.035.500; 5 %: 13.002 -> 650,10; 0 %: 49.200
    assert vat[D("19.00")] == (D("5450000.00"), D("1035500.00"))
    assert vat[D("5.00")] == (D("13002.00"), D("650.10"))
    assert vat[D("0.00")] == (D("49200.00"), D("0.00"))
    held = {(t.scheme, t.rate): (t.base, t.amount) for t in doc.withholdings}
    # ReteRenta 2,5 % of 5.049.200 = 126.230; ReteIVA 15 % of the 85.500 VAT = 12.825
    assert held[("06", D("2.50"))] == (D("5049200.00"), D("126230.00"))
    assert held[("05", D("15.00"))] == (D("85500.00"), D("12825.00"))
    assert doc.lines[0].withholdings[0].amount == D("125000.00")
    assert doc.totals.payable == D("6548352.10")  # 5.512.202 + 1.036.150,10
    assert doc.issues == ()


def test_foreign_currency_with_exchange_rate() -> None:
    spec = DocSpec(currency="USD", exchange_rate=D("3912.45"),
                   lines=[LineSpec("Licencia anual software", D("1"), D("1200.00"))])  # fmt: skip
    doc = read_xml(attached_document(spec))
    assert doc.currency == "USD"
    assert doc.exchange_rate is not None and doc.exchange_rate.rate == D("3912.45")
    assert doc.totals.payable == D("1428.00")
    assert doc.issues == ()


def test_foreign_currency_without_rate_is_reported() -> None:
    spec = DocSpec(currency="USD", lines=[LineSpec("Licencia", D("1"), D("100"))])
    assert "campo_faltante" in codes(read_xml(ubl_document(spec)))


def test_inconsistent_totals_within_tolerance_pass_and_beyond_are_reported() -> None:
    lines = [LineSpec("Tornillos", D("100"), D("350")), LineSpec("Tuercas", D("100"), D("120"))]
    # 47.000 + 8.930 IVA = 55.930; 1 peso per line: off by 2 passes, off by 3 does not
    close = DocSpec(lines=lines, totals_override={"PayableAmount": "55932.00"})
    assert read_xml(ubl_document(close)).issues == ()
    far = DocSpec(lines=lines, totals_override={"PayableAmount": "55933.00"})
    doc = read_xml(ubl_document(far))
    assert codes(doc) == ["totales_no_cuadran"]
    assert "$ 55.933,00" in doc.issues[0].message_es
    no_taxes = DocSpec(lines=lines, totals_override={"TaxInclusiveAmount": "60000.00",
                                                     "PayableAmount": "60000.00"})  # fmt: skip
    assert "TaxInclusiveAmount" in read_xml(ubl_document(no_taxes)).issues[0].message_es


def test_due_date_before_issue_date_and_wrong_check_digit_are_reported() -> None:
    wrong = PartySpec("900390126", "5", "DISTRIBUIDORA ANDINA S.A.S.")
    spec = DocSpec(issue_date="2024-03-15", due_date="2024-03-01", supplier=wrong,
                   lines=[LineSpec("Harina", D("1"), D("10000"))])  # fmt: skip
    doc = read_xml(ubl_document(spec))
    assert sorted(codes(doc)) == ["nit_dv_invalido", "vencimiento_antes_de_emision"]
    text = " ".join(i.message_es for i in doc.issues)
    assert "01/03/2024" in text and "15/03/2024" in text and "debe ser 6" in text
    assert doc.due_date == date(2024, 3, 1)  # kept as written


def test_unknown_codes_are_reported_against_the_dian_lists() -> None:
    spec = DocSpec(type_code="07", payment_means="XYZ",
                   lines=[LineSpec("Caja", D("1"), D("1000"), unit_code="QQQ")])  # fmt: skip
    doc = read_xml(ubl_document(spec))
    text = " ".join(i.message_es for i in doc.issues)
    assert codes(doc).count("codigo_desconocido") == 3
    assert "«07»" in text and "«XYZ»" in text and "«QQQ»" in text


def test_missing_mandatory_fields() -> None:
    spec = DocSpec(payment_form=None, lines=[LineSpec("Caja", D("1"), D("1000"))])
    xml = ubl_document(spec).replace("<cbc:IssueDate>2024-03-15</cbc:IssueDate>", "")
    doc = read_xml(xml)
    text = " ".join(i.message_es for i in doc.issues)
    assert "Falta la fecha de emisión." in text
    assert "Falta la forma de pago (PaymentMeans)." in text


def test_credit_payment_without_due_date_is_reported() -> None:
    spec = DocSpec(due_date=None, payment_form="2", lines=[LineSpec("Caja", D("1"), D("1000"))])
    assert "Falta la fecha de vencimiento de un pago a crédito." in [
        i.message_es for i in read_xml(ubl_document(spec)).issues
    ]


def test_seller_and_buyer_constants_have_right_check_digits() -> None:
    from stdnum.co import nit

    assert nit.is_valid(SELLER.nit + SELLER.dv) and nit.is_valid(BUYER.nit + BUYER.dv)


def test_embedded_document_in_base64_and_with_a_latin1_declaration() -> None:
    import base64

    spec = DocSpec(lines=[LineSpec("Panela x 12", D("2"), D("21000"))], signature=False)
    inner = ubl_document(spec).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    latin = attached_document(spec, response_code=None).replace(
        ubl_document(spec), inner.replace("Panela", "Panela ñapa")
    )
    doc = read_xml(latin)
    assert doc.lines[0].description == "Panela ñapa x 12"  # declared Latin-1, really UTF-8
    encoded = base64.b64encode(("\ufeff" + ubl_document(spec)).encode()).decode()
    b64 = attached_document(spec, response_code=None).replace(ubl_document(spec), encoded)
    assert read_xml(b64).totals.payable == D("49980.00")  # 42.000 + 7.980 IVA


def test_escaped_embedded_text_with_bom_and_literal_crlf() -> None:
    spec = DocSpec(lines=[LineSpec("Bocadillo", D("6"), D("1500"))])
    doc = read_xml(attached_document(spec, mode="escaped", bom=True, crlf_literal=True))
    assert doc.totals.payable == D("10710.00")  # 9.000 + 1.710 IVA
    assert doc.validation is not None and doc.validation.code == "02"


def test_attached_document_without_embedded_invoice_is_a_failure() -> None:
    from tools.dian import IngestFailure, SourceRef, read_document_bytes

    spec = DocSpec(lines=[LineSpec("Bocadillo", D("6"), D("1500"))])
    hollow = attached_document(spec, response_code=None).replace(ubl_document(spec), "   ")
    result = read_document_bytes(hollow.encode(), SourceRef("vacio.xml"))
    assert isinstance(result, IngestFailure) and result.code == "sin_documento_embebido"
