"""The fiscal reconciler: every category, writes nothing, registers one missing document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine, func
from sqlmodel import select

from ledger.db import company_session
from ledger.models import DocumentKind, JournalEntry
from ledger.posting import DocumentDraft, EntryProposal, ProposedLine, post_document
from tests.tools.sync.docs import OURS, spec
from tests.tools.sync.test_job import SYNC_DAY, year_files
from tools.dian import DianDocument, iter_documents
from tools.sync.job import advance, commit_job, create_job
from tools.sync.reconcile import reconcile, register_missing, write_xlsx
from tools.sync.review import ReviewFilter, set_selected

START, END = date(2024, 1, 1), date(2024, 12, 31)


def _manual(
    number: str, total: str, cufe: str | None = None
) -> tuple[DocumentDraft, EntryProposal]:
    amount = Decimal(total)
    document = DocumentDraft(
        kind=DocumentKind.PURCHASE_INVOICE, number=number, issue_date=date(2024, 5, 10),
        total=amount, cufe=cufe,
    )  # fmt: skip
    entry = EntryProposal(
        date=date(2024, 5, 10),
        description=f"Compra {number} digitada a mano",
        lines=(ProposedLine("519530", debit=amount), ProposedLine("220505", credit=amount)),
    )
    return document, entry


def test_the_reconciler_sorts_every_document_into_its_category(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    files = year_files(tmp_path)
    job_id = create_job(engine, company_id, files=files, sync_date=SYNC_DAY)
    advance(engine, company_id, job_id)
    with company_session(engine, company_id) as session:
        set_selected(session, job_id, ReviewFilter(text="FV2"), False)
        set_selected(session, job_id, ReviewFilter(text="FX77"), False)
    commit_job(engine, company_id, job_id)
    with company_session(engine, company_id) as session:
        post_document(session, *_manual("FX77", "100000", "c" * 96), actor="ana")
        post_document(
            session, *_manual("FE1003", "154700", spec(number="FE1003").cufe), actor="ana"
        )
        post_document(session, *_manual("MAN-1", "50000"), actor="ana")
        entries_before = session.exec(select(func.count()).select_from(JournalEntry)).one()
        result = reconcile(session, OURS.nit, iter_documents(files), START, END)
        assert session.exec(select(func.count()).select_from(JournalEntry)).one() == entries_before
    by_category = {row.number: row.category for row in result.rows}
    assert by_category == {
        "FE1001": "matched",
        "FE1002": "matched",
        "FV1": "matched",
        "FV2": "only_in_dian",
        "FX77": "amount_difference",
        "FE1003": "rejected_but_booked",
        "MAN-1": "only_in_books",
    }
    workbook = load_workbook(write_xlsx(result, tmp_path / "conciliacion.xlsx"))
    assert workbook["Resumen"]["B5"].value == 1  # en la DIAN, no en los libros
    assert workbook["Detalle"].max_row == 1 + len(result.rows)

    missing = next(
        doc
        for doc in iter_documents(files)
        if isinstance(doc, DianDocument) and doc.number == "FV2"
    )
    register_missing(engine, company_id, missing, sync_date=SYNC_DAY, actor="ana")
    with company_session(engine, company_id) as session:
        again = reconcile(session, OURS.nit, iter_documents(files), START, END)
    assert {row.number: row.category for row in again.rows}["FV2"] == "matched"
