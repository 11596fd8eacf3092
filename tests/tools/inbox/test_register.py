"""Real XML in, balanced entries with the expected accounts out (or a review with reasons)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select
from stdnum.co import nit as co_nit

from ledger.companies import create_company
from ledger.db import admin_session, company_session
from ledger.models import Document, InboxEntry, JournalEntry, Payment
from tests.fixtures.dian.build import LineSpec
from tests.tools.inbox.conftest import NOW, entry_lines, write_xml
from tests.tools.sync.docs import spec
from tools.inbox.intake import receive_files
from tools.inbox.register import register_entry

D = Decimal
SAMPLES = Path(__file__).parents[2] / "fixtures" / "dian"


def _register_all(session: Session) -> list[InboxEntry]:
    entries = session.exec(select(InboxEntry).order_by(InboxEntry.id)).all()  # type: ignore[arg-type]
    return [
        register_entry(session, entry, actor="ana", today=NOW.date(), now=NOW)
        for entry in entries
        if entry.status == "pending"
    ]


def _purchase_entry(session: Session, document_id: int | None) -> JournalEntry:
    return session.exec(
        select(JournalEntry)
        .where(JournalEntry.document_id == document_id)
        .where(JournalEntry.source == "expense_agent")
    ).one()


def test_a_confident_credit_purchase_posts_inventory_vat_and_payable(
    session: Session, tmp_path: Path
) -> None:
    path = write_xml(tmp_path, spec())  # FE1001: 10 x 10.000 + 20 x 1.500, VAT 19 %, credit
    report = receive_files(session, [path], now=NOW)
    assert len(report.added) == 1
    [entry] = _register_all(session)
    assert entry.status == "registered", entry.reasons
    lines = entry_lines(session, _purchase_entry(session, entry.document_id))
    assert lines == [
        ("143505", "100000.00", "0.00"),
        ("143505", "30000.00", "0.00"),
        ("240810", "24700.00", "0.00"),
        ("220505", "0.00", "154700.00"),
    ]
    assert session.exec(select(Payment)).all() == []
    reasons = [line["reason"] for line in json.loads(entry.lines)]
    assert all("4752" in reason for reason in reasons)


def test_cash_purchase_is_paid_from_the_bank(session: Session, tmp_path: Path) -> None:
    path = write_xml(tmp_path, spec(number="FE1002", payment_form="1", payment_means="10"))
    receive_files(session, [path], now=NOW)
    [entry] = _register_all(session)
    assert entry.status == "registered", entry.reasons
    [payment] = session.exec(select(Payment)).all()
    assert payment.amount == D("154700.00")
    document = session.get(Document, entry.document_id)
    assert document is not None and document.status == "paid"


def test_not_vat_responsible_puts_vat_and_inc_into_the_expense(
    engine: Engine, tmp_path: Path
) -> None:
    base = "901234567"
    nit = f"{base}-{co_nit.calc_check_digit(base)}"
    with admin_session(engine) as admin:
        small = create_company(
            admin, nit=nit, name="TIENDA PEQUEÑA", ciiu_codes=("4752",), vat_responsible=False
        )
    ours = replace(spec().customer, nit=base, dv=co_nit.calc_check_digit(base))
    path = write_xml(tmp_path, spec(number="FE1003", customer=ours))
    with company_session(engine, small.id or 0) as session:
        receive_files(session, [path], now=NOW)
        [entry] = _register_all(session)
        assert entry.status == "registered", entry.reasons
        lines = entry_lines(session, _purchase_entry(session, entry.document_id))
    assert lines == [
        ("143505", "119000.00", "0.00"),
        ("143505", "35700.00", "0.00"),
        ("220505", "0.00", "154700.00"),
    ]


def test_a_doubtful_line_is_never_posted(session: Session, tmp_path: Path) -> None:
    doc = spec(
        number="FE1004",
        lines=[
            LineSpec("Tubería PVC 1/2", D("10"), D("10000")),
            LineSpec("Concepto varios según acuerdo", D("1"), D("50000"), code="X-9"),
        ],
    )
    receive_files(session, [write_xml(tmp_path, doc)], now=NOW)
    [entry] = _register_all(session)
    assert entry.status == "needs_review"
    [reason] = json.loads(entry.reasons)
    assert reason.startswith("Línea 2 «Concepto varios según acuerdo»")
    assert session.exec(select(Document)).all() == []
    assert session.exec(select(JournalEntry)).all() == []


def test_another_companys_invoice_is_rejected_with_the_reason(session: Session) -> None:
    # A real DIAN sample: SETP990000002 to OPTICAS GMO COLOMBIA (900108281), not us.
    report = receive_files(session, [SAMPLES / "invoice_signed_dian_v2.xml"], now=NOW)
    assert report.rejected == 1
    entry = session.exec(select(InboxEntry)).one()
    assert entry.status == "rejected"
    [reason] = json.loads(entry.reasons)
    assert "no es de esta empresa" in reason and "900108281" in reason
    assert session.exec(select(Document)).all() == []


def test_a_real_dian_sample_waits_cold_then_registers_with_the_persons_accounts(
    engine: Engine,
) -> None:
    """The real SETP990000002 for its buyer: contact lenses unknown to a cold optician."""
    base = "900108281"
    with admin_session(engine) as admin:
        optica = create_company(
            admin,
            nit=f"{base}-{co_nit.calc_check_digit(base)}",
            name="OPTICAS GMO COLOMBIA S A S",
            ciiu_codes=("4773",),
        )
    with company_session(engine, optica.id or 0) as session:
        receive_files(session, [SAMPLES / "invoice_signed_dian_v2.xml"], now=NOW)
        [entry] = _register_all(session)
        assert entry.status == "needs_review"
        reasons = json.loads(entry.reasons)
        assert [r[:8] for r in reasons] == ["Línea 1 ", "Línea 2 "]
        assert "confianza" in reasons[0]
        assert session.exec(select(Document)).all() == []
        entry.status = "pending"
        done = register_entry(
            session,
            entry,
            actor="ana",
            today=NOW.date(),
            now=NOW,
            accounts={1: "143505", 2: "519530"},
        )
        # The person's accounts settle the lines, but the sample has a prepayment: by hand.
        assert done.status == "needs_review"
        assert json.loads(done.reasons) == [
            "El documento SETP990000002 tiene anticipos; regístralo a mano."
        ]
        assert session.exec(select(Document)).all() == []


def test_the_real_pc_com_sample_with_a_wrong_check_digit_waits_for_a_person(
    engine: Engine,
) -> None:
    """The real PRUE980087365 (a desktop CPU from PC COM) declares NIT 830044858-9: wrong."""
    base = "830043188"
    with admin_session(engine) as admin:
        buyer = create_company(
            admin,
            nit=f"{base}-{co_nit.calc_check_digit(base)}",
            name="NOMBRE DEL ADQUIRIENTE",
            ciiu_codes=("6201",),
        )
    with company_session(engine, buyer.id or 0) as session:
        receive_files(session, [SAMPLES / "invoice_unsigned_sergio.xml"], now=NOW)
        entry = session.exec(select(InboxEntry)).one()
        done = register_entry(
            session, entry, actor="ana", today=NOW.date(), now=NOW, accounts={1: "152805"}
        )
        assert done.status == "needs_review"
        assert json.loads(done.reasons) == [
            "El NIT 830044858-9 no es válido: el dígito de verificación es 2."
        ]
        assert session.exec(select(JournalEntry)).all() == []
