"""A yes/no question about what a WRITE acts on reads the READ tool beside it
(agent.planners.siblings); how-to questions still go to the help."""

from __future__ import annotations

import pytest

from agent.intents import IntentMatch
from agent.planners.siblings import asks_about_data, read_sibling
from tests.agent.planning import planned_tool
from tools.registry import all_tools


def _tool(text: str) -> str | None:
    return planned_tool(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿quedan compras de proveedores por registrar?", True),
        ("¿cómo registro una compra?", False),
        ("¿por qué no se registró la compra?", False),
        ("registra la compra", False),
    ],
)
def test_a_question_about_data_is_asked_by_its_mark_only(text: str, expected: bool) -> None:
    assert asks_about_data(text) is expected


def test_the_refused_registering_gives_way_to_the_inbox_list() -> None:
    refused = IntentMatch("register_purchase", 0.7, "")
    text = "¿quedan facturas de proveedores por registrar?"
    found = read_sibling(text, text, refused, all_tools())
    assert found is not None and found.tool == "inbox_list"


def test_a_read_match_is_never_replaced() -> None:
    refused = IntentMatch("inbox_list", 0.5, "")
    assert read_sibling("¿hay facturas?", "¿hay facturas?", refused, all_tools()) is None


def test_how_to_register_still_asks_the_help() -> None:
    assert _tool("¿cómo registro una factura de compra?") != "inbox_list"
