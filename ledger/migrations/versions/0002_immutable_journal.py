"""posted journal rows are immutable in the database too

The ORM guard (ledger.guards) refuses updates and deletes of posted entries; these
triggers make raw SQL refuse them as well. The one permitted change is linking an entry
to its reversal: setting `journal_entry.reversed_by_id` once, touching nothing else.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 05:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ENTRY_COLUMNS = (
    "id", "company_id", "number", "date", "description", "source", "document_id",
    "reverses_id", "batch_id", "created_by", "created_at",
)

SQLITE_UP = [
    """CREATE TRIGGER journal_line_no_update BEFORE UPDATE ON journal_line
       BEGIN SELECT RAISE(ABORT, 'posted journal lines are immutable'); END""",
    """CREATE TRIGGER journal_line_no_delete BEFORE DELETE ON journal_line
       BEGIN SELECT RAISE(ABORT, 'posted journal lines are immutable'); END""",
    """CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
       BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END""",
    "CREATE TRIGGER journal_entry_link_only BEFORE UPDATE ON journal_entry WHEN "
    "OLD.reversed_by_id IS NOT NULL OR "
    + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _ENTRY_COLUMNS)
    + " BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER journal_line_no_update",
    "DROP TRIGGER journal_line_no_delete",
    "DROP TRIGGER journal_entry_no_delete",
    "DROP TRIGGER journal_entry_link_only",
]

POSTGRES_UP = [
    """CREATE FUNCTION cuadre_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'posted journal rows are immutable (% on %)', TG_OP, TG_TABLE_NAME;
       END $$""",
    """CREATE FUNCTION cuadre_entry_link_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.reversed_by_id IS NOT NULL
            OR (to_jsonb(NEW) - 'reversed_by_id') <> (to_jsonb(OLD) - 'reversed_by_id') THEN
           RAISE EXCEPTION 'posted journal entries are immutable';
         END IF;
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER journal_line_immutable BEFORE UPDATE OR DELETE ON journal_line
       FOR EACH ROW EXECUTE FUNCTION cuadre_refuse_change()""",
    """CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
       FOR EACH ROW EXECUTE FUNCTION cuadre_refuse_change()""",
    """CREATE TRIGGER journal_entry_link_only BEFORE UPDATE ON journal_entry
       FOR EACH ROW EXECUTE FUNCTION cuadre_entry_link_only()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER journal_entry_link_only ON journal_entry",
    "DROP TRIGGER journal_entry_no_delete ON journal_entry",
    "DROP TRIGGER journal_line_immutable ON journal_line",
    "DROP FUNCTION cuadre_entry_link_only()",
    "DROP FUNCTION cuadre_refuse_change()",
]


def _run(sqlite: list[str], postgres: list[str]) -> None:
    dialect = op.get_bind().dialect.name
    for statement in sqlite if dialect == "sqlite" else postgres if dialect == "postgresql" else []:
        op.execute(statement)


def upgrade() -> None:
    _run(SQLITE_UP, POSTGRES_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN, POSTGRES_DOWN)
