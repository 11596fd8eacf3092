"""The company's registered purchase lines, indexed by supplier and by item code.

History is the strongest signal: what this company did before with this supplier and
this text. A person's correction is history too, and outranks everything for similar
text from the same supplier (`History.with_correction`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from tools.suggest.normalize import normalize
from tools.suggest.types import HistoryLine

_NON_DIGIT = re.compile(r"\D")


def supplier_key(nit: str, name: str = "") -> str:
    """A stable key for a supplier: the NIT without check digit, else its normalized name."""
    base = nit.split("-")[0] if nit else ""
    digits = _NON_DIGIT.sub("", base)
    if digits:
        return digits
    return normalize(name) if name else ""


@dataclass(frozen=True)
class HistoryMatch:
    """A registered line resembling the new one, with the text score (0-100)."""

    line: HistoryLine
    score: float
    position: int  # later registrations have higher positions
    by_item_code: bool = False


@dataclass(frozen=True)
class History:
    """Registered lines in chronological order plus lookups built once."""

    lines: tuple[HistoryLine, ...] = ()
    _by_supplier: Mapping[str, tuple[tuple[int, str], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _by_item_code: Mapping[str, tuple[int, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def of(cls, lines: Iterable[HistoryLine]) -> History:
        """Index the lines: per supplier (normalized text) and per item code."""
        history = cls()
        by_supplier: dict[str, list[tuple[int, str]]] = {}
        by_code: dict[str, list[int]] = {}
        frozen = tuple(lines)
        for position, line in enumerate(frozen):
            _add(by_supplier, by_code, position, line)
        return replace(
            history,
            lines=frozen,
            _by_supplier={key: tuple(value) for key, value in by_supplier.items()},
            _by_item_code={key: tuple(value) for key, value in by_code.items()},
        )

    def __len__(self) -> int:
        return len(self.lines)

    def with_line(self, line: HistoryLine) -> History:
        """A new history with one more registered line (this one is left unchanged)."""
        position = len(self.lines)
        by_supplier = dict(self._by_supplier)
        by_code = dict(self._by_item_code)
        key = supplier_key(line.supplier_nit)
        by_supplier[key] = (*by_supplier.get(key, ()), (position, normalize(line.description)))
        for code in _codes(key, line):
            by_code[code] = (*by_code.get(code, ()), position)
        return replace(
            self, lines=(*self.lines, line), _by_supplier=by_supplier, _by_item_code=by_code
        )

    def with_correction(
        self,
        *,
        supplier_nit: str,
        description: str,
        account_code: str,
        item_name: str = "",
        item_code: str = "",
        supplier_item_code: str = "",
        document_number: str = "",
    ) -> History:
        """Record a person's correction: from now on it leads for this supplier and text."""
        return self.with_line(
            HistoryLine(
                supplier_nit=supplier_nit,
                description=description,
                account_code=account_code,
                item_name=item_name,
                item_code=item_code,
                supplier_item_code=supplier_item_code,
                document_number=document_number,
                is_correction=True,
            )
        )

    def match(
        self,
        normalized: str,
        *,
        supplier: str,
        item_code: str = "",
        limit: int = 5,
        score_cutoff: float = 75.0,
    ) -> tuple[HistoryMatch, ...]:
        """Earlier lines of this supplier with similar text, and lines with the same item code."""
        found: dict[int, HistoryMatch] = {}
        for code in _lookup_codes(supplier, item_code):
            for position in self._by_item_code.get(code, ())[-limit:]:
                found[position] = HistoryMatch(self.lines[position], 100.0, position, True)
        entries = self._by_supplier.get(supplier, ()) if supplier else ()
        if entries:
            choices = {position: text for position, text in entries}
            hits = process.extract(
                normalized,
                choices,
                scorer=fuzz.token_set_ratio,
                limit=max(limit * 4, 20),
                score_cutoff=score_cutoff,
            )
            for _text, score, position in hits:
                if position not in found:
                    found[position] = HistoryMatch(self.lines[position], float(score), position)
        return tuple(found.values())


_GTIN = re.compile(r"^\d{8,14}$")


def _lookup_codes(supplier: str, code: str) -> tuple[str, ...]:
    # A supplier's own code means something only for that supplier; a GTIN (barcode)
    # names the same product whoever sells it.
    code = code.strip().upper()
    if not code:
        return ()
    keys = [f"{supplier}|{code}"] if supplier else []
    if _GTIN.match(code):
        keys.append(code)
    return tuple(keys)


def _codes(supplier: str, line: HistoryLine) -> tuple[str, ...]:
    keys: list[str] = []
    for code in (line.supplier_item_code, line.item_code):
        for key in _lookup_codes(supplier, code):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def _add(
    by_supplier: dict[str, list[tuple[int, str]]],
    by_code: dict[str, list[int]],
    position: int,
    line: HistoryLine,
) -> None:
    key = supplier_key(line.supplier_nit)
    by_supplier.setdefault(key, []).append((position, normalize(line.description)))
    for code in _codes(key, line):
        by_code.setdefault(code, []).append(position)
