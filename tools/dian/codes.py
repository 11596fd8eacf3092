"""DIAN code lists (document types, ID types, tax schemes, units, ...) as lookup tables.

Loaded once from `tools/dian/data/*.csv` (provenance in `data/SOURCES.md`).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@cache
def code_list(name: str) -> dict[str, str]:
    """`code -> name` for one list: document_types, id_types, payment_forms,
    payment_means, tax_schemes, units, tax_responsibilities."""
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"].strip(): row["name"].strip() for row in csv.DictReader(handle)}


def is_known(list_name: str, code: str) -> bool:
    """True when `code` is in the DIAN list `list_name`."""
    return code in code_list(list_name)


def tax_name(scheme: str) -> str:
    """Short name of a tax scheme (`01` -> `IVA`), the code itself when unknown."""
    return code_list("tax_schemes").get(scheme, scheme)
