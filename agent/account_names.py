"""An account named in words ("sueldos", "salarios por pagar", "la EPS") to its PUC code.

Read from the shipped chart (`ledger/data/puc.csv`, through `tools`), the same for every
company: a name matches when all its content words are in the message (crude stems, so
"sueldo" finds "Sueldos"), or its acronym in brackets is ("EPS"). The fullest name wins; on
a tie the account where entries are posted (the leaf).

    >>> account_for_words("cuánto se pagó de sueldos en enero")
    '510506'
"""

from __future__ import annotations

import re
from functools import cache

from agent.normalize import STOPWORDS, content_words, fold, words
from tools.ledger_accounts import standard_account_names

# Names made only of these words say too little to pick an account ("Otros", "Varios").
VAGUE = frozenset({"otro", "otra", "otros", "otras", "vario", "varios", "divers", "general"})
# What people say for the chart's words: "la nómina por pagar" is "salarios por pagar".
SYNONYMS = {"nomina": "salario"}
RE_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")


@cache
def _names() -> tuple[tuple[str, frozenset[str], str | None, bool, str], ...]:
    found = []
    for code, name, is_leaf in standard_account_names():
        stems = frozenset(content_words(name))
        acronym = RE_ACRONYM.search(name)
        if stems - VAGUE:
            found.append((code, stems, fold(acronym[1]) if acronym else None, is_leaf, name))
    return tuple(found)


def account_for_words(message: str) -> str | None:
    """The PUC code whose name the message says, or None when it names no account."""
    found = account_named(message)
    return found[0] if found else None


def account_named(message: str) -> tuple[str, str] | None:
    """The (code, name) of the account the message names in words, or None."""
    said_words = set(words(message))
    said = content_words(" ".join(SYNONYMS.get(word, word) for word in words(message)))
    best: tuple[int, bool, str, str] | None = None
    for code, stems, acronym, leaf, name in _names():
        if not (stems <= said or (acronym is not None and acronym in said_words)):
            continue
        candidate = (len(stems), leaf, code, name)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return (best[2], best[3]) if best else None


def says_the_name(message: str, name: str) -> bool:
    """True when the message has the account's own words ("caja"), not a synonym
    ("nómina" for "salarios") or a variant ("inventario" for "Inventarios")."""
    said = set(words(message))
    return all(word in said for word in words(name) if word not in STOPWORDS)
