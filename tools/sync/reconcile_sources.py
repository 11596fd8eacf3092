"""What the DIAN has, as the reconciler reads it: files, one sync job, or all on record.

Without files, the company's DIAN record is every document a sync staged (sales and
purchases) plus every one the reception inbox received, once per key. Registering a
missing document first checks it is still missing, so a retry never books it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, and_
from sqlmodel import Session, col, or_, select

from ledger.books import scoped_company_id
from ledger.db import company_session
from ledger.models import Account, Company, InboxEntry, StagedDocument
from ledger.money import ZERO, format_cop
from tools.dian import DianDocument, IngestResult, iter_documents
from tools.dian.direction import direction
from tools.errors import ToolError
from tools.registry import Preview, PreviewLine
from tools.sync import codec
from tools.sync.job import company_profile, load_job
from tools.sync.reconcile import ONLY_BOOKS, ONLY_DIAN, Reconciliation, reconcile, register_missing
from tools.sync.rules import plan_document
from tools.sync.stage import document_key


def _in_period(column: Any, start: date, end: date) -> Any:
    # Listing rows may lack a date: kept, and `reconcile` itself drops what is outside.
    return or_(col(column).is_(None), and_(col(column) >= start, col(column) <= end))


def recorded_documents(
    session: Session, start: date, end: date, job_id: int | None = None
) -> Iterator[DianDocument]:
    """The DIAN documents on record for the period (one job's, or every job's and inbox's)."""
    staged = select(StagedDocument.payload).where(_in_period(StagedDocument.issue_date, start, end))
    if job_id is not None:
        load_job(session, job_id)
        staged = staged.where(StagedDocument.job_id == job_id)
    payloads: Iterable[str] = session.exec(staged.order_by(col(StagedDocument.id).desc()))
    if job_id is None:
        received = select(InboxEntry.payload).where(_in_period(InboxEntry.issue_date, start, end))
        payloads = [*payloads, *session.exec(received)]
    seen: set[str] = set()
    for payload in payloads:
        doc = codec.loads(payload)
        key = document_key(doc)
        if key not in seen:
            seen.add(key)
            yield doc


def dian_results(
    session: Session,
    start: date,
    end: date,
    *,
    files: list[Path] | None = None,
    job_id: int | None = None,
) -> Iterator[IngestResult]:
    """Documents of `files` when given, else those on record (of `job_id` if given)."""
    if files:
        return iter_documents(files)
    return recorded_documents(session, start, end, job_id)


def reconcile_period(
    session: Session,
    start: date,
    end: date,
    *,
    files: list[Path] | None = None,
    job_id: int | None = None,
) -> Reconciliation:
    """The reconciliation of the company's books against the chosen DIAN source."""
    if end < start:
        raise ToolError("periodo_invalido", "La fecha final es anterior a la inicial.")
    company = session.get(Company, scoped_company_id(session))
    assert company is not None
    results = dian_results(session, start, end, files=files, job_id=job_id)
    return reconcile(session, company.nit, results, start, end)


class Registered(BaseModel):
    """The document the books lacked, now recorded."""

    model_config = ConfigDict(frozen=True)

    document_id: int
    number: str
    kind: str
    issue_date: date
    total: str


def missing_document(
    engine: Engine,
    company_id: int,
    number: str,
    start: date,
    end: date,
    *,
    files: list[Path] | None = None,
    job_id: int | None = None,
) -> DianDocument:
    """The document `number` (or CUFE) the DIAN has and the books still lack; raises
    `ToolError` when the DIAN has no such document or the books already have it."""
    wanted = number.strip().upper()
    with company_session(engine, company_id) as session:
        company = session.get(Company, company_id)
        assert company is not None
        candidates = [
            doc
            for doc in dian_results(session, start, end, files=files, job_id=job_id)
            if isinstance(doc, DianDocument)
            and wanted in ((doc.number or "").upper(), (doc.cufe or "").upper())
        ]
        if not candidates:
            raise ToolError(
                "documento_no_existe",
                f"La DIAN no tiene el documento {number} entre {start:%d/%m/%Y} y {end:%d/%m/%Y}.",
            )
        doc = candidates[0]
        day = doc.issue_date or start
        check = reconcile(session, company.nit, [doc], day, day)  # books of that day only
    verdict = [row.category for row in check.rows if row.category != ONLY_BOOKS]
    if verdict != [ONLY_DIAN]:
        raise ToolError(
            "no_falta",
            f"El documento {number} no falta en tus libros (o la DIAN lo rechazó): no lo "
            "registro de nuevo.",
        )
    return doc


def preview_one(
    engine: Engine,
    company_id: int,
    number: str,
    start: date,
    end: date,
    *,
    sync_date: date,
    files: list[Path] | None = None,
    job_id: int | None = None,
) -> Preview:
    """What registering one missing document would write (document, entry, payment), with
    the sync rules that shape it; writes nothing."""
    doc = missing_document(engine, company_id, number, start, end, files=files, job_id=job_id)
    with company_session(engine, company_id) as session:
        profile = company_profile(session, company_id)
        plan = plan_document(doc, profile, direction(doc, profile.nit), contact_id=None,
                             sync_date=sync_date)  # fmt: skip
        entries = [plan.entry] + ([plan.payment.entry] if plan.payment else [])
        written = [line for entry in entries for line in entry.lines]
        codes = {line.account_code for line in written}
        names = {
            account.code: account.name
            for account in session.exec(select(Account).where(col(Account.code).in_(codes)))
        }
    lines = tuple(
        PreviewLine(
            account=line.account_code,
            account_name=names.get(line.account_code, ""),
            debit=f"{line.debit:.2f}",
            credit=f"{line.credit:.2f}",
            description=line.description,
        )
        for line in written
    )
    side = "la venta" if plan.document.side == "sale" else "la compra"
    payment = " y su pago automático" if plan.payment else ""
    return Preview(
        summary=f"Registraré {side} {plan.document.number} del {plan.document.issue_date:%d/%m/%Y} "
        f"por {format_cop(plan.document.total)}{payment}, con las reglas de la sincronización.",
        lines=lines,
        totals={
            "debit": f"{sum((entry.total_debit for entry in entries), ZERO):.2f}",
            "credit": f"{sum((entry.total_credit for entry in entries), ZERO):.2f}",
        },
        details={
            "points": [{"text": rule.text_es, "help": rule.help} for rule in plan.rules],
            "payment_note": plan.payment_note,
        },
    )


def register_one(
    engine: Engine,
    company_id: int,
    number: str,
    start: date,
    end: date,
    *,
    actor: str,
    sync_date: date,
    files: list[Path] | None = None,
    job_id: int | None = None,
) -> Registered:
    """Record the document `number` (or CUFE) that the DIAN has and the books lack."""
    doc = missing_document(engine, company_id, number, start, end, files=files, job_id=job_id)
    added = register_missing(engine, company_id, doc, sync_date=sync_date, actor=actor)
    assert added.id is not None
    return Registered(
        document_id=added.id,
        number=added.number,
        kind=str(added.kind),
        issue_date=added.issue_date,
        total=f"{added.total:.2f}",
    )
