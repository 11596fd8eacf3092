"""The extractive answerer: which section and which sentences answer a question.

Passages are written here (no index): the search's order is given, the answerer must still
prefer the section whose words and shape answer the question.
"""

from __future__ import annotations

from typing import Any

from agent.answer import extractive_answer
from agent.answer_terms import read_question


def passage(doc: str, section: str, text: str, title: str = "Ayuda") -> dict[str, Any]:
    return {"doc_id": doc, "title": title, "section": section, "snippet": "", "text": text}


ACTIVATION = passage(
    "agente",
    "Cómo activarlo",
    "1. Entra a *Gastos › Recepción de comprobantes*.\n"
    "2. Pulsa *Activar* y después *Empezar*.\n\n"
    "En el chat también sirve escribir «activa el agente».",
    title="Agente de gastos",
)
WHAT = passage(
    "agente",
    "Qué hace el agente",
    "El agente descarga de la DIAN las facturas de compra y las registra por ti.",
    title="Agente de gastos",
)
PAUSE = passage(
    "agente",
    "Pausar",
    "Para pausar, pasa el interruptor a *Desactivado*.\n\n"
    "- los comprobantes que lleguen durante la pausa no se procesan solos.",
    title="Agente de gastos",
)
FAMILIES = passage(
    "sugerencias",
    "Tu actividad económica",
    "Cuadre reconoce familias de gastos por palabras clave:\n\n"
    "| Familia | Cuenta sugerida |\n| --- | --- |\n"
    "| Arriendo | 5120 Arrendamientos |\n| Honorarios | 5110 Honorarios |",
)
HISTORY = passage(
    "sugerencias",
    "Tu historial manda",
    "Si ya registraste antes una compra del mismo proveedor, Cuadre propone lo mismo; "
    "lo último que decidiste manda sobre cualquier regla.",
)


def test_nothing_to_read_is_no_answer() -> None:
    assert extractive_answer("cuanto dura el link", []) == ("", [])


def test_a_purpose_question_takes_the_section_that_says_what_it_does() -> None:
    # "sirve" also appears in the activation section: the form of the question is no topic.
    reply, cites = extractive_answer("para q me sirve el agente de gastos", [ACTIVATION, WHAT])
    assert "descarga de la DIAN" in reply
    assert cites[0]["section"] == "Qué hace el agente"


def test_a_how_to_question_gets_the_numbered_steps() -> None:
    reply, _ = extractive_answer("como prendo el agente", [WHAT, PAUSE, ACTIVATION])
    assert "1. Entra a" in reply and "2. Pulsa *Activar*" in reply
    assert reply.rstrip().endswith("[Agente de gastos §Cómo activarlo]")


def test_the_best_section_wins_over_the_first_ranked() -> None:
    reply, cites = extractive_answer(
        "pause el agente el lunes, q paso con lo q llego en la pausa", [ACTIVATION, PAUSE]
    )
    assert "no se procesan solos" in reply
    assert cites[0]["section"] == "Pausar"


def test_an_account_question_reads_the_row_with_the_code() -> None:
    reply, cites = extractive_answer(
        "el arriendo del local a q cuenta lo manda", [HISTORY, FAMILIES]
    )
    assert "Arriendo: 5120 Arrendamientos." in reply
    assert cites[0]["section"] == "Tu actividad económica"


def test_synonyms_count_once_per_idea() -> None:
    asked = read_question("el link de la dian se vence?")
    concepts = [c for c in asked.concepts if "link" in c]
    assert len(concepts) == 1 and {"enlac", "tok"} <= concepts[0]


def test_the_kind_of_answer_is_read_from_how_it_is_asked() -> None:
    assert read_question("como activo el agente").steps
    assert read_question("a q cuenta van las cesantias").account
    assert "cuent" not in read_question("a q cuenta van las cesantias").terms
    assert read_question("cuantas horas tengo para transmitir").time
    assert read_question("xq no quedo costo de venta").reason
    assert not read_question("balance de enero").steps
