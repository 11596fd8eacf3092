"""Words shop owners type -> words the help pages are written with (query expansion).

Read by BM25 only: each query word found here adds its equivalents to the query, so
"link" also looks for "enlace" and "devuelvo" for "deshacer". Keys and values are folded
(no accents, lowercase); keep the table short and obvious to a Spanish reader.
"""

from __future__ import annotations

from knowledge.textnorm import fold

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


def expand_query(text: str) -> str:
    """The query with the help's words for its informal ones appended."""
    extra = [alt for word in fold(text).split() for alt in SYNONYMS.get(word.strip("¿?¡!.,;:"), ())]
    return f"{text} {' '.join(extra)}" if extra else text
