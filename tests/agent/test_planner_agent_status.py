"""Questions about the expense agent's state read its status; they never switch it."""

from __future__ import annotations

from datetime import date

import pytest

import tools.catalog  # noqa: F401  (registers every tool)
from agent.planners.base import PlanRequest
from agent.planners.embedded import EmbeddedPlanner
from tools.registry import all_tools


def _tool(text: str) -> str | None:
    request = PlanRequest(
        messages=({"role": "user", "content": text},),
        tools=all_tools(),
        company_id=1,
        today=date(2025, 2, 15),
    )
    plan = EmbeddedPlanner().plan(request)
    return plan.calls[0].tool if plan.calls else None


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
