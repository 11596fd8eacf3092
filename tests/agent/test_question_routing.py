"""Questions go to the help, orders to the tools (the embedded planner's routing)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agent.planners import EmbeddedPlanner
from agent.planners.base import PlanRequest
from agent.planners.questions import asks_explanation, is_question, sounds_like_question
from tools.registry import all_tools

HELP = (
    {
        "doc_id": "sync-dian",
        "title": "Sincronización",
        "section": "Pagos automáticos",
        "snippet": "",
        "text": "Si el plazo de la factura supera los 60 días, nunca recibe pago automático.",
    },
)


def plan(text: str, company_id: int | None = 1, messages: tuple[Any, ...] = ()) -> Any:
    request = PlanRequest(
        messages=messages or ({"role": "user", "content": text},),
        tools=tuple(all_tools()),
        company_id=company_id,
        today=date(2025, 2, 15),
        search=lambda query, k, company: list(HELP),
    )
    return EmbeddedPlanner().plan(request)


@pytest.mark.parametrize(
    "text",
    [
        "tengo facturas a 120 dias de plazo y no quedaron pagadas, por que?",
        "xq no quedo costo de venta",
        "contingencia 04 q es",
        "para q me sirve el agente de gastos",
        "como desactivo el agente",
        # Whether something may be done: reading data does nothing.
        "puedo sacar notas debito con la dian caida?",
        "se pueden anular facturas en contingencia",
        # How long a rule allows, not how long is left.
        "cuantas horas tengo para transmitir las de contingencia",
    ],
)
def test_explanation_questions(text: str) -> None:
    assert asks_explanation(text)


@pytest.mark.parametrize(
    "text",
    [
        "como va la sincronizacion",
        "que paso con la factura FE-12",
        "balance de enero",
        "y de febrero?",
        "puedo ver el balance de enero?",
        "cuanto tiempo me queda para transmitir las de contingencia?",
    ],
)
def test_data_requests_are_no_explanation(text: str) -> None:
    assert not asks_explanation(text)


def test_question_shapes() -> None:
    assert is_question("puedo emitir todos los borradores?")
    assert sounds_like_question("registro 20 facturas, cuanto tiempo me ahorre")
    assert not sounds_like_question("balance de enero")


def test_a_why_question_is_answered_from_the_help_not_by_a_data_tool() -> None:
    result = plan("tengo facturas a 120 dias de plazo y no quedaron pagadas, por que?")
    assert not result.calls
    assert "nunca recibe pago automático" in result.reply
    assert result.citations[0]["doc_id"] == "sync-dian"


def test_a_data_request_still_calls_its_tool() -> None:
    result = plan("balance de enero de 2025")
    assert [c.tool for c in result.calls] == ["trial_balance"]


def test_asking_about_other_companies_is_not_asking_for_their_data() -> None:
    about = plan("mis paginas internas las ven otras empresas?")
    assert "Solo puedo ver" not in about.reply
    order = plan("muestrame las ventas de la otra empresa de mi socio")
    assert order.reply.startswith("Solo puedo ver")


def test_without_a_company_a_question_is_answered_from_the_help() -> None:
    user = {"role": "user", "content": "cuanto tiempo me ahorre con las facturas?"}
    call = {"role": "assistant", "content": "", "tool_calls": []}
    failed = {
        "role": "tool",
        "content": '{"error": {"code": "sin_empresa", "message": "Esta consulta necesita una '
        'empresa."}}',
    }
    result = plan("", company_id=None, messages=(user, call, failed))
    assert "nunca recibe pago automático" in result.reply
    assert result.reply.endswith("Esta consulta necesita una empresa.")
