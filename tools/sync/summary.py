"""The summary a person reads after a sync: what was written, skipped, and why."""

from __future__ import annotations

import json
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.models import Document, Payment, StagedDocument, SyncJob
from ledger.money import ZERO
from tools.sync.points import ALL_RULES, SyncRule
from tools.sync.stage import CONFLICTING, IN_BOOKS, NEW, REJECTED

SKIP_REASONS = {
    IN_BOOKS: "ya estaban en tus libros",
    CONFLICTING: "tienen la misma clave que otro documento con otro valor, o no cuadran",
    REJECTED: "la DIAN los rechazó",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class KindTotal(_Frozen):
    kind: str
    count: int
    total: Decimal


class Skipped(_Frozen):
    reason: str
    count: int


class Point(_Frozen):
    text: str
    help: str


class SyncSummary(_Frozen):
    """Counts by kind, totals, payments, what was left out, and the rules to remember."""

    job_id: int
    state: str
    batch_id: str | None
    documents: int
    by_kind: tuple[KindTotal, ...]
    payments: int
    payments_total: Decimal
    skipped: tuple[Skipped, ...]
    points: tuple[Point, ...]


def _point(rule: SyncRule) -> Point:
    return Point(text=rule.text_es, help=rule.help)


def build_summary(session: Session, job: SyncJob) -> SyncSummary:
    """The summary of `job` from its staged rows and the documents they became."""
    assert job.id is not None
    written = (
        select(Document.kind, func.count(), func.sum(Document.total))
        .join(StagedDocument, col(StagedDocument.document_id) == Document.id)
        .where(StagedDocument.job_id == job.id)
        .group_by(Document.kind)
    )
    by_kind = tuple(
        KindTotal(kind=kind, count=count, total=Decimal(total or 0))
        for kind, count, total in session.exec(written)
    )
    payments = session.exec(
        select(func.count(), func.sum(Payment.amount))
        .join(StagedDocument, col(StagedDocument.document_id) == Payment.document_id)
        .where(StagedDocument.job_id == job.id)
    ).one()
    skipped: list[Skipped] = []
    grouped = session.exec(
        select(StagedDocument.status, func.count())
        .where(StagedDocument.job_id == job.id, StagedDocument.status != NEW)
        .group_by(StagedDocument.status)
    )
    skipped += [Skipped(reason=SKIP_REASONS.get(status, status), count=n) for status, n in grouped]
    unselected = session.exec(
        select(func.count()).where(
            StagedDocument.job_id == job.id,
            StagedDocument.status == NEW,
            col(StagedDocument.selected).is_(False),
        )
    ).one()
    if unselected:
        skipped.append(Skipped(reason="los desmarcaste en la revisión", count=int(unselected)))
    failed = session.exec(
        select(StagedDocument.outcome, func.count())
        .where(StagedDocument.job_id == job.id, col(StagedDocument.outcome).startswith("omitido"))
        .group_by(StagedDocument.outcome)
    )
    skipped += [Skipped(reason=outcome, count=n) for outcome, n in failed]
    stage = json.loads(job.counts or "{}").get("stage", {})
    for key, reason in (
        ("duplicates", "estaban repetidos en los archivos"),
        ("not_ours", "no son de esta empresa"),
        ("excluded_kind", "son de un tipo que no elegiste"),
        ("failure_count", "no se pudieron leer"),
    ):
        if stage.get(key):
            skipped.append(Skipped(reason=reason, count=int(stage[key])))
    return SyncSummary(
        job_id=job.id,
        state=job.state,
        batch_id=job.batch_id,
        documents=sum(k.count for k in by_kind),
        by_kind=by_kind,
        payments=int(payments[0] or 0),
        payments_total=Decimal(payments[1] or ZERO),
        skipped=tuple(skipped),
        points=tuple(_point(rule) for rule in ALL_RULES),
    )
