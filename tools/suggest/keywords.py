"""Finds the keyword families (families.csv) named by a normalized text."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from tools.suggest.tables import Family, Keyword, families

_PREFIX_KEY = 3
GENERIC_BELOW = 0.7  # families this unsure are catch-alls (families.csv "other_services")


@dataclass(frozen=True)
class FamilyHit:
    """A family found in a text: how many keyword words matched and the words themselves."""

    family: Family
    score: int
    words: str  # the matched text, e.g. "arriendo"
    first: int = 0  # position of the first matched word


@dataclass(frozen=True)
class _Matcher:
    exact: dict[str, tuple[tuple[Family, Keyword], ...]]
    prefix: dict[str, tuple[tuple[Family, Keyword], ...]]


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    # Keywords are looked up by their first word, so a line costs a few dict lookups per
    # word instead of a scan over every phrase of every family.
    exact: dict[str, list[tuple[Family, Keyword]]] = defaultdict(list)
    prefix: dict[str, list[tuple[Family, Keyword]]] = defaultdict(list)
    for family in families():
        for keyword in family.keywords:
            first, is_prefix = keyword.words[0]
            if is_prefix:
                prefix[first[:_PREFIX_KEY]].append((family, keyword))
            else:
                for form in {first, singular(first)}:
                    exact[form].append((family, keyword))
    return _Matcher(
        exact={key: tuple(value) for key, value in exact.items()},
        prefix={key: tuple(value) for key, value in prefix.items()},
    )


def singular(word: str) -> str:
    """A rough Spanish singular: 'frenos' -> 'freno', 'pinturas' -> 'pintura', 'tapas' kept."""
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _matches_at(words: list[str], start: int, keyword: Keyword) -> bool:
    if start + len(keyword.words) > len(words):
        return False
    for offset, (expected, is_prefix) in enumerate(keyword.words):
        word = words[start + offset]
        if is_prefix:
            if not word.startswith(expected):
                return False
        elif word != expected and singular(word) != singular(expected):
            return False
    return True


def _rank(phrase: tuple[int, str] | None) -> tuple[int, int]:
    return (phrase[0], len(phrase[1])) if phrase else (0, 0)


def find_families(normalized: str) -> tuple[FamilyHit, ...]:
    """Families named by the text, best first (most keyword words, then earliest in text)."""
    words = normalized.split()
    matcher = _matcher()
    scores: dict[str, int] = defaultdict(int)
    best_phrase: dict[str, tuple[int, str]] = {}
    by_name: dict[str, Family] = {}
    first: dict[str, int] = {}
    seen: set[tuple[str, int, int]] = set()
    for start, word in enumerate(words):
        candidates = (
            matcher.exact.get(word, ())
            + matcher.exact.get(singular(word), ())
            + matcher.prefix.get(word[:_PREFIX_KEY], ())
        )
        for family, keyword in candidates:
            size = len(keyword.words)
            # Each stretch of text counts once per family ("servicio" and "servicios").
            if (family.name, start, size) in seen or not _matches_at(words, start, keyword):
                continue
            seen.add((family.name, start, size))
            scores[family.name] += size
            by_name[family.name] = family
            first.setdefault(family.name, start)
            text = " ".join(words[start : start + size])
            if (size, len(text)) > _rank(best_phrase.get(family.name)):
                best_phrase[family.name] = (size, text)
    hits = [
        FamilyHit(by_name[name], score, best_phrase[name][1], first[name])
        for name, score in scores.items()
    ]
    # Spanish noun phrases put the head first ("dobladora de lámina" is a machine), so on
    # a tie the family named earlier in the text wins.
    # A catch-all family ("servicio") never wins a tie against a specific one.
    hits.sort(
        key=lambda hit: (
            -hit.score,
            hit.family.confidence < GENERIC_BELOW,
            hit.first,
            -hit.family.confidence,
            hit.family.order,
        )
    )
    return tuple(hits)
