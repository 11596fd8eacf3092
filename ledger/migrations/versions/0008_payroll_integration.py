"""integration idempotency keys and payroll tables (mappings, sources, runs)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _company() -> sa.Column:
    return sa.Column(
        "company_id", sa.Integer(), sa.ForeignKey("company.id", ondelete="RESTRICT"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "idempotency_record",
        _company(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=100), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("company_id", "key", "route"),
    )
    op.create_table(
        "payroll_mapping",
        _company(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("concept", sa.String(length=40), nullable=False),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("account.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column(
            "cost_center_id",
            sa.Integer(),
            sa.ForeignKey("cost_center.id", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("company_id", "concept"),
    )
    op.create_table(
        "payroll_source",
        _company(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("base_url", sa.String(length=300), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("secret", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("company_id"),
    )
    op.create_table(
        "payroll_run",
        _company(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("period_key", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column(
            "adjustment_entry_id",
            sa.Integer(),
            sa.ForeignKey("journal_entry.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column(
            "disbursement_entry_id",
            sa.Integer(),
            sa.ForeignKey("journal_entry.id", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("company_id", "period_key"),
    )
    for table in ("idempotency_record", "payroll_mapping", "payroll_source", "payroll_run"):
        op.create_index(f"ix_{table}_company_id", table, ["company_id"])


def downgrade() -> None:
    for table in ("payroll_run", "payroll_source", "payroll_mapping", "idempotency_record"):
        op.drop_index(f"ix_{table}_company_id", table_name=table)
        op.drop_table(table)
