"""A canonical fingerprint of the books, to prove a refused write changed nothing."""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, text

TABLES = (
    "company",
    "account",
    "contact",
    "cost_center",
    "document",
    "document_line",
    "document_tax",
    "journal_entry",
    "journal_line",
    "payment",
    "audit_event",
)


def fingerprint(engine: Engine) -> str:
    """SHA-256 over every row of the ledger tables, in id order."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in TABLES:
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
