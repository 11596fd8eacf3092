"""Integration and payroll tables: idempotent API posts, concept mappings, sources, runs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned, created_at_field


class IdempotencyRecord(CompanyOwned, table=True):
    """The stored answer to one integration post: a retry with the same key gets it back."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("company_id", "key", "route"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200)
    route: str = Field(max_length=100)
    body_hash: str = Field(max_length=64, description="sha256 of the canonical request body.")
    status_code: int
    response: dict[str, object] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = created_at_field()


class PayrollMapping(CompanyOwned, table=True):
    """A payroll concept posted to one leaf account (and optionally a cost center)."""

    __tablename__ = "payroll_mapping"
    __table_args__ = (UniqueConstraint("company_id", "concept"),)

    id: int | None = Field(default=None, primary_key=True)
    concept: str = Field(max_length=40)
    account_id: int = Field(foreign_key="account.id", ondelete="RESTRICT")
    cost_center_id: int | None = Field(
        default=None, foreign_key="cost_center.id", ondelete="RESTRICT"
    )
    updated_at: datetime = created_at_field()


class PayrollSource(CompanyOwned, table=True):
    """Where a company's payroll product answers, and the credentials Cuadre uses there."""

    __tablename__ = "payroll_source"
    __table_args__ = (UniqueConstraint("company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    base_url: str = Field(max_length=300)
    username: str = Field(max_length=200)
    secret: str = Field(max_length=300, description="Sealed (cuadre.sealing), never plain.")
    active: bool = True


class PayrollRun(CompanyOwned, table=True):
    """One payroll period posted: the unique period key makes the job run once per period."""

    __tablename__ = "payroll_run"
    __table_args__ = (UniqueConstraint("company_id", "period_key"),)

    id: int | None = Field(default=None, primary_key=True)
    period_key: str = Field(max_length=20, description="'2025-03-1' (1-15) or '2025-03-2'.")
    start: date
    end: date
    adjustment_entry_id: int = Field(foreign_key="journal_entry.id", ondelete="RESTRICT")
    disbursement_entry_id: int | None = Field(
        default=None, foreign_key="journal_entry.id", ondelete="RESTRICT"
    )
    created_at: datetime = created_at_field()
