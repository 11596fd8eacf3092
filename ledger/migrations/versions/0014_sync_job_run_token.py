"""sync jobs: the token of the one queued run allowed to advance the job

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows: no token, so a task queued before the upgrade (no token either) runs.
    with op.batch_alter_table("sync_job") as batch_op:
        batch_op.add_column(sa.Column("run_token", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_job") as batch_op:
        batch_op.drop_column("run_token")
