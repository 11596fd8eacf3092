"""Review: filters, paging, a document's detail, selection by id and by filter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from ledger.db import company_session
from ledger.models import Document
from tests.tools.sync.test_job import stage
from tools.sync.job import commit_job
from tools.sync.preview import commit_preview
from tools.sync.review import ReviewFilter, detail, review, set_selected


def test_review_filters_by_kind_status_period_and_text(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = stage(engine, company_id, tmp_path)
    with company_session(engine, company_id) as session:
        assert review(session, job_id, ReviewFilter()).total_rows == 6
        assert {r.number for r in review(session, job_id, ReviewFilter(kind="ventas")).rows} == {
            "FV1",
            "FV2",
        }
        rejected = review(session, job_id, ReviewFilter(status="rejected_by_dian")).rows
        assert [r.number for r in rejected] == ["FE1003"]
        may = review(session, job_id, ReviewFilter(start=date(2024, 5, 1), end=date(2024, 5, 31)))
        assert [r.number for r in may.rows] == ["FX77"]
        assert [
            r.number for r in review(session, job_id, ReviewFilter(text="cliente grande")).rows
        ] == ["FV1", "FV2"]
        first, second = (
            review(session, job_id, ReviewFilter(), page=n, page_size=4) for n in (1, 2)
        )
        assert len(first.rows) == 4 and len(second.rows) == 2


def test_detail_shows_lines_taxes_entry_and_payment(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = stage(engine, company_id, tmp_path)
    with company_session(engine, company_id) as session:
        row = review(session, job_id, ReviewFilter(text="FE1001")).rows[0]
        opened = detail(session, job_id, row.id)
    assert [line["description"] for line in opened.lines] == ["Tubería PVC 1/2", "Codo PVC 1/2"]
    assert {line.account for line in opened.entry} == {"51959501", "240810", "220505"}
    assert {line.account for line in opened.payment} == {"220505", "111005"}
    assert "sync-dian#compras" in opened.rules and "contado" in opened.payment_note


def test_unselected_documents_are_not_committed(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = stage(engine, company_id, tmp_path)
    with company_session(engine, company_id) as session:
        assert set_selected(session, job_id, ReviewFilter(kind="ventas"), False) == 2
        fx = review(session, job_id, ReviewFilter(text="FX77")).rows[0]
        assert set_selected(session, job_id, ReviewFilter(), False, ids=(fx.id,)) == 1
        assert set_selected(session, job_id, ReviewFilter(status="rejected_by_dian"), True) == 0
        preview = commit_preview(session, job_id)
    assert preview.documents == 2 and preview.debit == preview.credit
    commit_job(engine, company_id, job_id)
    with company_session(engine, company_id) as session:
        assert sorted(d.number for d in session.exec(select(Document))) == ["FE1001", "FE1002"]
