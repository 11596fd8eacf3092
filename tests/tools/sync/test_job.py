"""The sync job end to end on files: stage, review statuses, commit, re-run, undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from ledger.db import company_session
from ledger.models import AuditEvent, Contact, Document, Payment, StagedDocument, SyncJob
from ledger.reports import trial_balance, trial_balance_totals
from tests.fixtures.dian.containers import supplier_zip, write_listing
from tests.tools.sync.docs import CUSTOMER, LISTED_CASH_PURCHASE, sale, spec
from tools.sync import stage as staging
from tools.sync.job import advance, commit_job, create_job
from tools.sync.progress import job_progress
from tools.sync.summary import build_summary
from tools.sync.undo import undo_batch

SYNC_DAY = date(2024, 12, 31)


def year_files(folder: Path) -> list[Path]:
    """Two purchases (one cash), a sale past due, a 90-day sale, a rejected one, a duplicate."""
    files = [
        supplier_zip(folder / "compra1.zip", spec(number="FE1001", payment_form="1")),
        supplier_zip(folder / "compra2.zip", spec(number="FE1002", due_date="2024-04-14")),
        supplier_zip(folder / "venta1.zip", sale(number="FV1", due_date="2024-04-14")),
        supplier_zip(
            folder / "venta2.zip",
            sale(number="FV2", issue_date="2024-03-15", due_date="2024-06-13"),
        ),
        supplier_zip(folder / "rechazada.zip", spec(number="FE1003"), response_code="04"),
        supplier_zip(folder / "repetida.zip", spec(number="FE1001", payment_form="1")),
    ]
    listing = write_listing(
        folder / "listado.xlsx",
        [LISTED_CASH_PURCHASE],
    )
    return [*files, listing]


def stage(engine: Engine, company_id: int, folder: Path) -> int:
    job_id = create_job(
        engine, company_id, files=year_files(folder), sync_date=SYNC_DAY, actor="ana"
    )
    assert advance(engine, company_id, job_id) == "staged"
    return job_id


def statuses(engine: Engine, company_id: int, job_id: int) -> dict[str, str]:
    with company_session(engine, company_id) as session:
        rows = session.exec(select(StagedDocument).where(StagedDocument.job_id == job_id))
        return {row.number: row.status for row in rows}


def test_staging_marks_new_rejected_and_drops_the_duplicate_without_touching_the_books(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = stage(engine, company_id, tmp_path)
    assert statuses(engine, company_id, job_id) == {
        "FE1001": "new",
        "FE1002": "new",
        "FV1": "new",
        "FV2": "new",
        "FE1003": "rejected_by_dian",
        "FX77": "new",
    }
    with company_session(engine, company_id) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 0
        job = session.get(SyncJob, job_id)
        assert job is not None and job.period_start == date(2024, 3, 15)
        assert job.period_end == date(2024, 5, 10)


def test_commit_writes_each_selected_document_with_payments_contacts_and_history(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = stage(engine, company_id, tmp_path)
    assert commit_job(engine, company_id, job_id, actor="ana") == "done"
    with company_session(engine, company_id) as session:
        numbers = sorted(d.number for d in session.exec(select(Document)))
        assert numbers == ["FE1001", "FE1002", "FV1", "FV2", "FX77"]
        payments = {p.reference[:4]: p.amount for p in session.exec(select(Payment))}
        # FE1001 cash, FX77 cash (listing), FV1 due 14/04 > 60 days before 31/12;
        # FE1002 is also overdue; FV2 has a 90-day term: never paid automatically.
        assert len(payments) == 4
        nits = sorted(c.id_number for c in session.exec(select(Contact)))
        assert nits == sorted(["900390126", CUSTOMER.nit])
        job = session.get(SyncJob, job_id)
        assert job is not None and job.batch_id == "L-0001"
        actions = session.exec(
            select(AuditEvent.action, func.count())
            .where(AuditEvent.batch_id == "L-0001")
            .group_by(AuditEvent.action)
        ).all()
        assert dict(actions) == {"document.posted": 5, "payment.created": 4, "contact.created": 2}
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit > 0
        summary = build_summary(session, job)
    assert summary.documents == 5 and summary.payments == 4
    assert any(point.help == "sync-dian#pagos-automaticos" for point in summary.points)
    assert any("rechazó" in skipped.reason for skipped in summary.skipped)


def test_rerunning_a_sync_never_duplicates(engine: Engine, company_id: int, tmp_path: Path) -> None:
    commit_job(engine, company_id, stage(engine, company_id, tmp_path), actor="ana")
    again = stage(engine, company_id, tmp_path)
    assert set(statuses(engine, company_id, again).values()) == {
        "already_in_books",
        "rejected_by_dian",
    }
    commit_job(engine, company_id, again, actor="ana")
    with company_session(engine, company_id) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 5


def test_undo_reverses_the_batch_and_retires_contacts_nothing_else_uses(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    commit_job(engine, company_id, stage(engine, company_id, tmp_path), actor="ana")
    counts = undo_batch(engine, company_id, "L-0001", on=date(2025, 1, 2), actor="ana")
    assert counts == {"entries": 9, "documents": 5, "contacts": 2}
    with company_session(engine, company_id) as session:
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit
        balances = {row.code: row.closing for row in trial_balance(session, level=8)}
        assert all(amount == Decimal(0) for amount in balances.values())
        assert {d.status for d in session.exec(select(Document))} == {"voided"}
        assert [c.active for c in session.exec(select(Contact))] == [False, False]


def test_after_an_undo_the_same_documents_import_again(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    commit_job(engine, company_id, stage(engine, company_id, tmp_path), actor="ana")
    undo_batch(engine, company_id, "L-0001", on=date(2025, 1, 2), actor="ana")
    again = create_job(engine, company_id, files=year_files(tmp_path), sync_date=SYNC_DAY)
    advance(engine, company_id, again)
    assert commit_job(engine, company_id, again, actor="ana") == "done"
    with company_session(engine, company_id) as session:
        voided = [d.status == "voided" for d in session.exec(select(Document))]
        assert (voided.count(True), voided.count(False)) == (5, 5)
        assert all(c.active for c in session.exec(select(Contact)))
        totals = trial_balance_totals(trial_balance(session, level=8))
        assert totals.debit == totals.credit > 0


def test_a_document_the_books_refuse_is_skipped_with_its_reason_and_the_rest_commit(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    from ledger.posting import close_books

    job_id = stage(engine, company_id, tmp_path)
    with company_session(engine, company_id) as session:
        close_books(session, date(2024, 4, 30))  # March documents can no longer be posted
    commit_job(engine, company_id, job_id)
    with company_session(engine, company_id) as session:
        assert [d.number for d in session.exec(select(Document))] == ["FX77"]
        job = session.get(SyncJob, job_id)
        assert job is not None
        summary = build_summary(session, job)
    closed = [s for s in summary.skipped if "cerrado" in s.reason]
    assert sum(s.count for s in closed) == 4


def test_choosing_only_customers_and_suppliers_brings_contacts_without_documents(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    job_id = create_job(
        engine, company_id, files=year_files(tmp_path), kinds=("customers",), sync_date=SYNC_DAY
    )
    advance(engine, company_id, job_id)
    assert commit_job(engine, company_id, job_id) == "done"
    with company_session(engine, company_id) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 0
        contacts = list(session.exec(select(Contact)))
        assert [(c.id_number, c.is_customer) for c in contacts] == [(CUSTOMER.nit, True)]
        events = session.exec(select(AuditEvent.action).where(AuditEvent.batch_id == "L-0001"))
        assert list(events) == ["contact.created"]


def test_unreadable_files_show_by_reason_while_the_job_still_reads(
    engine: Engine, company_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk saves the reasons found so far: a long read lists them as it goes."""
    monkeypatch.setattr(staging, "CHUNK", 1)
    broken = tmp_path / "roto.xml"
    broken.write_bytes(b"<Invoice><cbc:ID>sin cerrar")
    good = supplier_zip(tmp_path / "compra1.zip", spec(number="FE1001"))
    later = supplier_zip(tmp_path / "compra2.zip", spec(number="FE1002"))
    job_id = create_job(engine, company_id, files=[broken, good, later], sync_date=SYNC_DAY)
    seen: list[tuple[str, list[tuple[str, int]]]] = []

    def watch(_state: str, _done: int, _total: int) -> None:
        with company_session(engine, company_id) as session:
            progress = job_progress(session, job_id, with_summary=False)
        groups = [(g.reason, g.count) for g in progress.counts.unreadable_by_reason]
        seen.append((progress.state, groups))

    assert advance(engine, company_id, job_id, on_progress=watch) == "staged"
    assert seen[0] == ("downloading", [("El archivo no es XML válido.", 1)])
    with company_session(engine, company_id) as session:
        (group,) = job_progress(session, job_id).counts.unreadable_by_reason
    assert group.count == 1 and [Path(f).name for f in group.files] == ["roto.xml"]
