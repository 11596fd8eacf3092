"""A short text journal turned into entry proposals (pure; for demos and tests).

    2025-01-15 Aporte de capital
      111005  1000000.00
      311505           1000000.00

Each entry starts with a date and a description; each indented line is an account code
and one amount. Amounts in the left column are debits, amounts in the right column credits
(the two columns are told apart per entry, at least 4 characters apart). Text after
`;` on a line is the line's description.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ledger.proposals import EntryProposal, ProposedLine

_HEADER = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+)$")
_LINE = re.compile(r"^\s+(\d+)(\s+)(-?[\d.]+)\s*(?:;\s*(.*))?$")


def parse_journal(text: str, *, source: str = "manual") -> list[EntryProposal]:
    """The entries of a text journal, in order."""
    entries: list[tuple[date, str, list[tuple[str, int, Decimal, str]]]] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        header = _HEADER.match(raw.strip()) if not raw[0].isspace() else None
        if header:
            entries.append((date.fromisoformat(header.group(1)), header.group(2).strip(), []))
            continue
        line = _LINE.match(raw)
        if line is None or not entries:
            raise ValueError(f"cannot read journal line: {raw!r}")
        entries[-1][2].append(
            (line.group(1), line.start(3), Decimal(line.group(3)), (line.group(4) or "").strip())
        )
    proposals = []
    for on, description, lines in entries:
        columns = [column for _, column, _, _ in lines] or [0]
        # Two columns of amounts: anything right of the midpoint is a credit. Codes of
        # different lengths shift a column by a few characters, so a spread under 4 is one
        # column (all debits, which posting will then refuse as unbalanced).
        low, high = min(columns), max(columns)
        split = (low + high) / 2 if high - low >= 4 else high
        proposals.append(
            EntryProposal(
                date=on,
                description=description,
                lines=tuple(
                    ProposedLine(code, debit=amount, description=note)
                    if column <= split
                    else ProposedLine(code, credit=amount, description=note)
                    for code, column, amount, note in lines
                ),
                source=source,
            )
        )
    return proposals
