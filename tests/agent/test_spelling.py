"""Typos in the word that chooses a tool: corrected when one key word is that near, never
for short words or real Spanish words, and never for a message that already matches."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import tools.catalog  # noqa: F401  (registers every tool)
from agent import intents
from agent.intents import match_intent
from agent.planners.base import PlanRequest
from agent.planners.embedded import EmbeddedPlanner
from agent.spelling import correct, max_edits
from tools.registry import all_tools

EXAMPLES = (
    "muéstrame el balance de prueba",
    "hazme una factura de venta",
    "estado de la sincronización 3",
    "libro auxiliar de la 130505",
    "cuánto hay en la cuenta de bancos",
    "registra la nómina de enero",
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("balanse", "balance"),  # a wrong letter
        ("balamce", "balance"),
        ("balnce", "balance"),  # a missing one
        ("facutra", "factura"),  # two letters swapped
        ("factrua", "factura"),
        ("auxliar", "auxiliar"),
        ("sincronisacion", "sincronizacion"),
        ("sincornizasion", "sincronizacion"),  # two edits in a long word
        ("nomimna", "nomina"),
    ],
)
def test_a_near_miss_of_a_key_word_is_that_word(typed: str, meant: str) -> None:
    assert correct(f"el {typed} de enero", EXAMPLES) == f"el {meant} de enero"


@pytest.mark.parametrize(
    "word",
    [
        "cuesta",  # «¿cuánto cuesta?» is not «cuenta»
        "fractura",  # not «factura»
        "nominal",  # «valor nominal», not «nómina»
        "balanza",  # two edits from «balance», too many for seven letters
        "estadio",  # not «estado»
        "pasar",  # five letters: «pagar», «pesar», «posar» are all words
        "venia",
        "banco",
        "mejor",
    ],
)
def test_real_words_and_short_words_stay_as_written(word: str) -> None:
    assert correct(f"la {word} de enero", (*EXAMPLES, "cuánto hay que pagar", "el estado")) == (
        f"la {word} de enero"
    )


def test_a_word_as_near_to_two_different_key_words_stays() -> None:
    # "paxado": "pagado" or "pasado"? A guess either way.
    assert correct("lo paxado", ("lo pagado", "lo pasado")) == "lo paxado"


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("importan", "importa"),
        ("prendo", "prende"),
        ("facturaa", "factura"),
        ("facturs", "factura"),
    ],
)
def test_another_ending_is_another_form_not_a_typo(word: str, key: str) -> None:
    assert correct(f"se {word} solas", (f"{key} todo",)) == f"se {word} solas"


def test_edits_grow_with_the_word() -> None:
    assert [max_edits(word) for word in ("mejor", "nomina", "balancea", "sincronizacion")] == [
        0,
        1,
        1,
        2,
    ]


def test_folded_slang_expanded_words_come_out() -> None:
    assert correct("Q tal el BALANSE?", EXAMPLES) == "que tal el balance"


def _plan(text: str) -> tuple[str, dict[str, object]] | None:
    request = PlanRequest(
        messages=({"role": "user", "content": text},),
        tools=all_tools(),
        company_id=1,
        today=date(2025, 2, 15),
    )
    plan = EmbeddedPlanner().plan(request)
    return (plan.calls[0].tool, plan.calls[0].args) if plan.calls else None


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "q tal quedo el balanse de enero?",
            "trial_balance",
            {"start": "2025-01-01", "end": "2025-01-31"},
        ),
        (
            "balamce de prueba de enero",
            "trial_balance",
            {"start": "2025-01-01", "end": "2025-01-31"},
        ),
        (
            "auxliar 111005 febrero",
            "account_ledger",
            {"account_code": "111005", "start": "2025-02-01", "end": "2025-02-28"},
        ),
        ("estado de la sincronisacion 1", "sync_status", {"job_id": 1}),
        # The respelled words also name the choice: sales invoices, not every document.
        ("muestrame las facutras de venta", "list_documents", {"kind": "sales_invoice"}),
    ],
)
def test_the_planner_reads_a_misspelt_request(
    text: str, tool: str, args: dict[str, object]
) -> None:
    assert _plan(text) == (tool, args)


@pytest.mark.parametrize(
    "text",
    [
        "cuanto cuesta cuadre al mes",
        "me dio una fractura en la mano",
        "cual es el valor nominal de las acciones",
        "el estadio estaba lleno",
    ],
)
def test_near_miss_words_choose_no_tool(text: str) -> None:
    assert match_intent(text, all_tools()) is None


def test_a_message_without_typos_is_compared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[str] = []
    rank = intents.rank_intents

    def counting(message: str, *args: Any, **kwargs: Any) -> list[intents.IntentMatch]:
        compared.append(message)
        return rank(message, *args, **kwargs)

    monkeypatch.setattr(intents, "rank_intents", counting)
    written = intents.match_intent("muéstrame el balance de prueba", all_tools())
    assert written is not None and written.tool == "trial_balance"
    assert compared == ["muéstrame el balance de prueba"]


def test_a_typo_beside_words_of_another_request_still_chooses_its_own() -> None:
    # As written, "estado de la" is as much a document's status as a sync's.
    assert _plan("estado de la sincornizacion 1") == ("sync_status", {"job_id": 1})
