"""The caller's own company, read from the principal's scope only."""

from __future__ import annotations

from dataclasses import replace

from tools.company import own_company
from tools.context import Principal, ToolContext


def test_the_callers_company_by_name_and_nit(ctx: ToolContext) -> None:
    name, nit = own_company(ctx)
    assert name == "FERRETERÍA DE PRUEBA SAS"
    assert nit.isdigit()


def test_without_a_company_there_is_none(ctx: ToolContext) -> None:
    assert own_company(replace(ctx, principal=Principal(company_id=None))) == ("", "")
