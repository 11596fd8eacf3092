"""Issuing from the books: the number, the signed XML, the sales entry, the timeline."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ledger.db import company_session
from ledger.models import Account, Document, JournalEntry, JournalLine
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.types import DocumentKind, DraftLine
from tools.errors import ToolError
from tools.invoicing.issuing import (
    InvoiceRequest,
    billing_reference,
    create_document,
    issue_document,
)
from tools.invoicing.timeline import document_timeline

from .conftest import T0, bread_invoice


def _entry_lines(session: Session, document_number: str) -> dict[str, tuple[Decimal, Decimal]]:
    document = session.exec(select(Document).where(Document.number == document_number)).one()
    entry = session.exec(select(JournalEntry).where(JournalEntry.document_id == document.id)).one()
    lines = session.exec(
        select(JournalLine, Account)
        .join(Account, col(Account.id) == col(JournalLine.account_id))
        .where(JournalLine.entry_id == entry.id)
    ).all()
    return {account.code: (line.debit, line.credit) for line, account in lines}


def test_draft_consumes_no_number_and_issue_posts_the_sales_entry(
    engine: Engine, company_id: int, credentials: SigningCredentials
) -> None:
    with company_session(engine, company_id) as session:
        draft = create_document(session, bread_invoice(), issue=False, now=T0)
        assert (draft.status, draft.number) == ("borrador", None)
        first = create_document(
            session, bread_invoice(), issue=True, now=T0, credentials=credentials
        )
        assert (first.number, first.status) == ("FE1", "en proceso")
        later = issue_document(session, draft.id or 0, now=T0.replace(day=31, hour=15),
                               credentials=credentials)  # fmt: skip
        assert later.number == "FE2"
        assert later.signed_xml and b"SignatureValue" in later.signed_xml
        # 120 x 4.500 = 540.000 + 19 % VAT 102.600, eggs 33.000 excluded: 675.600.
        assert _entry_lines(session, "FE1") == {
            "130505": (Decimal("675600.00"), Decimal("0.00")),
            "413505": (Decimal("0.00"), Decimal("573000.00")),
            "240805": (Decimal("0.00"), Decimal("102600.00")),
        }
        timeline = [e.text for e in document_timeline(session, "FE-2")]
        assert timeline[0].startswith("Factura electrónica de venta creada como borrador")
        assert "aún no consume número" in timeline[0]
        assert timeline[1].startswith(
            "Emitida la factura electrónica de venta FE2 por $ 675.600,00"
        )


def test_credit_note_mirrors_the_sale_with_returns(
    engine: Engine, company_id: int, credentials: SigningCredentials
) -> None:
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        reference = billing_reference(
            session, "FE-1", reason_code="1", reason_text="Devolución de 10 panes"
        )
        note = InvoiceRequest(
            kind=DocumentKind.CREDIT_NOTE,
            customer=bread_invoice().customer,
            lines=(DraftLine("Devolución pan tajado", Decimal("10"), Decimal("4500")),),
            billing_reference=reference,
        )
        issued = create_document(session, note, issue=True, now=T0, credentials=credentials)
        assert issued.number == "NC1"
        assert _entry_lines(session, "NC1") == {
            "130505": (Decimal("0.00"), Decimal("53550.00")),
            "417505": (Decimal("45000.00"), Decimal("0.00")),
            "240805": (Decimal("8550.00"), Decimal("0.00")),
        }


def test_a_failed_issue_gives_the_number_back(
    engine: Engine, company_id: int, credentials: SigningCredentials
) -> None:
    with company_session(engine, company_id) as session:
        bad = InvoiceRequest(
            kind=bread_invoice().kind,
            customer=bread_invoice().customer,
            lines=(DraftLine("Pan", Decimal("0"), Decimal("4500")),),
        )
        draft = create_document(session, bad, issue=False, now=T0)
        with pytest.raises(ToolError, match="cantidad positiva"):
            issue_document(session, draft.id or 0, now=T0, credentials=credentials)
        good = create_document(
            session, bread_invoice(), issue=True, now=T0, credentials=credentials
        )
        assert good.number == "FE1"


def test_stored_xml_passes_the_projects_own_parser(
    engine: Engine, company_id: int, credentials: SigningCredentials
) -> None:
    from tools.dian import DianDocument, SourceRef, read_document_bytes

    with company_session(engine, company_id) as session:
        issued = create_document(
            session, bread_invoice(), issue=True, now=T0, credentials=credentials
        )
    assert issued.signed_xml is not None
    parsed = read_document_bytes(issued.signed_xml, SourceRef("FE1.xml"))
    assert isinstance(parsed, DianDocument)
    assert parsed.issues == (), [i.message_es for i in parsed.issues]
    assert (parsed.cufe, parsed.number) == (issued.cufe, "FE1")
    assert parsed.totals.payable == Decimal("675600.00")


def test_another_company_never_sees_the_document(
    engine: Engine, company_id: int, credentials: SigningCredentials
) -> None:
    from .conftest import set_up_company

    with company_session(engine, company_id) as session:
        issued = create_document(
            session, bread_invoice(), issue=True, now=T0, credentials=credentials
        )
    other = set_up_company(engine)
    with company_session(engine, other) as session:
        with pytest.raises(ToolError, match="No encontré el documento"):
            document_timeline(session, str(issued.id))
        with pytest.raises(ToolError, match="No encontré el documento FE1"):
            document_timeline(session, "FE1")
