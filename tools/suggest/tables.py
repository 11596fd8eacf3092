"""Loads the readable data files in `tools/suggest/data/` once (CSV with `#` comments)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.suggest.normalize import normalize

DATA_DIR = Path(__file__).parent / "data"


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of a data file; lines starting with `#` are commentary for people."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#") and line.strip()]
    return list(csv.DictReader(lines))


@dataclass(frozen=True)
class Keyword:
    """One phrase of a family: its words, each either exact or a prefix (`arrend*`)."""

    text: str
    words: tuple[tuple[str, bool], ...]  # (word, is_prefix)


@dataclass(frozen=True)
class Family:
    """A keyword family of families.csv."""

    name: str
    kind: str  # service | goods | asset
    account: str
    small_account: str
    confidence: float
    item_name: str
    keywords: tuple[Keyword, ...]
    order: int


def _keyword(text: str) -> Keyword:
    words = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = normalize(raw.rstrip("*")) or raw.rstrip("*")
        words.append((word, prefix))
    return Keyword(text=text, words=tuple(words))


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    """Every keyword family, in file order (earlier wins ties)."""
    result = []
    for order, row in enumerate(read_rows("families.csv")):
        keywords = tuple(_keyword(k) for k in row["keywords"].split("|") if k.strip())
        result.append(
            Family(
                name=row["family"],
                kind=row["kind"],
                account=row["account"],
                small_account=row["small_account"],
                confidence=float(row["confidence"]),
                item_name=row["item_name"],
                keywords=keywords,
                order=order,
            )
        )
    return tuple(result)


@lru_cache(maxsize=1)
def family_by_name() -> dict[str, Family]:
    """Families keyed by name."""
    return {family.name: family for family in families()}


@lru_cache(maxsize=1)
def activity_rules() -> dict[tuple[str, str], tuple[str, float]]:
    """(CIIU prefix, family) -> (account, confidence) from activity_rules.csv."""
    return {
        (row["ciiu_prefix"], row["family"]): (row["account"], float(row["confidence"]))
        for row in read_rows("activity_rules.csv")
    }


@lru_cache(maxsize=1)
def supplier_activity() -> dict[str, str]:
    """Supplier CIIU prefix -> the family it usually sells."""
    return {row["ciiu_prefix"]: row["family"] for row in read_rows("supplier_activity.csv")}


@lru_cache(maxsize=1)
def account_names() -> dict[str, str]:
    """Names of every account the suggester may propose."""
    return {row["code"]: row["name_es"] for row in read_rows("accounts.csv")}


def account_name(code: str) -> str:
    """The PUC name of `code`, or '' when the suggester does not know it."""
    return account_names().get(code, "")
