"""Stored daily summaries by company and dates, and the status tool naming yesterday's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

import tools.catalog  # noqa: F401  (registers every tool)
from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session, company_session
from tests.fixtures.dian.build import LineSpec
from tests.tools.inbox.conftest import NOW, write_xml
from tests.tools.sync.docs import spec
from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.inbox.agent import activate, process_all, summarize_all
from tools.inbox.intake import receive_files
from tools.inbox.summaries import stored_summaries
from tools.registry import run_tool

D = Decimal
MINUTE = timedelta(minutes=1)
# 00:00 in Bogotá on 17/03/2024 and on 18/03/2024 (05:00 UTC).
MIDNIGHT_17 = datetime(2024, 3, 17, 5, 0, tzinfo=UTC)
MIDNIGHT_18 = MIDNIGHT_17 + timedelta(days=1)


def _day_with_work(engine: Engine, company_id: int, tmp_path: Path) -> None:
    with company_session(engine, company_id) as session:
        activate(session, user_name="Ana", now=NOW)
        doubtful = [LineSpec("Concepto varios según acuerdo", D("1"), D("50000"), code="X-9")]
        receive_files(session, [write_xml(tmp_path, spec(number="FE30"))], now=NOW + MINUTE)
        receive_files(
            session, [write_xml(tmp_path, spec(number="FE31", lines=doubtful))], now=NOW + MINUTE
        )
    process_all(engine, now=NOW + 2 * MINUTE)


def test_summaries_of_one_company_between_two_dates(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    _day_with_work(engine, company_id, tmp_path)
    with admin_session(engine) as admin:
        other = create_company(admin, nit="900123456-8", name="OTRA SAS", ciiu_codes=("4711",))
    with company_session(engine, other.id or 0) as session:
        activate(session, user_name="Beto", now=NOW)
    summarize_all(engine, now=MIDNIGHT_17)
    summarize_all(engine, now=MIDNIGHT_18)

    both = stored_summaries(engine, company_id, date(2024, 3, 1), date(2024, 3, 31))
    assert [(s.day, s.registered, s.minutes_saved, s.not_registered) for s in both] == [
        (date(2024, 3, 16), 1, 3, 1),
        (date(2024, 3, 17), 0, 0, 0),
    ]
    assert both[0].reasons[0]["numero"] == "FE31"
    assert (
        both[0].text_es == "16/03/2024: 1 facturas registradas, 3 min ahorrados, 1 sin registrar."
    )
    assert both[0].as_dict()["day"] == "2024-03-16" and both[0].company_id == company_id
    only = stored_summaries(engine, company_id, date(2024, 3, 17), date(2024, 3, 17))
    assert [s.day for s in only] == [date(2024, 3, 17)]
    theirs = stored_summaries(engine, other.id or 0, date(2024, 3, 1), date(2024, 3, 31))
    assert {s.company_id for s in theirs} == {other.id} and len(theirs) == 2
    with pytest.raises(ToolError, match="anterior a la inicial"):
        stored_summaries(engine, company_id, date(2024, 3, 31), date(2024, 3, 1))
    with pytest.raises(ToolError, match="como máximo"):
        stored_summaries(engine, company_id, date(2023, 1, 1), date(2024, 3, 31))


def test_the_status_tool_mentions_yesterdays_summary(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    _day_with_work(engine, company_id, tmp_path)
    ctx = ToolContext(
        principal=Principal(company_id=company_id, user_name="Ana"),
        engine=engine,
        settings=Settings(data_dir=tmp_path / "data"),
    )
    before = run_tool(ctx, "expense_agent_status", {"day": "2024-03-17"})
    assert before.yesterday is None  # type: ignore[attr-defined]
    assert "resumen de ayer (16/03/2024) no está guardado" in before.text  # type: ignore[attr-defined]
    summarize_all(engine, now=MIDNIGHT_17)
    after = run_tool(ctx, "expense_agent_status", {"day": "2024-03-17"})
    assert after.yesterday["registered"] == 1  # type: ignore[attr-defined]
    assert "Resumen de ayer 16/03/2024: 1 facturas registradas" in after.text  # type: ignore[attr-defined]


def test_left_for_a_person_reads_the_stored_spanish_rows() -> None:
    from tools.inbox.summaries import unregistered_of

    rows = [
        {"numero": "FE31", "motivos": ["Línea 2 con poca confianza", "Sin ítem"]},
        {"numero": "FE32", "motivos": "Rechazada por la DIAN"},
        {"numero": "FE33"},
    ]
    assert [(u.number, u.reasons) for u in unregistered_of(rows)] == [
        ("FE31", ["Línea 2 con poca confianza", "Sin ítem"]),
        ("FE32", ["Rechazada por la DIAN"]),
        ("FE33", []),
    ]
