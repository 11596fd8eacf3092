"""Spanish text normalization for matching: lowercase, accents folded, chat slang expanded.

People write "q", "xq", "porfa", "oye", without accents and with typos; matching works on
the normalized form, while replies and slot values keep what the person wrote.
"""

from __future__ import annotations

import re
import unicodedata

# Informal shorthand -> the word it stands for (matching compares meaning, not spelling).
SLANG: dict[str, str] = {
    "q": "que",
    "k": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "x": "por",
    "tb": "tambien",
    "tmb": "tambien",
    "d": "de",
    "pa": "para",
    "bn": "bien",
    "msj": "mensaje",
    "info": "informacion",
    "fact": "factura",
    "fra": "factura",
}

# Words that carry tone, not meaning; dropped before intent matching.
FILLERS: frozenset[str] = frozenset(
    {
        "oye",
        "hola",
        "porfa",
        "porfis",
        "porfavor",
        "please",
        "plis",
        "pls",
        "gracias",
        "ey",
        "hey",
        "bueno",
        "pues",
        "parce",
        "parcero",
        "mijo",
        "mija",
        "ya",
        "ah",
        "eh",
        "uy",
        "jaja",
        "jajaja",
        "buenas",
        "buenos",
        "dias",
        "tardes",
        "noches",
        "cuadre",
    }
)

STOPWORDS: frozenset[str] = frozenset(
    {
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "unos",
        "unas",
        "de",
        "del",
        "al",
        "a",
        "en",
        "y",
        "o",
        "que",
        "me",
        "mi",
        "mis",
        "te",
        "se",
        "lo",
        "le",
        "les",
        "con",
        "por",
        "para",
        "es",
        "son",
        "su",
        "sus",
        "tu",
        "tus",
        "este",
        "esta",
        "esto",
        "ese",
        "esa",
        "yo",
        "quiero",
        "puedes",
        "podrias",
        "favor",
        "dame",
        "como",
        "cual",
        "cuales",
        "hay",
        "muy",
        "mas",
        "ver",
    }
)

_WORD = re.compile(r"[a-z0-9ñ]+")


def fold(text: str) -> str:
    """Lowercase and strip accents, keeping ñ (it changes meaning: "año" vs "ano")."""
    lowered = text.lower().replace("ñ", "\x00")
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("\x00", "ñ")


def words(text: str) -> list[str]:
    """Folded words with slang expanded (`q` -> `que`), fillers kept."""
    return [SLANG.get(word, word) for word in _WORD.findall(fold(text))]


def normalize(text: str) -> str:
    """The matching form: folded, slang expanded, fillers dropped, single spaces."""
    return " ".join(word for word in words(text) if word not in FILLERS)


def content_words(text: str) -> set[str]:
    """Meaningful words for lexical overlap: no fillers, no stopwords, crude stems."""
    return {stem(word) for word in words(text) if word not in FILLERS | STOPWORDS}


def stem(word: str) -> str:
    """A crude Spanish stem: plural and common suffixes cut, at most 6 letters kept."""
    for suffix in ("ciones", "cion", "mente", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]
