"""a voided document no longer holds its CUFE: re-importing after an undo works

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("status <> 'voided'")
# SQLite's unique constraint from 0001 has no name; the convention names it for the batch.
CONVENTION = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _old_constraint() -> str:
    if op.get_bind().dialect.name == "postgresql":
        return "document_company_id_cufe_key"
    return "uq_document_company_id"


def upgrade() -> None:
    with op.batch_alter_table("document", naming_convention=CONVENTION) as batch:
        batch.drop_constraint(_old_constraint(), type_="unique")
    op.create_index(
        "uq_document_live_cufe",
        "document",
        ["company_id", "cufe"],
        unique=True,
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_document_live_cufe", table_name="document")
    with op.batch_alter_table("document") as batch:
        batch.create_unique_constraint("document_company_id_cufe_key", ["company_id", "cufe"])
