"""Documents land in the inbox once per CUFE, whatever the source.

A document for another company is rejected with the reason; one the company issued
(a sale) is ignored; a DIAN rejection (code 04) is rejected. A second arrival of the same
CUFE (another source, or the same file again) only bumps `arrivals`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.models import Company, InboxEntry
from tools.dian import IngestFailure, iter_documents
from tools.dian.direction import Direction, direction, nit_digits
from tools.dian.model import DianDocument
from tools.errors import ToolError
from tools.sync.codec import dumps

SOURCES = ("portal", "upload", "mailbox")
PENDING, REGISTERED, NEEDS_REVIEW, REJECTED, IGNORED = (
    "pending",
    "registered",
    "needs_review",
    "rejected",
    "ignored",
)


@dataclass
class IntakeReport:
    """What one batch of arrivals did to the inbox."""

    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    rejected: int = 0
    ignored: int = 0
    failures: list[str] = field(default_factory=list)  # Spanish, one per unreadable file


def document_key(doc: DianDocument) -> str:
    """The CUFE/CUDE, or issuer NIT + number when the document has none."""
    return doc.cufe or f"{nit_digits(doc.issuer.nit)}-{doc.number or '?'}"


def first_verdict(doc: DianDocument, company_nit: str) -> tuple[str, list[str]]:
    """Status and reasons an arrival gets before any suggestion: pending unless refused."""
    number = doc.number or "sin número"
    try:
        side = direction(doc, company_nit)
    except ToolError as error:
        return REJECTED, [error.message_es]
    if side is Direction.ISSUED:
        return IGNORED, [f"{number} es un documento emitido por la empresa, no una compra."]
    if doc.validation is not None and doc.validation.code == "04":
        return REJECTED, [f"La DIAN rechazó el documento {number}."]
    return PENDING, []


def receive(
    session: Session, doc: DianDocument, *, source: str, now: datetime
) -> tuple[InboxEntry, bool]:
    """Put one document in the company's inbox; returns the entry and whether it is new."""
    if source not in SOURCES:
        raise ValueError(f"unknown inbox source {source!r}")
    company = session.get(Company, scoped_company_id(session))
    assert company is not None
    key = document_key(doc)[:120]
    existing = session.exec(select(InboxEntry).where(InboxEntry.cufe == key)).first()
    if existing is not None:
        existing.arrivals += 1
        session.add(existing)
        session.commit()
        return existing, False
    status, reasons = first_verdict(doc, company.nit)
    entry = InboxEntry(
        company_id=company.id or 0,
        cufe=key,
        number=(doc.number or "")[:40],
        supplier_nit=nit_digits(doc.issuer.nit)[:20],
        supplier_name=(doc.issuer.name or "")[:200],
        issue_date=doc.issue_date,
        source=source,
        received_at=now,
        status=status,
        reasons=json.dumps(reasons, ensure_ascii=False),
        payload=dumps(doc),
    )
    session.add(entry)
    session.commit()
    session.refresh(entry)
    return entry, True


def receive_files(
    session: Session,
    paths: Iterable[str | os.PathLike[str]],
    *,
    source: str = "upload",
    now: datetime,
) -> IntakeReport:
    """Every document in files, folders or ZIPs into the inbox (unreadable ones reported)."""
    report = IntakeReport()
    for result in iter_documents(paths):
        if isinstance(result, IngestFailure):
            report.failures.append(f"{result.source.file}: {result.message_es}")
            continue
        entry, new = receive(session, result, source=source, now=now)
        if not new:
            report.duplicates += 1
        elif entry.status == REJECTED:
            report.rejected += 1
        elif entry.status == IGNORED:
            report.ignored += 1
        else:
            report.added.append(entry.id or 0)
    return report
