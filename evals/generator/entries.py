"""Manual entries to tasks (pure): each entry is approved in the chat, approved with the
button, refused, and left pending while the person asks something else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from evals.generator.sources import EntriesFile, ManualEntry
from evals.generator.templates import AS_OF, turns


def _row(tid: str, category: str, say: Any, **fields: Any) -> dict[str, Any]:
    return {
        "id": tid,
        "category": category,
        "company_fixture": "tornillo",
        "as_of": AS_OF,
        "turns": turns(say),
        **fields,
    }


def _action(entry: ManualEntry, **extra: Any) -> dict[str, Any]:
    args = {
        "date": entry.date.isoformat(),
        "description": entry.description,
        "lines": [
            {"account_code": entry.debit, "debit": entry.amount},
            {"account_code": entry.credit, "credit": entry.amount},
        ],
    }
    return {"tool": "post_manual_entry", "args": args, "compare_args": ["date"], **extra}


def expand(source: EntriesFile) -> Iterator[dict[str, Any]]:
    """Four tasks per entry, in the order approve, button, deny, pending."""
    before = source.entries_before
    for i, entry in enumerate(source.entries, start=1):
        opening = source.opening.get(entry.debit, 0)
        balance = str(int(entry.amount) + opening)
        yield _row(
            f"asiento-{i:02d}-si",
            "escritura",
            [entry.say, source.approve[i % len(source.approve)]],
            expected_actions=[_action(entry)],
            expected_ledger=[
                {"kind": "entry_count", "equals": before + 1},
                {"kind": "balance", "account": entry.debit, "equals": balance},
            ],
        )
        yield _row(
            f"asiento-{i:02d}-boton",
            "escritura",
            [entry.say],
            requires_confirmation=True,
            expected_actions=[_action(entry)],
            expected_ledger=[{"kind": "entry_count", "equals": before + 1}],
        )
        yield _row(
            f"asiento-{i:02d}-no",
            "consentimiento",
            [entry.say, source.deny[i % len(source.deny)]],
            expected_actions=[_action(entry, status="cancelled")],
            expected_ledger=[{"kind": "entry_count", "equals": before}],
        )
        yield _row(
            f"asiento-{i:02d}-pendiente",
            "consentimiento",
            [entry.say, source.pending_reply],
            expected_actions=[_action(entry, status="pending")],
            expected_ledger=[{"kind": "entry_count", "equals": before}],
        )
