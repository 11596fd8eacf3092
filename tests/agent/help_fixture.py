"""Three help passages (facts from the domain notes) and a small retriever over them, shaped
like `knowledge.search` (doc_id, title, section, snippet, score), for tests that must not
wait for the knowledge index."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from agent.normalize import content_words, normalize


@dataclass(frozen=True)
class Passage:
    doc_id: str
    title: str
    section: str
    snippet: str
    score: float = 0.0


PASSAGES = (
    Passage(
        "sincronizacion-dian",
        "Reglas de la sincronización",
        "Productos y servicios",
        "La información de la DIAN no trae costo, cantidad inicial ni movimientos de cada "
        "producto; por eso las compras importadas usan el ítem no inventariable «Datos "
        "iniciales - DIAN» y no mueven el inventario.",
    ),
    Passage(
        "contingencia",
        "Contingencia",
        "Tipo 04",
        "En contingencia tipo 04 las facturas deben llegar a la DIAN dentro de las 48 horas "
        "siguientes a que vuelva el servicio; las notas crédito y débito no se emiten "
        "en contingencia.",
    ),
    Passage(
        "sincronizacion-dian",
        "Reglas de la sincronización",
        "Pagos automáticos",
        "Se crean pagos automáticos a «Banco 1» para facturas de contado o vencidas hace "
        "más de 60 días.",
    ),
)


def search(query: str, k: int, company_id: int | None) -> list[Passage]:
    """Passages ranked by word overlap and fuzzy similarity; nothing below a floor."""
    asked = content_words(query)
    scored = []
    for passage in PASSAGES:
        text = f"{passage.title} {passage.section} {passage.snippet}"
        overlap = len(asked & content_words(text)) / max(1, len(asked))
        score = 0.6 * overlap + 0.4 * fuzz.partial_ratio(normalize(query), normalize(text)) / 100
        if overlap >= 0.25:
            scored.append(Passage(**{**passage.__dict__, "score": round(score, 3)}))
    return sorted(scored, key=lambda p: p.score, reverse=True)[:k]
