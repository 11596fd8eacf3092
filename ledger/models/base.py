"""What every ledger table shares: the owning company and UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timezone-aware now in UTC (stored as UTC on both databases)."""
    return datetime.now(UTC)


def created_at_field() -> datetime:
    """A `created_at` column filled in by Python, never by the database clock."""
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class CompanyOwned(SQLModel):
    """Mixin: the row belongs to one company; sessions are scoped by this column."""

    company_id: int = Field(foreign_key="company.id", ondelete="RESTRICT", index=True)
