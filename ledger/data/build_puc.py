"""Build `ledger/data/puc.csv`, the chart every company starts with.

Run `python -m ledger.data.build_puc` after changing a source; a test keeps the committed
file equal to what this script produces. Sources (see PROVENANCE.md):

- `sources/puc.csv`: Odoo's Colombian chart template, codes padded to 6 digits
  (110500 is the 4-digit account 1105, 610000 the 2-digit group 61).
- `sources/puc_groups.csv`: the PUC's own names for classes, groups and accounts.
- `sources/puc_name_issues.csv`: known bad names in Odoo's file, with a fix.
- `product_accounts.csv`: the subaccounts and auxiliaries Cuadre posts to.

The output uses the real PUC hierarchy: class (1 digit), group (2), account (4),
subaccount (6), auxiliary (8). A row is a leaf when no other row has it as parent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
SOURCES = DATA_DIR / "sources"
OUTPUT = DATA_DIR / "puc.csv"
HEADER = ("code", "name", "nature", "level", "parent_code", "is_leaf")

# Odoo-only rows that are not PUC accounts (130507 "POS Customers" has no Spanish name).
DROPPED = frozenset({"130507"})


@dataclass(frozen=True)
class ChartRow:
    """One account of the shipped chart."""

    code: str
    name: str
    nature: str
    level: int
    parent_code: str
    is_leaf: bool


def normalise_code(padded: str) -> str:
    """Undo Odoo's padding: 110500 -> 1105, 610000 -> 61, 135515 stays."""
    if len(padded) == 6 and padded.endswith("0000"):
        return padded[:2]
    if len(padded) == 6 and padded.endswith("00"):
        return padded[:4]
    return padded


def parent_of(code: str) -> str:
    """The PUC parent: 8 -> 6 -> 4 -> 2 -> 1 digits; a class has none."""
    return {1: "", 2: code[:1], 4: code[:2], 6: code[:4], 8: code[:6]}[len(code)]


def nature_of(code: str, name: str) -> str:
    """Debit for classes 1, 5, 6, 7, 8; credit for 2, 3, 4, 9; "(DB)"/"(CR)" override."""
    if name.endswith("(DB)"):
        return "debit"
    if name.endswith("(CR)"):
        return "credit"
    return "debit" if code[0] in "15678" else "credit"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_rows() -> list[ChartRow]:
    """Merge the sources into the chart, parents before children, in code order."""
    names: dict[str, str] = {}
    for row in _read(SOURCES / "puc.csv"):
        code = normalise_code(row["code"])
        if row["code"] not in DROPPED:
            names[code] = " ".join(row["name_es"].split())
    for row in _read(SOURCES / "puc_name_issues.csv"):
        code = normalise_code(row["code"])
        if code in names and row["suggested_name_es"]:
            names[code] = row["suggested_name_es"]
    # The PUC's own names win for classes, groups and accounts.
    for row in _read(SOURCES / "puc_groups.csv"):
        names[row["code_prefix_start"]] = row["name_es"]
    for row in _read(DATA_DIR / "product_accounts.csv"):
        names[row["code"]] = row["name_es"]
    missing = sorted(code for code in names if parent_of(code) and parent_of(code) not in names)
    if missing:
        raise ValueError(f"accounts without a parent in the chart: {missing}")
    parents = {parent_of(code) for code in names}
    return [
        ChartRow(
            code=code,
            name=names[code],
            nature=nature_of(code, names[code]),
            level=len(code),
            parent_code=parent_of(code),
            is_leaf=code not in parents,
        )
        for code in sorted(names)
    ]


def render(rows: list[ChartRow]) -> str:
    """The CSV text of the chart (UTF-8, `\\n` line endings)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            (row.code, row.name, row.nature, row.level, row.parent_code, int(row.is_leaf))
        )
    return out.getvalue()


def main() -> None:
    """Write `ledger/data/puc.csv`."""
    OUTPUT.write_text(render(build_rows()), encoding="utf-8")


if __name__ == "__main__":
    main()
