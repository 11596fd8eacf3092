"""The operations history: who did what, when, from where, in which batch."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from ledger.models.base import CompanyOwned, created_at_field


class AuditEvent(CompanyOwned, table=True):
    """One recorded operation (posting, reversal, company creation, closing, ...)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = created_at_field()
    actor: str = Field(max_length=254, description="Who: user e-mail, job name or 'sistema'.")
    action: str = Field(max_length=40, description="What: entry.posted, document.posted, ...")
    entity: str = Field(default="", max_length=40)
    entity_id: int | None = None
    source: str = Field(default="", max_length=40, description="cli, chat, dian_import, ...")
    batch_id: str | None = Field(default=None, max_length=64, index=True)
    summary: str = Field(default="", max_length=500, description="Spanish, for people.")
