"""What a commit will write, computed with the same rules and written nowhere."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session

from ledger.money import ZERO
from tools.errors import ToolError
from tools.sync.commit import plan_row, selected_rows
from tools.sync.job import company_profile, load_job
from tools.sync.points import ALL_RULES


class CommitPreview(BaseModel):
    """Counts, totals, debits = credits, payments and the points to keep in mind."""

    model_config = ConfigDict(frozen=True)

    job_id: int
    documents: int
    by_kind: dict[str, int]
    total: Decimal
    debit: Decimal
    credit: Decimal
    payments: int
    payments_total: Decimal
    problems: tuple[str, ...]
    points: tuple[tuple[str, str], ...]


def commit_preview(session: Session, job_id: int) -> CommitPreview:
    """Plan every selected document (no contact ids yet) and add up what will be written."""
    job = load_job(session, job_id)
    profile = company_profile(session, job.company_id)
    by_kind: dict[str, int] = {}
    total = debit = credit = paid = ZERO
    payments = 0
    problems: list[str] = []
    rows = selected_rows(session, job_id)
    for row in rows:
        try:
            plan = plan_row(row, profile, job.sync_date, None)
        except ToolError as exc:
            problems.append(exc.message_es)
            continue
        by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
        total += plan.document.total
        entries = [plan.entry] + ([plan.payment.entry] if plan.payment else [])
        debit += sum((e.total_debit for e in entries), ZERO)
        credit += sum((e.total_credit for e in entries), ZERO)
        if plan.payment:
            payments += 1
            paid += plan.payment.amount
    session.expunge_all()
    return CommitPreview(
        job_id=job_id,
        documents=sum(by_kind.values()),
        by_kind=by_kind,
        total=Decimal(total),
        debit=Decimal(debit),
        credit=Decimal(credit),
        payments=payments,
        payments_total=Decimal(paid),
        problems=tuple(problems[:20]),
        points=tuple((rule.text_es, rule.help) for rule in ALL_RULES),
    )
