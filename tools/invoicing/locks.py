"""Starting a write transaction the same way everywhere in invoicing.

SQLite in WAL mode cannot turn a reading transaction into a writing one once another
connection has committed ("database is locked" at once, no waiting), so every write
here starts a fresh transaction whose first statement takes the company's write lock
(`ledger.entry_writer.lock_books`: the company row on PostgreSQL, the database's single
write lock on SQLite). Slow calls (the DIAN, SMTP) happen with no transaction open.
"""

from __future__ import annotations

from sqlmodel import Session

from ledger.books import scoped_company_id
from ledger.entry_writer import lock_books


def begin_write(session: Session) -> None:
    """End whatever the session had open (committing it) and hold the company's write lock."""
    session.commit()
    lock_books(session, scoped_company_id(session))
