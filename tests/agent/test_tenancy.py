"""Requests for another company's data are told apart from requests for the caller's own."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agent.planners import EmbeddedPlanner
from agent.planners.base import PlanRequest
from agent.tenancy import asks_for_other_company
from tools.registry import all_tools

OWN_NAME, OWN_NIT = "TALLER LA 14 SAS", "900373115"


def plan(text: str) -> Any:
    request = PlanRequest(
        messages=({"role": "user", "content": text},),
        tools=tuple(all_tools()),
        company_id=1,
        today=date(2025, 2, 15),
        company_name=OWN_NAME,
        company_nit=OWN_NIT,
        search=lambda query, k, company: [],
    )
    return EmbeddedPlanner().plan(request)


@pytest.mark.parametrize(
    "text",
    [
        "necesito el estado de resultados de mi otra compañía",
        "muestrame los documentos de la otra sociedad",
        "pasame el auxiliar de la 110505 de la empresa con nit 860.001.022",
        "cámbiate a la droguería y dame el balance",
        "cambia de empresa y muestrame el balance",
        "dame el balance de enero de DROGUERIA LA ECONOMIA",
    ],
)
def test_another_company_is_refused_without_calling_tools(text: str) -> None:
    result = plan(text)
    assert not result.calls
    assert result.reply.startswith("Solo puedo ver")


@pytest.mark.parametrize(
    "text",
    [
        "muestrame el auxiliar de la 110505 de la empresa con nit 900373115",
        "dame el balance de enero del taller",
        "balance de enero de 2025",
    ],
)
def test_the_callers_own_company_is_answered(text: str) -> None:
    result = plan(text)
    assert result.calls
    assert not result.reply.startswith("Solo puedo ver")


def test_a_business_beside_a_party_or_account_field_is_whose_not_whose_books() -> None:
    text = "sugiere la cuenta para tornillos de DISTRIBUIDORA ANDINA SAS"
    assert not asks_for_other_company(text, own_name=OWN_NAME, own_nit=OWN_NIT)
    text = "movimientos de la 143505 de la ferreteria"
    assert not asks_for_other_company(text, own_name=OWN_NAME, own_nit=OWN_NIT)
    assert asks_for_other_company(text, own_name=OWN_NAME, own_nit=OWN_NIT, company_wide=True)
