"""The embedded planner on the real registry: a chart lookup searches the chart, a question
about where a purchase goes asks for a suggestion with the item as its description."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agent.planners.accounts import lookup_search
from agent.planners.base import Plan
from tests.agent.planning import plan_message

TODAY = date(2025, 2, 15)


def _plan(text: str, company_id: int | None = 1) -> Plan:
    return plan_message(text, company_id=company_id)


def _call(plan: Plan) -> tuple[str, dict[str, Any]] | None:
    return (plan.calls[0].tool, plan.calls[0].args) if plan.calls else None


@pytest.mark.parametrize(
    ("text", "search"),
    [
        ("¿cuál es la cuenta de caja menor?", "110510"),  # "Cajas menores"
        ("qué cuentas hay de impuestos", "impuestos"),
        ("cuenta de gastos bancarios?", "gastos bancarios"),
        ("búscame las cuentas de anticipos", "anticipos"),
        ("en qué cuenta registro los honorarios", "honorarios"),
        ("que cuenta uso para la nomina por pagar", "250505"),
    ],
)
def test_a_lookup_searches_the_chart(text: str, search: str) -> None:
    assert _call(_plan(text)) == ("list_accounts", {"search": search})


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("¿en qué cuenta registro la compra de clavos para la venta?", "clavos para la venta"),
        ("dónde va la factura del agua", "agua"),
        ("sugiéreme la cuenta para una factura de papelería", "papeleria"),
        ("el pago del celular en q cuenta lo meto", "celular"),
    ],
)
def test_a_placement_asks_for_a_suggestion(text: str, description: str) -> None:
    assert _call(_plan(text)) == ("suggest_accounts", {"description": description})


def test_an_amount_said_goes_with_the_suggestion() -> None:
    call = _call(_plan("en qué cuenta va la compra de un computador de 4.000.000"))
    assert call == ("suggest_accounts", {"description": "computador", "amount": "4000000.00"})


def test_without_a_company_the_help_answers() -> None:
    assert _call(_plan("dónde va la factura del agua", company_id=None)) is None


def test_reports_and_corrections_keep_their_tools() -> None:
    assert _call(_plan("movimientos de la cuenta de caja de enero"))[0] != "list_accounts"  # type: ignore[index]
    assert _call(_plan("la linea 1 de la FE2001 va a la 519525"))[0] == "correct_purchase"  # type: ignore[index]


def test_lookup_search_prefers_the_code_for_other_words() -> None:
    assert lookup_search("inventario") == "14"  # "Inventarios"
    assert lookup_search("proveedores") == "proveedores"
