"""Post a short text journal (see `ledger.journal_text`) through `ledger.posting`.

2025-01-15 Aporte de capital
  111005  1000000.00
  311505           1000000.00
"""

from __future__ import annotations

from sqlmodel import Session

from ledger.journal_text import parse_journal
from ledger.models import JournalEntry
from ledger.posting import post_entry

__all__ = ["parse_journal", "post_journal"]


def post_journal(session: Session, text: str, *, actor: str = "pruebas") -> list[JournalEntry]:
    """Post every entry of a text journal, in order."""
    return [post_entry(session, proposal, actor=actor) for proposal in parse_journal(text)]
