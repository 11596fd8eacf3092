"""The reception inbox and the expenses agent's state and daily figures.

One `InboxEntry` per (company, CUFE) whatever the source (DIAN portal, upload, mailbox):
the first arrival wins and later arrivals only count. `payload` keeps the parsed DIAN
document (tools/sync/codec JSON) so the agent registers it without the original file.
"""

import datetime as dt

from sqlalchemy import DateTime, Text, UniqueConstraint
from sqlmodel import Field

from ledger.models.base import CompanyOwned, created_at_field


class InboxEntry(CompanyOwned, table=True):
    """A received document: pending, registered, needs_review, rejected or ignored."""

    __tablename__ = "inbox_entry"
    __table_args__ = (UniqueConstraint("company_id", "cufe"),)

    id: int | None = Field(default=None, primary_key=True)
    cufe: str = Field(max_length=120, description="CUFE/CUDE, or issuer NIT + number.")
    number: str = Field(default="", max_length=40)
    supplier_nit: str = Field(default="", max_length=20)
    supplier_name: str = Field(default="", max_length=200)
    issue_date: dt.date | None = None
    source: str = Field(max_length=10, description="portal, upload or mailbox")
    arrivals: int = Field(default=1, description="How many times it arrived (any source).")
    received_at: dt.datetime = Field(sa_type=DateTime(timezone=True), index=True)
    status: str = Field(default="pending", max_length=14, index=True)
    reasons: str = Field(default="[]", sa_type=Text, description="JSON list of Spanish reasons")
    document_id: int | None = Field(default=None, description="Set once registered.")
    lines: str = Field(default="[]", sa_type=Text, description="JSON: account per line, as posted")
    processed_by: str = Field(default="", max_length=254, description="The agent or a person.")
    processed_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    payload: str = Field(sa_type=Text, description="The parsed DIAN document (codec JSON).")


class ExpenseAgentState(CompanyOwned, table=True):
    """Whether the expenses agent works for this company, and since when."""

    __tablename__ = "expense_agent_state"
    __table_args__ = (UniqueConstraint("company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    active: bool = False
    only_recent: bool = True
    activated_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    resumed_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    paused_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    updated_at: dt.datetime = created_at_field()


class DailySummary(CompanyOwned, table=True):
    """The agent's figures for one day (America/Bogota), stored at 00:00 the day after."""

    __tablename__ = "daily_summary"
    __table_args__ = (UniqueConstraint("company_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date
    registered: int = 0
    not_registered: int = 0
    minutes_saved: int = 0
    reasons: str = Field(default="[]", sa_type=Text, description="JSON: number and reasons")
    created_at: dt.datetime = created_at_field()


class PortalSource(CompanyOwned, table=True):
    """The DIAN portal access link the inbox polls for this company's received documents.

    `link` carries the DIAN token: a secret, never logged nor shown back in full. The DIAN
    makes a token last one hour, so polling stops (with `last_error`) once it is older.
    """

    __tablename__ = "portal_source"
    __table_args__ = (UniqueConstraint("company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    link: str = Field(sa_type=Text, repr=False)
    link_received_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    lookback_days: int = Field(default=7, description="Days of received documents per poll.")
    active: bool = True
    last_polled_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    last_added: int = 0
    last_error: str = Field(default="", max_length=500)
    updated_at: dt.datetime = created_at_field()
