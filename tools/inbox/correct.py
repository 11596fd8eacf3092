"""Correct the account of a registered purchase line: reversal plus a new entry.

The books keep both entries (nothing is edited); the inbox entry remembers the line's
new account with `corrected_at`, which makes it history with top priority for that
supplier and similar text (`tools.inbox.learning.company_history`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session, select

from ledger.audit import record
from ledger.books import scoped_company_id
from ledger.entry_writer import as_proposed, atomic, lock_books, write_entry
from ledger.models import InboxEntry, JournalEntry
from ledger.posting import reverse_entry
from ledger.proposals import EntryProposal
from tools.errors import ToolError
from tools.inbox.accounts import ResolvedAccount, resolve_account
from tools.inbox.intake import REGISTERED
from tools.inbox.plan import SOURCE

CORRECTION_SOURCE = "expense_agent_fix"


def current_entry(session: Session, document_id: int) -> JournalEntry:
    """The purchase's live entry (the original or the latest correction)."""
    rows = session.exec(
        select(JournalEntry)
        .where(JournalEntry.document_id == document_id)
        .where(JournalEntry.source.in_((SOURCE, CORRECTION_SOURCE)))  # type: ignore[attr-defined]
        .where(JournalEntry.reversed_by_id.is_(None))  # type: ignore[union-attr]
        .order_by(JournalEntry.id.desc())  # type: ignore[union-attr]
    ).all()
    if not rows:
        raise ToolError("sin_asiento", "No encuentro el asiento de esa compra.")
    return rows[0]


@dataclass(frozen=True)
class Correction:
    """A correction understood: which line, its account before and the account after."""

    number: str  # the purchase's number
    line: int
    old_account: str
    account: ResolvedAccount


def plan_correction(session: Session, entry_id: int, line: int, wanted: str) -> Correction:
    """Check a correction and resolve its account (a code or a name); raises `ToolError`.

    Line 0 means "the line" of a one-line purchase.
    """
    inbox = session.get(InboxEntry, entry_id)
    if inbox is None or inbox.status != REGISTERED or inbox.document_id is None:
        raise ToolError(
            "compra_no_registrada", f"La entrada {entry_id} no es una compra registrada."
        )
    lines = json.loads(inbox.lines)
    if line == 0 and len(lines) == 1:
        line = 1
    elif line == 0:
        raise ToolError(
            "linea_ambigua",
            f"La compra {inbox.number} tiene {len(lines)} líneas: dime cuál, por ejemplo "
            f"«la línea 2 va a {wanted}».",
        )
    if not 1 <= line <= len(lines):
        raise ToolError("linea_no_existe", f"La compra {inbox.number} no tiene línea {line}.")
    target = lines[line - 1]
    account = resolve_account(
        session, wanted, description=target["description"], candidates=[target["account_code"]]
    )
    return Correction(inbox.number, line, target["account_code"], account)


def correct_line(
    session: Session,
    entry_id: int,
    line_number: int,
    account_code: str,
    *,
    actor: str,
    on: date,
    now: datetime,
) -> JournalEntry:
    """Move line `line_number` (1-based) of a registered purchase to `account_code`."""
    inbox = session.get(InboxEntry, entry_id)
    if inbox is None or inbox.status != REGISTERED or inbox.document_id is None:
        raise ToolError(
            "compra_no_registrada", f"La entrada {entry_id} no es una compra registrada."
        )
    lines = json.loads(inbox.lines)
    if not 1 <= line_number <= len(lines):
        raise ToolError(
            "linea_no_existe", f"La compra {inbox.number} no tiene línea {line_number}."
        )
    target = lines[line_number - 1]
    old = target["account_code"]
    if old == account_code:
        raise ToolError("sin_cambio", f"La línea {line_number} ya va a la cuenta {account_code}.")
    original = current_entry(session, inbox.document_id)
    proposed = list(as_proposed(original))
    hits = [
        i
        for i, line in enumerate(proposed)
        if line.debit
        and line.account_code == old
        and line.description == target["description"][:200]
    ]
    if not hits:
        raise ToolError(
            "linea_no_encontrada", f"No encuentro la línea {line_number} en el asiento."
        )
    proposed[hits[0]] = replace(proposed[hits[0]], account_code=account_code)
    reason = f"línea {line_number} de {inbox.number}: {old} -> {account_code}"
    reverse_entry(session, original.id or 0, on=on, reason=reason, actor=actor)
    fixed = EntryProposal(
        date=on,
        description=f"Corrección de la compra {inbox.number}: {reason}"[:500],
        lines=tuple(proposed),
        source=CORRECTION_SOURCE,
    )
    company_id = scoped_company_id(session)
    with atomic(session):
        lock_books(session, company_id)
        new = write_entry(
            session, company_id, fixed, actor=actor, batch_id=None, document_id=inbox.document_id
        )
        record(
            session,
            company_id=company_id,
            actor=actor,
            action="purchase.corrected",
            entity="journal_entry",
            entity_id=new.id,
            source=CORRECTION_SOURCE,
            summary=f"Compra {inbox.number} corregida: {reason}.",
        )
    target["account_code"] = account_code
    target["corrected_at"] = now.isoformat()
    inbox.lines = json.dumps(lines, ensure_ascii=False)
    session.add(inbox)
    session.commit()
    return new
