"""A request read by the account code or document kind it names when its words match
no tool's examples (agent.planners.evidence), on the real registry."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agent.binding import named_terms
from agent.intents import match_intent
from agent.planners.base import Plan
from agent.planners.evidence import match_by_evidence
from agent.slots import extract_slots
from tests.agent.planning import plan_message
from tools.registry import all_tools, get_tool

TODAY = date(2025, 2, 15)


def _plan(text: str) -> Plan:
    return plan_message(text)


def _call(plan: Plan) -> tuple[str, dict[str, Any]] | None:
    return (plan.calls[0].tool, plan.calls[0].args) if plan.calls else None


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("y la 130505 qué", {"account_code": "130505"}),
        (
            "revisemos la 519530 de marzo",
            {"account_code": "519530", "start": "2024-03-01", "end": "2024-03-31"},
        ),
        ("qué hubo con la cuenta 233595?", {"account_code": "233595"}),
    ],
)
def test_an_account_code_alone_asks_for_its_ledger(text: str, args: dict[str, Any]) -> None:
    assert _call(_plan(text)) == ("account_ledger", args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("hay notas de debito?", {"kind": "debit_note"}),
        (
            "los documentos soporte de diciembre",
            {"kind": "support_document", "start": "2024-12-01", "end": "2024-12-31"},
        ),
    ],
)
def test_a_document_kind_alone_lists_those_documents(text: str, args: dict[str, Any]) -> None:
    call = _call(_plan(text))
    assert call is not None and call[0] == "list_documents"
    assert {name: call[1].get(name) for name in args} == args


def test_a_match_that_uses_the_values_is_kept() -> None:
    text = "estado de la FE 40"
    slots = extract_slots(text, today=TODAY)
    match = match_intent(slots.rest or text, all_tools())
    kept = match_by_evidence(slots.rest or text, text, slots, all_tools(), match)
    assert match is not None and kept is match


def test_only_terms_of_several_words_are_evidence() -> None:
    model = get_tool("list_documents").input_model
    assert named_terms(model, "tengo notas debito?") == {"kind": "debit_note"}
    assert named_terms(model, "cuanto vendi en ventas pendientes") == {}


def test_naming_an_account_never_orders_a_write() -> None:
    assert _call(_plan("la 110505")) in (None, ("account_ledger", {"account_code": "110505"}))
