"""Text normalization shared by every signal: one canonical form for invoice descriptions.

Supplier invoices write the same thing many ways ("RESMA PAPEL CARTA 75GR", "Rma papel
carta 75 g", "papel carta x500 hojas"). Before comparing we fold accents and case, split
numbers from their units and spell units one way ("75gr" -> "75 g"), expand the usual
abbreviations ("rma" -> "resma", "und" -> "unidad") and drop connecting words ("de",
"para"), so fuzzy scores measure meaning rather than spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Unit spellings seen on Colombian invoices -> one canonical unit.
UNITS: dict[str, str] = {
    "g": "g", "gr": "g", "grs": "g", "gramo": "g", "gramos": "g",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogramo": "kg", "kilogramos": "kg",
    "mg": "mg", "ml": "ml", "mls": "ml", "cc": "ml", "mililitros": "ml",
    "l": "l", "lt": "l", "lts": "l", "litro": "l", "litros": "l", "ltr": "l",
    "m": "m", "mt": "m", "mts": "m", "mtr": "m", "metro": "m", "metros": "m",
    "cm": "cm", "mm": "mm", "m2": "m2", "m3": "m3",
    "gl": "galon", "gal": "galon", "galon": "galon", "galones": "galon",
    "pulg": "pulgada", "pulgadas": "pulgada",
    "oz": "onza", "lb": "libra", "lbs": "libra", "kwh": "kwh", "w": "w",
}  # fmt: skip

# Abbreviations on purchase lines -> the word a catalogue would use.
ABBREVIATIONS: dict[str, str] = {
    "rma": "resma", "resm": "resma", "und": "unidad", "unds": "unidad", "un": "unidad",
    "unid": "unidad", "unidades": "unidad", "uds": "unidad", "ud": "unidad",
    "pqt": "paquete", "paq": "paquete", "pq": "paquete", "paquetes": "paquete",
    "cj": "caja", "cja": "caja", "cajas": "caja", "bto": "bulto", "btos": "bulto",
    "sco": "saco", "fdo": "fardo", "dsp": "display", "tab": "tableta", "tabs": "tableta",
    "tabletas": "tableta", "caps": "capsula", "cap": "capsula", "sob": "sobre",
    "mant": "mantenimiento", "mtto": "mantenimiento", "mto": "mantenimiento",
    "serv": "servicio", "svc": "servicio", "arrend": "arrendamiento", "arr": "arriendo",
    "hon": "honorarios", "hono": "honorarios", "ref": "referencia", "cil": "cilindro",
    "prev": "preventivo", "corr": "correctivo", "rep": "reparacion", "repuest": "repuesto",
    "aux": "auxiliar", "admon": "administracion", "adm": "administracion",
    "dcto": "descuento", "ptas": "puertas", "pta": "puerta",
    "int": "internet", "tel": "telefono", "cel": "celular", "transp": "transporte",
    "mcia": "mercancia", "mcias": "mercancia", "vr": "valor", "vlr": "valor",
}  # fmt: skip

# Connecting words that carry no meaning for matching.
STOPWORDS = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "el",
        "los",
        "y",
        "e",
        "o",
        "u",
        "a",
        "al",
        "en",
        "para",
        "por",
        "con",
        "sin",
        "su",
        "sus",
        "se",
        "lo",
        "un",
        "una",
        "x",
    ]
)

_NUMBER_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+\d?)\b")
_NON_WORD = re.compile(r"[^a-z0-9./ ]+")
_SPACES = re.compile(r"\s+")
_DECIMAL_COMMA = re.compile(r"(\d),(\d)")
_STRAY_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")


def fold(text: str) -> str:
    """Lower case without accents: 'Energía Eléctrica' -> 'energia electrica'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _unit_split(match: re.Match[str]) -> str:
    number, word = match.group(1), match.group(2)
    unit = UNITS.get(word)
    if unit is None:
        return match.group(0)
    return f"{number} {unit}"


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The canonical form of a description: folded, units split, abbreviations expanded.

    >>> normalize("RESMA Papel Carta 75GR x 500 und")
    'resma papel carta 75 g 500 unidad'
    """
    value = fold(text)
    value = value.replace('"', " pulgada ")
    value = _DECIMAL_COMMA.sub(r"\1.\2", value)
    value = _NON_WORD.sub(" ", value)
    value = _STRAY_DOTS.sub(" ", value)
    value = _NUMBER_UNIT.sub(_unit_split, value)
    words = []
    for word in _SPACES.split(value.strip()):
        if not word or word in STOPWORDS:
            continue
        word = ABBREVIATIONS.get(word, word)
        word = UNITS.get(word, word) if not word.isalpha() or len(word) > 1 else word
        words.append(word)
    return " ".join(words)


def content_words(normalized: str) -> tuple[str, ...]:
    """Words that name things (no numbers, no units, no pack words): used to index."""
    return tuple(
        word
        for word in normalized.split()
        if len(word) > 2 and not word[0].isdigit() and word not in _PACK_WORDS
    )


_PACK_WORDS = frozenset(
    {"unidad", "paquete", "caja", "bulto", "saco", "fardo", "display", "galon", "pulgada"}
    | set(UNITS.values())
)
