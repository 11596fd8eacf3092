"""Journal lines named in a message: "débito 519530 por 50.000 y crédito 110505".

Pure. Each side is a verb or noun of debit/credit, a PUC code (4, 6 or 8 digits) and an
optional amount; a two-line entry with one amount is balanced with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

DEBIT_WORDS = r"debitos?|debita(?:r|mos)?|debe|cargo|carga(?:r)?"
CREDIT_WORDS = r"creditos?|acredita(?:r|mos)?|haber|abono|abona(?:r)?"
RE_LINE = re.compile(
    rf"\b(?P<side>{DEBIT_WORDS}|{CREDIT_WORDS})\b"
    r"(?:\s+(?:a|al|en|de|la|el|cuenta|por))*\s+(?P<code>\d{8}|\d{6}|\d{4})\b"
    r"(?:\s*(?:por|de|:|=)?\s*(?P<amount>\$?\s*[\d][\d.,]*(?:\s*(?:millones|millon|mil))?))?"
)


@dataclass(frozen=True)
class LineSlot:
    """One side of an entry as the person wrote it."""

    side: str  # "debit" | "credit"
    account: str
    amount: Decimal | None = None


def find_lines(folded: str, parse_amount: object) -> tuple[list[LineSlot], list[tuple[int, int]]]:
    """Lines in folded text and the spans they used (so amounts are not read twice)."""
    lines, spans = [], []
    for match in RE_LINE.finditer(folded):
        side = "debit" if re.fullmatch(DEBIT_WORDS, match["side"]) else "credit"
        amount = None
        if match["amount"]:
            raw = match["amount"].replace("$", "").strip()
            number, _, multiplier = raw.partition(" ")
            amount = parse_amount(number.rstrip(".,"), multiplier.strip() or None)  # type: ignore[operator]
        lines.append(LineSlot(side, match["code"], amount))
        spans.append((match.start(), match.end()))
    return lines, spans


def balanced(
    lines: list[LineSlot] | tuple[LineSlot, ...], fallback: Decimal | None
) -> list[LineSlot]:
    """Lines with every amount known: a missing one takes the other side's total (or the
    message's only amount) when that makes the entry balance; otherwise unchanged."""
    debit = sum((line.amount or Decimal(0) for line in lines if line.side == "debit"), Decimal(0))
    credit = sum((line.amount or Decimal(0) for line in lines if line.side == "credit"), Decimal(0))
    missing = [line for line in lines if line.amount is None]
    if len(missing) != 1 and not (fallback and len(lines) == 2 and len(missing) == 2):
        return list(lines)
    filled = []
    for line in lines:
        if line.amount is None:
            other = credit - debit if line.side == "debit" else debit - credit
            amount = other if other > 0 else fallback
            line = LineSlot(line.side, line.account, amount)
        filled.append(line)
    return filled
