"""Staging: DIAN documents found in files become staged rows; nothing touches the books.

Each document gets a key (CUFE/CUDE, or issuer NIT + number when a listing row has no
CUFE) and a status: `new`, `already_in_books` (same key in the books, same amount),
`conflicting` (same key, different amount, or a document whose parts do not add up) or
`rejected_by_dian`. Only `new` documents start selected.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from ledger.models import (
    Contact,
    Document,
    DocumentStatus,
    StagedContact,
    StagedDocument,
    SyncJob,
)
from ledger.models.base import utcnow
from tools.dian import DianDocument, IngestFailure, IngestResult, direction
from tools.dian.direction import Direction, nit_digits
from tools.errors import ToolError
from tools.sync import codec
from tools.sync.rules import CompanyProfile, ledger_kind, plan_document
from tools.sync.unreadable import UnreadableTally

NEW = "new"
IN_BOOKS = "already_in_books"
CONFLICTING = "conflicting"
REJECTED = "rejected_by_dian"
STATUSES = (NEW, IN_BOOKS, CONFLICTING, REJECTED)
CHUNK = 1000
Row = dict[str, Any]
TWICE = "El mismo documento aparece dos veces con valores distintos."


def document_key(doc: DianDocument) -> str:
    """CUFE/CUDE when present, else `NIT:number` of the issuer."""
    if doc.cufe:
        return doc.cufe.strip().lower()
    return f"{nit_digits(doc.issuer.nit)}:{(doc.number or '').upper()}"


@dataclass
class StageCounts:
    """What staging found, for the job's counters and the summary."""

    read: int = 0
    staged: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    not_ours: int = 0
    excluded_kind: int = 0
    failures: list[str] = field(default_factory=list)
    unreadable: UnreadableTally = field(default_factory=UnreadableTally)
    first: date | None = None
    last: date | None = None

    def fail(self, message: str, where: str | None = None) -> None:
        """One file, entry or document that gives nothing to stage, and why (Spanish)."""
        self.failures.append(f"{where}: {message}" if where else message)
        self.unreadable.add(message, where)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready counters (failures capped at 50 messages, and grouped by reason)."""
        return {
            "read": self.read,
            "staged": self.staged,
            "by_status": self.by_status,
            "duplicates": self.duplicates,
            "not_ours": self.not_ours,
            "excluded_kind": self.excluded_kind,
            "failures": self.failures[:50],
            "failure_count": len(self.failures),
            "failure_groups": self.unreadable.as_list(),
        }


@dataclass
class _Books:
    """Keys already in the books with their totals (one query each, not per document)."""

    by_cufe: dict[str, Decimal]
    by_number: dict[str, Decimal]
    contacts: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> _Books:
        by_cufe: dict[str, Decimal] = {}
        by_number: dict[str, Decimal] = {}
        rows = session.exec(
            select(
                col(Document.cufe),
                col(Document.number),
                col(Document.total),
                col(Contact.id_number),
            )
            .join(Contact, col(Contact.id) == Document.contact_id, isouter=True)
            # A voided document (an undone import) is no longer in the books.
            .where(Document.status != DocumentStatus.VOIDED)
        )
        for cufe, number, total, nit in rows:
            if cufe:
                by_cufe[cufe.lower()] = total
            by_number[f"{nit or ''}:{number.upper()}"] = total
        contacts = {c.id_number: c.id for c in session.exec(select(Contact)) if c.id is not None}
        return cls(by_cufe, by_number, contacts)


def _status(
    doc: DianDocument, key: str, total: Decimal, books: _Books, issuer: str
) -> tuple[str, str]:
    if doc.validation is not None and doc.validation.code == "04":
        return REJECTED, "La DIAN rechazó este documento; no se registra."
    booked = books.by_cufe.get(key)
    if booked is None:
        booked = books.by_number.get(f"{issuer}:{(doc.number or '').upper()}")
    if booked is None:
        return NEW, ""
    if booked == total:
        return IN_BOOKS, "Ya está en tus libros."
    return (
        CONFLICTING,
        f"Ya hay un documento con la misma clave por {booked}; revisa cuál es el correcto.",
    )


def stage_results(
    session: Session,
    job: SyncJob,
    results: Iterable[IngestResult],
    profile: CompanyProfile,
    *,
    on_progress: Callable[[int], None] | None = None,
    percent: Callable[[], int] | None = None,
) -> StageCounts:
    """Store every document of `results` as a staged row of `job` (restarts clean).

    `percent()` tells how far the reading is (0-100); it is saved on the job per chunk.
    """
    assert job.id is not None
    session.execute(delete(StagedDocument).where(col(StagedDocument.job_id) == job.id))
    session.execute(delete(StagedContact).where(col(StagedContact.job_id) == job.id))
    session.commit()
    kinds = set(job.kinds.split(","))
    books = _Books.load(session)
    counts = StageCounts()
    seen: dict[str, tuple[Decimal, str]] = {}
    late_conflicts: set[str] = set()
    contacts: dict[str, StagedContact] = {}
    pending: list[Row] = []
    for result in results:
        counts.read += 1
        if isinstance(result, IngestFailure):
            counts.fail(result.message_es, result.source.label())
            continue
        staged = _stage_one(result, job, profile, books, kinds, counts, seen, late_conflicts)
        if staged is not None:
            pending.append(staged)
            _note_contact(result, staged["direction"] == "issued", job, books, kinds, contacts)
        else:
            _contact_only(result, profile, job, books, kinds, contacts)
        if staged is None:
            continue
        if len(pending) >= CHUNK:
            _flush(session, job, pending, counts, on_progress, percent)
    _flush(session, job, pending, counts, on_progress, percent)
    if late_conflicts:
        session.execute(
            update(StagedDocument)
            .where(
                col(StagedDocument.job_id) == job.id, col(StagedDocument.key).in_(late_conflicts)
            )
            .values(status=CONFLICTING, selected=False, note=TWICE)
        )
        counts.by_status[NEW] -= len(late_conflicts)
        counts.by_status[CONFLICTING] = counts.by_status.get(CONFLICTING, 0) + len(late_conflicts)
    session.add_all(contacts.values())
    job.period_start = job.period_start or counts.first
    job.period_end = job.period_end or counts.last
    session.add(job)
    session.commit()
    return counts


def _flush(
    session: Session,
    job: SyncJob,
    pending: list[Row],
    counts: StageCounts,
    on_progress: Callable[[int], None] | None,
    percent: Callable[[], int] | None,
) -> None:
    if percent is not None:  # the job's progress commits with the rows it describes
        touch(job, progress=percent())
        # So far, too: a long read shows its unreadable files while it goes on.
        merge_counts(job, stage=counts.as_dict())
        session.add(job)
    if pending:
        session.execute(insert(StagedDocument), pending)  # multi-row, no ORM objects
    session.commit()
    session.expunge_all()  # keep memory flat on a year of documents
    counts.staged += len(pending)
    pending.clear()
    if on_progress is not None:
        on_progress(counts.staged)


def _stage_one(
    doc: DianDocument,
    job: SyncJob,
    profile: CompanyProfile,
    books: _Books,
    kinds: set[str],
    counts: StageCounts,
    seen: dict[str, tuple[Decimal, str]],
    late_conflicts: set[str],
) -> Row | None:
    try:
        side = direction(doc, profile.nit)
    except ToolError as exc:
        counts.not_ours += 1
        # The stored line stays the bare message it always was; the group names the file.
        counts.failures.append(exc.message_es)
        counts.unreadable.add(exc.message_es, doc.source.label())
        return None
    if ("sales" if side is Direction.ISSUED else "purchases") not in kinds:
        counts.excluded_kind += 1
        return None
    key = document_key(doc)
    other = doc.receiver if side is Direction.ISSUED else doc.issuer
    try:
        plan = plan_document(doc, profile, side, contact_id=None, sync_date=job.sync_date)
        total, taxes, held = (
            plan.document.total,
            plan.document.tax_total,
            plan.document.withholding_total,
        )
        status, note = _status(doc, key, total, books, nit_digits(doc.issuer.nit))
    except ToolError as exc:
        total, taxes, held = doc.totals.payable or Decimal(0), doc.tax_total, Decimal(0)
        status, note = CONFLICTING, exc.message_es
    if key in seen:
        first_total, first_status = seen[key]
        if first_total == total:
            counts.duplicates += 1
            return None
        status, note = CONFLICTING, TWICE
        if first_status == NEW:
            late_conflicts.add(key)
        key = f"{key}#{counts.read}"
    counts.by_status[status] = counts.by_status.get(status, 0) + 1
    if doc.issue_date is not None:
        counts.first = min(counts.first or doc.issue_date, doc.issue_date)
        counts.last = max(counts.last or doc.issue_date, doc.issue_date)
    row: Row = {
        "company_id": job.company_id,
        "job_id": job.id or 0,
        "key": key[:120],
        "cufe": doc.cufe,
        "number": (doc.number or "")[:40],
        "kind": ledger_kind(doc, side).value,
        "type_code": doc.type_code or "",
        "direction": side.value,
        "issue_date": doc.issue_date,
        "nit": nit_digits(other.nit)[:20],
        "name": (other.name or "")[:200],
        "status": status,
        "selected": status == NEW,
        "note": note[:500],
        "total": total,
        "tax_total": taxes,
        "withholding_total": held,
        "payload": codec.dumps(doc),
        "outcome": "",
    }
    seen[key] = (total, status)
    return row


def _note_contact(
    doc: DianDocument,
    sale: bool,
    job: SyncJob,
    books: _Books,
    kinds: set[str],
    contacts: dict[str, StagedContact],
) -> None:
    """Stage the other party: a customer of a sale, a supplier of a purchase."""
    party = doc.receiver if sale else doc.issuer
    nit = nit_digits(party.nit)[:20]
    if not nit:
        return
    row = contacts.get(nit)
    if row is None:
        existing = books.contacts.get(nit)
        row = StagedContact(
            company_id=job.company_id,
            job_id=job.id or 0,
            nit=nit,
            check_digit=(party.dv or None) and party.dv[:1],
            id_type=(party.id_type or "31")[:4],
            name=(party.name or f"NIT {nit}")[:200],
            email=(party.email or "")[:254],
            status=IN_BOOKS if existing else NEW,
            selected=existing is None,
            contact_id=existing,
        )
        contacts[nit] = row
    row.is_customer = row.is_customer or sale
    row.is_supplier = row.is_supplier or not sale


def _contact_only(
    doc: DianDocument,
    profile: CompanyProfile,
    job: SyncJob,
    books: _Books,
    kinds: set[str],
    contacts: dict[str, StagedContact],
) -> None:
    """Customers or suppliers chosen without their documents are still brought."""
    try:
        sale = direction(doc, profile.nit) is Direction.ISSUED
    except ToolError:
        return
    if ("customers" if sale else "suppliers") in kinds:
        _note_contact(doc, sale, job, books, kinds, contacts)


def touch(job: SyncJob, **changes: object) -> None:
    """Update a job's fields and its `updated_at`."""
    for name, value in changes.items():
        setattr(job, name, value)
    job.updated_at = utcnow()


def merge_counts(job: SyncJob, **values: object) -> dict[str, object]:
    """The job's counters with `values` merged in (stored as JSON)."""
    counts = dict(json.loads(job.counts or "{}")) | values
    job.counts = json.dumps(counts, ensure_ascii=False, default=str)
    return counts
