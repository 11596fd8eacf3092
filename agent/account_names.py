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
# "las cesantías por pagar": the side of an account the chart names, not an item bought.
SIDES = frozenset({"pagar", "cobrar"})
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


def is_account_name(words_said: str) -> bool:
    """True when the words are an account's name and nothing more ("honorarios", "la
    nómina por pagar"): what the chart calls it, not an item bought ("honorarios del
    contador", "arriendo del local")."""
    named = account_named(words_said)
    if named is None:
        return False
    said = content_words(" ".join(SYNONYMS.get(word, word) for word in words(words_said)))
    return said <= content_words(named[1]) | SIDES


def chart_search(concept: str) -> str | None:
    """The words to search the chart by name for an account concept ("comisiones
    bancarias" -> "comisiones"): the longest start of the concept some account's name
    contains, or its first word when that word is itself the name of an account where
    groups of subaccounts hang (4 digits: "Servicios", "Comisiones"), so the whole family
    is listed. None when no name has the concept's first word."""
    said = words(concept)
    names = [(code, " ".join(words(name))) for code, name, _ in standard_account_names()]
    for size in range(len(said), 0, -1):
        if said[size - 1] in STOPWORDS:
            continue
        for last in dict.fromkeys((said[size - 1], singular(said[size - 1]))):
            phrase = " ".join([*said[: size - 1], last])
            if not any(phrase in name for _, name in names):
                continue
            head = phrase.split()[0]
            if size > 1 and any(len(code) >= 4 and name == head for code, name in names):
                return head
            return phrase
    return None


def singular(word: str) -> str:
    """A Spanish plural's singular, roughly: "retenciones" -> "retencion", "bancos" -> "banco"."""
    for plural, single in (("ciones", "cion"), ("siones", "sion"), ("es", ""), ("s", "")):
        if len(word) > len(plural) + 2 and word.endswith(plural):
            return word[: -len(plural)] + single
    return word
