"""Words shop owners type -> words the help pages are written with (query expansion).

Read by BM25 only: each query word found here adds its equivalents to the query, so
"link" also looks for "enlace" and "devuelvo" for "deshacer". Keys and values are folded
(no accents, lowercase); keep the table short and obvious to a Spanish reader.

A question's frame goes first: in "explícame la regla de los pagos automáticos" the
words "explícame" and "regla" name the asking, not the topic, and would rank the page
about how Cuadre explains its rules above the rule asked for.
"""

from __future__ import annotations

import re

from knowledge.textnorm import fold

# "explícame la regla de", "cuál es la regla de las", "qué dice la norma sobre": the frame.
QUESTION_FRAME = re.compile(
    r"^\W*(?:(?:me\s+)?(?:explica(?:me|nos)?|cuentame|dime)\s+)?"
    r"(?:(?:cual|que)\s+(?:es|son|dice|dicen)\s+|como\s+(?:es|son|funciona|funcionan)\s+)?"
    r"(?:la|las|el|los)\s+(?:regla|reglas|norma|normas)\s+(?:de|del|sobre)\s+(?=\w)"
)

SYNONYMS: dict[str, tuple[str, ...]] = {
    # the DIAN access link
    "link": ("enlace",),
    "token": ("enlace",),
    "url": ("enlace",),
    # bringing data in
    "importacion": ("sincronizacion",),
    "importe": ("sincronice",),
    "importar": ("sincronizar",),
    "traje": ("sincronizacion",),
    # "traer" is irregular: Snowball never brings "traigo" to the stem of "traer"
    "traigo": ("traer", "importar"),
    "traiga": ("traer", "importar"),
    "excel": ("listado",),
    # undoing
    "devuelvo": ("deshacer", "reversion"),
    "devolver": ("deshacer", "reversion"),
    "reversar": ("deshacer", "reversion"),
    # money and documents
    "contado": ("efectivo",),
    "efectivo": ("contado",),
    "fe": ("factura", "electronica"),
    "nomina": ("nomina",),
    "plata": ("pago", "dinero"),
    "prender": ("activar",),
    "prendo": ("activar",),
    "apagar": ("pausar",),
    "codigo": ("tipo",),
    "mail": ("correo",),
    "email": ("correo",),
    "corchetes": ("citas", "cita"),
    "arriendo": ("arrendamiento",),
    "arriendos": ("arrendamientos",),
    "celular": ("telefono",),
    # Snowball stems the verb and the noun apart ("suger" / "sugerent")
    "sugerir": ("sugerencia",),
    "sugiere": ("sugerencia",),
}


def without_frame(text: str) -> str:
    """The topic of a question framed as one about a rule ("explícame la regla de X": X),
    as written (the case of "AttachedDocument" tells BM25 its parts)."""
    frame = QUESTION_FRAME.match(fold(text))
    if frame is None:
        return text
    return " ".join(text.split()[len(frame.group(0).split()) :])


def expand_query(text: str) -> str:
    """The query, without its frame, with the help's words for its informal ones appended."""
    text = without_frame(text)
    extra = [alt for word in fold(text).split() for alt in SYNONYMS.get(word.strip("¿?¡!.,;:"), ())]
    return f"{text} {' '.join(extra)}" if extra else text
