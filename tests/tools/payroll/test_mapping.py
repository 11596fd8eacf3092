"""Mapping payroll concepts to leaf accounts, and the check before posting dates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from ledger.db import company_session
from tests.utils.companies import new_company
from tools.errors import ToolError
from tools.payroll.mapping import check_report, mapping_problems, set_mapping
from tools.payroll.periods import Period, last_closed_period, next_posting_date


def test_missing_and_non_leaf_accounts_are_refused_naming_the_concept(
    tool_engine: Engine,
) -> None:
    company_id = new_company(tool_engine)
    with company_session(tool_engine, company_id) as session:
        with pytest.raises(ToolError) as missing:
            set_mapping(session, company_id, "salaries", "51050699")
        assert "Salarios y auxilio de transporte" in missing.value.message_es
        assert "51050699" in missing.value.message_es
        with pytest.raises(ToolError) as parent:
            set_mapping(session, company_id, "overtime", "5105")
        assert parent.value.code == "cuenta_no_auxiliar"
        assert "Horas extras y recargos" in parent.value.message_es
        with pytest.raises(ToolError) as center:
            set_mapping(session, company_id, "overtime", "510515", "NOEXISTE")
        assert "NOEXISTE" in center.value.message_es
        with pytest.raises(ToolError) as unknown:
            set_mapping(session, company_id, "bonos", "510515")
        assert unknown.value.code == "concepto_no_existe"
        row = set_mapping(session, company_id, "overtime", "510515")
        assert row.concept == "overtime"


def test_check_warns_before_the_next_posting_date(tool_engine: Engine) -> None:
    company_id = new_company(tool_engine)
    with company_session(tool_engine, company_id) as session:
        set_mapping(session, company_id, "salaries", "510506")
        warnings = check_report(session, date(2025, 3, 12))
    assert all(w.startswith("Antes del 16/03/2025") for w in warnings[:-1])
    assert not any("Salarios y auxilio" in w for w in warnings)
    assert any("Horas extras y recargos" in w and "510515" in w for w in warnings)
    assert warnings[-1].startswith("No hay una fuente de nómina")


def test_complete_mapping_has_no_problems(tool_engine: Engine) -> None:
    from tools.payroll.concepts import CONCEPTS

    company_id = new_company(tool_engine)
    with company_session(tool_engine, company_id) as session:
        for item in CONCEPTS:
            set_mapping(session, company_id, item.code, item.suggested)
        assert mapping_problems(session) == []


def test_periods_are_half_months_posted_the_next_day() -> None:
    assert last_closed_period(date(2025, 3, 16)) == Period(date(2025, 3, 1), date(2025, 3, 15))
    assert last_closed_period(date(2025, 3, 1)) == Period(date(2025, 2, 16), date(2025, 2, 28))
    assert last_closed_period(date(2024, 3, 1)).end == date(2024, 2, 29)
    assert Period(date(2025, 2, 16), date(2025, 2, 28)).key == "2025-02-2"
    assert next_posting_date(date(2025, 3, 20)) == date(2025, 4, 1)
    assert next_posting_date(date(2025, 12, 20)) == date(2026, 1, 1)
    assert next_posting_date(date(2025, 3, 2)) == date(2025, 3, 16)


def test_cli_map_and_check(tool_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from cuadre.cli.main import app
    from ledger.db import admin_session
    from ledger.models import Company

    company_id = new_company(tool_engine)
    with admin_session(tool_engine) as session:
        company = session.get(Company, company_id)
        assert company is not None
        nit = company.nit
    url = str(tool_engine.url)
    monkeypatch.setenv("CUADRE_DATABASE_URL", url)
    from cuadre.settings import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    try:
        bad = runner.invoke(app, ["payroll", "map", "salaries", "5105", "--company-nit", nit])
        assert bad.exit_code != 0
        assert "Salarios y auxilio de transporte" in bad.output
        good = runner.invoke(app, ["payroll", "map", "salaries", "510506", "--company-nit", nit])
        assert good.exit_code == 0, good.output
        check = runner.invoke(
            app, ["payroll", "check", "--today", "2025-03-14", "--company-nit", nit]
        )
        assert check.exit_code == 1
        assert "16/03/2025" in check.output and "Horas extras" in check.output
    finally:
        get_settings.cache_clear()
