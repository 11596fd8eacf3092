"""sync jobs: a heartbeat and a count of automatic resumes (dead syncs recover alone)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-21 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows need no backfill: a job without a heartbeat is judged by `updated_at`.
    with op.batch_alter_table("sync_job") as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("auto_resumes", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("auto_resumed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_job") as batch_op:
        batch_op.drop_column("auto_resumed_at")
        batch_op.drop_column("auto_resumes")
        batch_op.drop_column("heartbeat_at")
