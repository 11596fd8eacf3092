"""Text normalisation shared by the chunker, BM25 and the seed-copy check."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# Spanish function words plus the filler shop owners type ("porfa", "xq", "q").
SPANISH_STOPWORDS = frozenset(
    """a al algo algun alguna algunas alguno algunos ante antes aqui asi aun bien cada como con
    contra cual cuales cuando de del desde donde dos e el ella ellas ello ellos en entre era eran
    es esa esas ese eso esos esta estaba estan estar estas este esto estos fue fueron ha han hasta
    hay la las le les lo los mas me mi mis mucho muy ni no nos o otra otro para pero poco por porque
    q que quien se ser si sin sobre son su sus tambien te tener tengo ti tiene tienen toda todo
    todos tu tus un una uno unos usted y ya yo xq pq porfa porfavor favor hola gracias plis pls
    oye necesito quiero puedo hago hacer saber pa tmb""".split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Lowercase and strip accents (ñ becomes n, like users type without accents)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("spanish")


def tokens(text: str) -> list[str]:
    """Folded, stop-word-free, Snowball-stemmed Spanish tokens for BM25.

    Folding comes before stemming so that "sincronización" and "sincronizacion" (typed
    without the accent) reach the same stem.
    """
    words = [w for w in _words_with_camel_parts(text) if w not in SPANISH_STOPWORDS]
    return list(_stemmer().stemWords(words))


def _words_with_camel_parts(text: str) -> list[str]:
    # "AttachedDocument" and "WhatsApp" are found as typed joined ("whatsapp") and split
    # ("attached document"): both forms are kept.
    words: list[str] = []
    for raw in text.split():
        parts = _WORD.findall(fold(_CAMEL.sub(" ", raw)))
        joined = _WORD.findall(fold(raw))
        words.extend(joined)
        if parts != joined:
            words.extend(parts)
    return words


def normalise_sentence(text: str) -> str:
    """Folded words joined by single spaces: the shape compared by the seed-copy check."""
    return " ".join(_WORD.findall(fold(text)))
