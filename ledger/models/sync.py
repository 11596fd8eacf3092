"""Staging for the DIAN sync: the job, and the documents and contacts it found.

Nothing here is the books: staged rows are what a person reviews before the commit,
which writes through `ledger.posting`. A job keeps its state in the database so a
restarted process resumes where the last one stopped.
"""

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned, created_at_field
from ledger.models.types import Money
from ledger.money import ZERO


class SyncJob(CompanyOwned, table=True):
    """One sync: connecting -> downloading -> staged -> committing -> done (or failed)."""

    __tablename__ = "sync_job"

    id: int | None = Field(default=None, primary_key=True)
    state: str = Field(default="connecting", max_length=12, index=True)
    progress: int = Field(default=0, description="Percent of the current phase, 0-100.")
    source: str = Field(default="files", max_length=10, description="files or portal")
    sources: str = Field(default="[]", sa_type=Text, description="JSON: files or portal link")
    kinds: str = Field(default="sales,purchases,customers,suppliers", max_length=80)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    sync_date: dt.date = Field(description="The day automatic payments are judged from.")
    batch_id: str | None = Field(default=None, max_length=64, index=True)
    counts: str = Field(default="{}", sa_type=Text, description="JSON counters for the summary")
    reason: str = Field(default="", max_length=1000, description="Why it failed (Spanish).")
    actor: str = Field(default="", max_length=254)
    undone: bool = False
    created_at: dt.datetime = created_at_field()
    updated_at: dt.datetime = created_at_field()
    heartbeat_at: dt.datetime | None = Field(
        default=None,
        sa_type=DateTime(timezone=True),
        description="Last time the process running the job said it is alive.",
    )
    auto_resumes: int = Field(default=0, description="Times the worker resumed it on its own.")
    auto_resumed_at: dt.datetime | None = Field(
        default=None, sa_type=DateTime(timezone=True), description="The last of those times."
    )
    run_token: str | None = Field(
        default=None,
        max_length=32,
        description="The queued run allowed to advance the job (tools.sync.runs).",
    )


class StagedDocument(CompanyOwned, table=True):
    """A document found by a job; `payload` is the parsed DIAN document as JSON."""

    __tablename__ = "staged_document"
    __table_args__ = (
        UniqueConstraint("job_id", "key"),
        Index("ix_staged_document_job_order", "job_id", "issue_date", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="sync_job.id", ondelete="RESTRICT", index=True)
    key: str = Field(max_length=120, description="CUFE/CUDE, or issuer NIT + number.")
    cufe: str | None = Field(default=None, max_length=120)
    number: str = Field(default="", max_length=40)
    kind: str = Field(max_length=20, description="ledger DocumentKind")
    type_code: str = Field(default="", max_length=4)
    direction: str = Field(max_length=10, description="issued (sale) or received (purchase)")
    issue_date: dt.date | None = Field(default=None, index=True)
    nit: str = Field(default="", max_length=20, description="The other party's NIT.")
    name: str = Field(default="", max_length=200)
    status: str = Field(max_length=20, index=True)
    selected: bool = True
    note: str = Field(default="", max_length=500, description="Why not new (Spanish).")
    total: Decimal = Field(default=ZERO, sa_type=Money)
    tax_total: Decimal = Field(default=ZERO, sa_type=Money)
    withholding_total: Decimal = Field(default=ZERO, sa_type=Money)
    document_id: int | None = Field(default=None, description="Set once committed.")
    outcome: str = Field(default="", max_length=500, description="Commit result (Spanish).")
    payload: str = Field(sa_type=Text, description="Last: scans of the flags skip it.")


class StagedContact(CompanyOwned, table=True):
    """A customer or supplier found by a job, matched to a contact by NIT."""

    __tablename__ = "staged_contact"
    __table_args__ = (UniqueConstraint("job_id", "nit"),)

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="sync_job.id", ondelete="RESTRICT", index=True)
    nit: str = Field(max_length=20)
    check_digit: str | None = Field(default=None, max_length=1)
    id_type: str = Field(default="31", max_length=4)
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    is_customer: bool = False
    is_supplier: bool = False
    status: str = Field(default="new", max_length=20, description="new or already_in_books")
    selected: bool = True
    contact_id: int | None = None
    created_by_job: bool = False
