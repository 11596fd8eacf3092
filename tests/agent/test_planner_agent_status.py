"""Questions about the expense agent's state read its status; they never switch it."""

from __future__ import annotations

import pytest

from tests.agent.planning import planned_tool


def _tool(text: str) -> str | None:
    return planned_tool(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿sigue activo el agente de gastos?",
        "cuáles facturas no alcanzó a registrar el agente hoy",
    ],
)
def test_a_question_about_the_agent_reads_its_status(text: str) -> None:
    assert _tool(text) == "expense_agent_status"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("pausa el agente de gastos", "expense_agent_pause"),
        ("activa el agente", "expense_agent_activate"),
    ],
)
def test_orders_still_switch_it(text: str, tool: str) -> None:
    assert _tool(text) == tool
