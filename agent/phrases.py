"""The free-text parts of a request: its search words and the concept it names.

`keywords` keeps what a search should look for once commands, stopwords and fillers are
out («busca la cuenta de bancos» -> «bancos»); `describe` finds the concept of an entry
or a line («registra: ... por retiro para caja» -> «retiro para caja»).
"""

from __future__ import annotations

import re

from agent.normalize import FILLERS, STOPWORDS, words


def keywords(rest: str) -> str | None:
    """Search words: the folded remainder without commands, stopwords and fillers."""
    found = [w for w in words(rest) if w not in STOPWORDS | FILLERS | COMMAND_WORDS]
    return " ".join(found) or None


COMMAND_WORDS = frozenset(
    {"busca", "buscame", "muestrame", "muestra", "dame", "lista", "cuenta", "cuentas", "tengo"}
    | {"plan", "codigo", "cual", "cuales", "registro", "empiezan", "empieza", "saber", "ver"}
    | {"necesito", "quiero", "mira", "revisa", "la", "de", "del", "puc"}
)


def describe(rest: str) -> str | None:
    """The concept in a request: the words after "por concepto de", or after the "por",
    "en" or "para" that opens what is left once the command ("haz un asiento:", "asiento
    manual") and the lines are out ("por retiro para caja"), else after a later "en" or
    "para"; without dangling connectors."""
    text = COMMAND_PREFIX.sub("", rest.strip())
    text = re.sub(r"^[\s.,:;]*(?:(?:y|e)\b[\s,]*)?", "", text)
    explicit = re.search(r"\b(?:por concepto de|en concepto de|concepto)\s+(.+)$", text, re.I)
    opening = re.match(r"(?:por|en|para)\s+(.+)$", text, re.IGNORECASE)
    later = re.search(r"\b(?:en|para)\s+(.+)$", text, re.IGNORECASE)
    tail = explicit or opening or later
    text = tail.group(1) if tail else text
    for _ in range(3):
        text = re.sub(r"^(?:y|e|o|por|de|del|el|la|los|las|para|con)\s+", "", text.strip(" .,:;"))
    for _ in range(3):
        text = re.sub(r"\b(?:por|de|en|para|al|del|a|con|y|e|o)\s*$", "", text.strip(" .,:;¿?¡!"))
    return text.strip(" .,:;") or None


# "haz un asiento:", "registra que", "anota una nota de contabilidad", or the entry's name
# alone ("asiento manual 14/02/2025 ..."): the order, not the concept.
COMMAND_PREFIX = re.compile(
    r"^(?:(?:oye|porfa|por favor)\s+)*(?:(?:haz|hazme|registra|registrame|anota|contabiliza|"
    r"pasa|crea|quiero registrar|necesito registrar)\b(?:\s+(?:un|una|el|la|que))?"
    r"(?:\s+(?:asiento(?: manual| contable)?|nota de contabilidad|comprobante))?"
    r"|(?:(?:un|una|el)\s+)?(?:asiento(?: manual| contable)?|nota de contabilidad|comprobante)\b)"
    r"\s*:?\s*",
    re.IGNORECASE,
)
