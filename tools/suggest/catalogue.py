"""The company's item catalogue and a precomputed index for fuzzy lookups.

Normalizing 50,000 names on every invoice line would cost more than matching them, so a
`CatalogueIndex` normalizes once and keeps an inverted index from 4-letter word stems to
items: a lookup scores only the items sharing a stem with the line, with rapidfuzz.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import numpy as np
from rapidfuzz import fuzz, process

from tools.suggest.normalize import content_words, normalize
from tools.suggest.tables import read_rows
from tools.suggest.types import CatalogueItem, ItemKind

# token_set_ratio treats "papel carta 75 g" inside "resma papel carta 75 g 500 hojas" as a
# full match, which is what a catalogue name inside a longer invoice text means.
SCORER = fuzz.token_set_ratio
STEM = 4
# At most this many items are scored per line: those sharing the most word stems with it.
MAX_CANDIDATES = 1000


def stem_keys(normalized: str) -> set[str]:
    """Index keys of a normalized text: the first letters of each content word."""
    return {word[:STEM] for word in content_words(normalized)}


@dataclass(frozen=True)
class Catalogue:
    """The items a company buys, each with the account its purchases debit."""

    items: tuple[CatalogueItem, ...] = ()

    def index(self) -> CatalogueIndex:
        """The precomputed index to match purchase lines against."""
        return CatalogueIndex.build(self.items)


@dataclass(frozen=True)
class CatalogueMatch:
    """An item whose normalized name resembles the line, with the rapidfuzz score (0-100)."""

    item: CatalogueItem
    score: float
    name_words: int


@dataclass(frozen=True)
class CatalogueIndex:
    """Normalized names plus a stem -> items inverted index, built once per catalogue."""

    items: tuple[CatalogueItem, ...]
    names: tuple[str, ...]
    word_counts: tuple[int, ...]
    postings: dict[str, np.ndarray] = field(repr=False)

    @classmethod
    def build(cls, items: Iterable[CatalogueItem]) -> CatalogueIndex:
        """Normalize every name once and index it by word stems."""
        frozen = tuple(items)
        names = tuple(normalize(item.name) for item in frozen)
        postings: dict[str, list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            for key in stem_keys(name):
                postings[key].append(position)
        return cls(
            items=frozen,
            names=names,
            word_counts=tuple(len(content_words(name)) for name in names),
            postings={key: np.asarray(value, dtype=np.int32) for key, value in postings.items()},
        )

    def __len__(self) -> int:
        return len(self.items)

    def candidates(self, normalized: str) -> Sequence[int]:
        """Positions of items sharing a word stem with the text; the best-sharing ones if many."""
        lists = [self.postings[key] for key in stem_keys(normalized) if key in self.postings]
        if not lists:
            return []
        if len(lists) == 1:
            found = lists[0]
        else:
            shared = np.bincount(np.concatenate(lists), minlength=len(self.items))
            found = np.flatnonzero(shared)
            if len(found) > MAX_CANDIDATES:
                best = np.argpartition(shared[found], -MAX_CANDIDATES)[-MAX_CANDIDATES:]
                found = found[best]
        if len(found) > MAX_CANDIDATES:
            found = found[:MAX_CANDIDATES]
        return cast(list[int], found.tolist())

    def match(
        self, normalized: str, *, limit: int = 3, score_cutoff: float = 70.0
    ) -> tuple[CatalogueMatch, ...]:
        """The best items for an already normalized line text, best first."""
        positions = self.candidates(normalized)
        if not positions:
            return ()
        names = self.names
        choices = [names[position] for position in positions]
        hits = process.extract(
            normalized, choices, scorer=SCORER, limit=limit, score_cutoff=score_cutoff
        )
        return tuple(
            CatalogueMatch(
                self.items[positions[key]], float(score), self.word_counts[positions[key]]
            )
            for _name, score, key in hits
        )


SECTOR_ALL = "all"


@lru_cache(maxsize=32)
def default_catalogue(sector: str) -> Catalogue:
    """The starting catalogue of a company with no items: general rows plus its sector's."""
    rows = read_rows("default_catalogue.csv")
    return Catalogue(
        tuple(
            CatalogueItem(
                name=row["name"],
                code=row["code"],
                kind=ItemKind(row["kind"]),
                account_code=row["account"],
            )
            for row in rows
            if row["sector"] in (SECTOR_ALL, sector)
        )
    )


@lru_cache(maxsize=32)
def default_index(sector: str) -> CatalogueIndex:
    """The index of `default_catalogue(sector)`, built once per process."""
    return default_catalogue(sector).index()
