"""panel login, token prefixes, webhook deduplication and WhatsApp links

Revision ID: 0004
Revises: 0003_invoicing
Create Date: 2026-11-21 05:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003_invoicing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.add_column(
            sa.Column("prefix", sa.String(length=16), nullable=False, server_default="")
        )
        batch_op.create_index("ix_api_token_prefix", ["prefix"], unique=False)
    op.create_table(
        "webhook_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "event_id"),
    )
    op.create_table(
        "whatsapp_link",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("phone"),
    )
    op.create_index("ix_whatsapp_link_company_id", "whatsapp_link", ["company_id"])
    op.create_index("ix_whatsapp_link_user_id", "whatsapp_link", ["user_id"])


def downgrade() -> None:
    op.drop_table("whatsapp_link")
    op.drop_table("webhook_event")
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.drop_index("ix_api_token_prefix")
        batch_op.drop_column("prefix")
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.drop_column("password_hash")
