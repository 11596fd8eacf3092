"""What the chat channels remember: deliveries handled, linked numbers and Slack users,
and the failed logins that throttle the panel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, UniqueConstraint
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


class SlackLink(CompanyOwned, table=True):
    """A Slack user (workspace + member id) an administrator linked to a user of one company."""

    __tablename__ = "slack_link"
    __table_args__ = (UniqueConstraint("team_id", "slack_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, description="Slack workspace id, e.g. T0123.")
    slack_user_id: str = Field(max_length=32, description="Slack member id, e.g. U0456.")
    user_id: int = Field(foreign_key="app_user.id", ondelete="RESTRICT", index=True)
    created_at: datetime = created_at_field()


class LoginThrottle(SQLModel, table=True):
    """Failed panel logins of one e-mail or one client address in the current window."""

    __tablename__ = "login_throttle"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True, description="`email:<e-mail>` or `ip:<addr>`.")
    window_start: datetime = Field(sa_type=DateTime(timezone=True))
    failures: int = 0
