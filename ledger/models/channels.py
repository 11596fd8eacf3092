"""What the chat channels remember: webhook deliveries already handled, linked numbers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from ledger.models.base import CompanyOwned, created_at_field


class WebhookEvent(SQLModel, table=True):
    """One delivery handled (Slack `event_id`, WhatsApp message id); retries hit the key."""

    __tablename__ = "webhook_event"
    __table_args__ = (UniqueConstraint("source", "event_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=20)
    event_id: str = Field(max_length=200)
    received_at: datetime = created_at_field()


class WhatsAppLink(CompanyOwned, table=True):
    """A WhatsApp number an administrator linked to a user of one company."""

    __tablename__ = "whatsapp_link"

    id: int | None = Field(default=None, primary_key=True)
    phone: str = Field(max_length=20, unique=True, description="E.164 digits, no plus sign.")
    user_id: int = Field(foreign_key="app_user.id", ondelete="RESTRICT", index=True)
    created_at: datetime = created_at_field()
