"""Small misspellings of the words that choose a tool: «balanse», «facutra», «auxliar».

Intent matching compares words, so a typo in the one word that names the request
("q tal quedó el balanse de enero") leaves nothing but the period to compare. Before
matching, a word of the message that is not a known word becomes the tool examples' word
(a key word) it is closest to, when that one is near enough for the word's length, starts
with the same letter and no other key word is as near:

    >>> correct("q tal quedo el balanse de enero", ("balance de marzo",))
    'que tal quedo el balance de enero'

A word that differs from a key word only at its end («importan», «prendo») is another form
of it, not a typo, and stays as written. Known words are never corrected: the key words
themselves, the help pages' words and real Spanish words one or two letters away from a
key word («cuesta» is not «cuenta», «fractura» is not «factura»). Short words (under six
letters) are never corrected: there, one letter makes another word («pasar», «pagar»;
«mejor», «menor»). Up to eight letters a typo is one edit away, longer words two. The
distance is OSA: a swap of two neighbouring letters («facutra») counts one, like a
missing, an extra or a wrong letter.

Only a message that matches no tool as written is respelled (`agent.intents`), so a word
wrongly taken for a typo can cost a help answer, never a request that already worked.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from agent.normalize import FILLERS, SLANG, STOPWORDS, stem, words

# Shortest word that may be corrected, and the longest at which one edit is all it takes.
MIN_LENGTH = 6
ONE_EDIT_UP_TO = 8
# Shortest key word: "ventaa" may still be a "venta".
KEY_LENGTH = 5
# Real Spanish words a letter or two from a key word that the help pages do not use; a
# person who writes them means them («cuesta», not «cuenta»). Found by checking frequent
# Spanish words against the examples' key words; inflections of a key word («pruebas»,
# «movimiento») are left out: corrected, they still mean the same thing.
REAL_WORDS: frozenset[str] = frozenset(
    """abriendo acento aceptacion aliento aparte bandera blanco borrado cabida calida
    caliente calientes canton capitan cheque claves compañera correa corren correr
    corrio cortos cosmos costas costes cuadro cuarta cuarto cuenca cuentos cuesta debido
    delito documental ejecutivo electrica electricas entera entraba entregada estadio
    estando esteban estrada fractura fracturas gestos guardia gustos historica
    historicas huesos intensa intentarlo inventado legado libras libres litros llenado
    llevado llevaron manada manuel nominal nominales pareceria planes planos platos
    plazas prenda presiones prisiones procesion quinta recreacion regala regula revista
    revistas salado salido saludos suelos tienden transicion vendio vengas""".split()  # noqa: SIM905
)


def correct(text: str, examples: Iterable[str]) -> str:
    """`text` as matching compares it (folded words, slang expanded) with each unknown
    word replaced by the one key word of `examples` close enough to be its typo."""
    keys, known = vocabulary(tuple(sorted(set(examples))))
    return " ".join(_corrected(word, keys, known) for word in words(text))


def max_edits(word: str) -> int:
    """Edits a typo of `word` may have: none under six letters, one up to eight, else two."""
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) <= ONE_EDIT_UP_TO else 2


@lru_cache(maxsize=8)
def vocabulary(examples: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Key words of the examples by first letter, and every word never to be corrected."""
    keys = sorted(
        {
            word
            for example in examples
            for word in words(example)
            if word.isalpha() and len(word) >= KEY_LENGTH and word not in STOPWORDS | FILLERS
        }
    )
    by_letter: dict[str, list[str]] = {}
    for key in keys:
        by_letter.setdefault(key[0], []).append(key)
    known = (
        frozenset(keys)
        | help_words()
        | REAL_WORDS
        | STOPWORDS
        | FILLERS
        | frozenset(SLANG.values())
    )
    return {letter: tuple(found) for letter, found in by_letter.items()}, known


@lru_cache(maxsize=1)
def help_words() -> frozenset[str]:
    """Every word of the product's help pages (real Spanish, spelled right); empty when the
    help corpus is not installed."""
    try:
        from knowledge.loader import load_product_docs
    except ImportError:
        return frozenset()
    return frozenset(
        word for doc in load_product_docs() for word in words(f"{doc.title} {doc.body}")
    )


def _other_ending(word: str, key: str) -> bool:
    """True when the two differ only in their last letter or in letters past the shorter's
    end: Spanish inflects there ("importa", "importan"; "prende", "prendo"), so a change
    there is another form of the word, not a typo."""
    shared = next(
        (at for at, (mine, theirs) in enumerate(zip(word, key, strict=False)) if mine != theirs),
        min(len(word), len(key)),
    )
    return shared >= min(len(word), len(key)) - 1


def _corrected(word: str, keys: dict[str, tuple[str, ...]], known: frozenset[str]) -> str:
    edits = max_edits(word)
    if not edits or not word.isalpha() or word in known:
        return word
    found = process.extract(
        word, keys.get(word[0], ()), scorer=OSA.distance, score_cutoff=edits, limit=None
    )
    if not found:
        return word
    if any(_other_ending(word, key) for key, _, _ in found):
        # "importan", "prendo": the key word with another ending, a real word most likely.
        return word
    nearest = min(distance for _, distance, _ in found)
    candidates = sorted(key for key, distance, _ in found if distance == nearest)
    # "facturs" is as near to "factura" as to "facturas": one word either way. Two
    # different words at the same distance ("casta": "costa"? "canta"?) is a guess.
    if len({stem(key) for key in candidates}) > 1:
        return word
    return candidates[0]
