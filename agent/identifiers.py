"""Identifiers and on/off switches said in a message, for a tool's `*_id` and boolean fields.

"la sincronización 1", "sync 3", "el trabajo 2" name a `job_id`; "el lote L-0001" a
`batch_id`; "la entrada 4" an `entry_id`. The words that name an identifier come from the
field itself, never from the tool: its name's stem in Spanish (`job` -> "sincronización",
"trabajo"...) and the first noun of its description ("Lote a deshacer" -> "lote").

A switch (`on`, `active`, `enabled`) is false when the message turns something off
("desactiva", "quita", "ya volvió la DIAN") and true when it turns it on ("activa",
"entra en", "prende").

    >>> find_identifier("job_id", int, "Número de la sincronización.", "como va la sync 3")
    3
    >>> switch_value("ya volvió la DIAN, quita la contingencia")
    False
"""

from __future__ import annotations

import re
from typing import Any

from agent.normalize import STOPWORDS, fold, words

# Spanish nouns for the English stems tools use in `<stem>_id` fields.
ID_NOUNS: dict[str, tuple[str, ...]] = {
    "job": ("sincronizacion", "sync", "trabajo", "job"),
    "sync": ("sincronizacion", "sync"),
    "batch": ("lote", "batch"),
    "entry": ("entrada", "entry"),
    "inbox": ("entrada", "bandeja"),
    "draft": ("borrador", "draft"),
    "document": ("documento",),
    "thread": ("hilo", "conversacion"),
}
# From this length a noun's first four letters and its length name it (see `_noun`).
LONG_NOUN = 10
# How to name each identifier when asking for it.
ID_LABELS: dict[str, tuple[str, str]] = {
    "job": ("sincronización", "sincronización 1"),
    "sync": ("sincronización", "sincronización 1"),
    "batch": ("lote", "lote L-0007"),
    "entry": ("entrada de la bandeja", "entrada 4"),
    "inbox": ("entrada de la bandeja", "entrada 4"),
    "draft": ("borrador", "borrador 5"),
}
# Description words that say "an identifier", not what it identifies.
GENERIC = frozenset({"numero", "id", "identificador", "codigo", "consecutivo", "cual"})
RE_ALONE = re.compile(r"(?:(?:el|la|numero|no\.?|#)\s*)*([a-z]{0,3}-?\d{1,12})")
SWITCH_NAMES = frozenset({"on", "active", "activo", "activa", "enabled", "encendido", "prendido"})
# Checked first: "desactiva" contains no word starting with "activ".
RE_OFF = re.compile(
    r"\b(?:desactiv\w*|quit\w*|apag\w*|sal|salir|salte|salgamos|termin\w*|deten\w*|"
    r"finaliz\w*|cierr\w*|ya (?:volvio|regreso|sirve|funciona|responde|esta arriba|"
    r"esta funcionando|se arreglo))\b"
)
RE_ON = re.compile(r"\b(?:activ\w*|entr[ae]\w*|prend\w*|enciend\w*|inici\w*|caid[ao]s?|cay[oó])\b")


def _noun(noun: str) -> str:
    # Nouns match by their first seven letters: "sincronisacion 1" still names a sync. A
    # long one by its first four and a length like its own: "sincornizacion 1" too.
    if len(noun) >= LONG_NOUN:
        return re.escape(noun[:4]) + rf"\w{{{len(noun) - 8},}}"
    return re.escape(noun[:7]) + r"\w*"


def _nouns_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(_noun(noun) for noun in nouns)
    return re.compile(
        rf"\b(?:{alternatives})\s+(?:(?:no|nro|num|numero|n[°º])\.?\s*|#\s*)?"
        r"\(?([a-z]{0,3}-?\d{1,12})\b"
    )


# Every known identifier noun and its number: blanked from the text intent matching sees,
# so "estado de la sincronización 1" compares like "estado de la sincronización".
RE_ANY_IDENTIFIER = _nouns_pattern(
    tuple(dict.fromkeys(noun for nouns in ID_NOUNS.values() for noun in nouns))
)


def is_switch(name: str) -> bool:
    """True for a boolean field that turns something on or off."""
    return name.lower() in SWITCH_NAMES


def switch_value(message: str) -> bool | None:
    """False for "apaga/desactiva/quita/ya volvió", True for "activa/prende/entra", else None."""
    folded = fold(message)
    if RE_OFF.search(folded):
        return False
    if RE_ON.search(folded):
        return True
    return None


def identifier_question(name: str, description: str | None) -> str:
    """The follow-up question for a missing identifier ("¿Qué número de sincronización?")."""
    stem = _stem(name)
    if stem in ID_LABELS:
        label, example = ID_LABELS[stem]
        return f"¿Qué {label}? Dime su número, por ejemplo «{example}»."
    if description:
        return f"Me falta un dato: {description.rstrip('.')}. ¿Me lo indicas?"
    return f"¿Cuál es el número ({name})?"


def _stem(name: str) -> str:
    return name.lower().removesuffix("_id").removesuffix("id").strip("_")


def id_nouns(name: str, description: str | None) -> tuple[str, ...]:
    """The words that name this identifier: its stem's Spanish nouns and the description's
    first noun ("Número de la sincronización." -> "sincronizacion")."""
    stem = _stem(name)
    nouns = list(ID_NOUNS.get(stem, (stem,) if len(stem) >= 3 else ()))
    for word in words(description or ""):
        if word in STOPWORDS or word in GENERIC or len(word) < 3:
            continue
        nouns.append(word)
        break
    return tuple(dict.fromkeys(noun for noun in nouns if noun))


def find_identifier(
    name: str, base: Any, description: str | None, message: str
) -> int | str | None:
    """The identifier the message gives right after one of the field's nouns, or None.

    An int field takes only digits ("la sincronización 1"); a text field a code like
    "L-0001" (upper-cased). Nouns match by their first seven letters, so typos in long
    words still count ("sincronisacion 1").
    """
    folded = fold(message).strip(" .!¿?")
    alone = RE_ALONE.fullmatch(folded)
    if alone:  # the reply to "¿Cuál sincronización?": "la 1", "#3", "L-0001"
        token = alone.group(1)
        if base is not int or token.isdigit():
            return int(token) if base is int else token.upper()
    nouns = id_nouns(name, description)
    if not nouns:
        return None
    for match in _nouns_pattern(nouns).finditer(folded):
        token = match.group(1)
        if base is int:
            if token.isdigit():
                return int(token)
            continue
        return token.upper()
    return None
