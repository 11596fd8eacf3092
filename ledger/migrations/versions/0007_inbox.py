"""reception inbox, expenses agent state and its daily summaries

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _company() -> sa.Column:
    return sa.Column(
        "company_id", sa.Integer(), sa.ForeignKey("company.id", ondelete="RESTRICT"), nullable=False
    )


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "inbox_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        _company(),
        sa.Column("cufe", sa.String(120), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("supplier_nit", sa.String(20), nullable=False),
        sa.Column("supplier_name", sa.String(200), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("arrivals", sa.Integer(), nullable=False),
        _when("received_at", nullable=False),
        sa.Column("status", sa.String(14), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("processed_by", sa.String(254), nullable=False),
        _when("processed_at"),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.UniqueConstraint("company_id", "cufe"),
    )
    op.create_index("ix_inbox_entry_company_id", "inbox_entry", ["company_id"])
    op.create_index("ix_inbox_entry_status", "inbox_entry", ["status"])
    op.create_index("ix_inbox_entry_received_at", "inbox_entry", ["received_at"])
    op.create_table(
        "expense_agent_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        _company(),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("only_recent", sa.Boolean(), nullable=False),
        _when("activated_at"),
        _when("resumed_at"),
        _when("paused_at"),
        _when("updated_at", nullable=False),
        sa.UniqueConstraint("company_id"),
    )
    op.create_index("ix_expense_agent_state_company_id", "expense_agent_state", ["company_id"])
    op.create_table(
        "daily_summary",
        sa.Column("id", sa.Integer(), primary_key=True),
        _company(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("registered", sa.Integer(), nullable=False),
        sa.Column("not_registered", sa.Integer(), nullable=False),
        sa.Column("minutes_saved", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        _when("created_at", nullable=False),
        sa.UniqueConstraint("company_id", "day"),
    )
    op.create_index("ix_daily_summary_company_id", "daily_summary", ["company_id"])


def downgrade() -> None:
    op.drop_table("daily_summary")
    op.drop_table("expense_agent_state")
    op.drop_table("inbox_entry")
