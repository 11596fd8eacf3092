"""The scheduled payroll run against the stand-in payroll API, with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from huey import MemoryHuey
from sqlalchemy import Engine
from sqlmodel import select

from cuadre.jobs import register_tasks
from cuadre.settings import Settings, get_settings
from ledger.db import company_session
from ledger.models import Account, Contact, JournalEntry, JournalLine, PayrollRun
from tests.tools.payroll.conftest import mapped_company
from tools.payroll import schedule
from tools.payroll.schedule import post_due_payrolls

# 16 March 2025, 07:00 in Bogota (UTC-5): the 1–15 March period has closed.
MARCH_16 = datetime(2025, 3, 16, 12, 0, tzinfo=UTC)


def _lines(engine: Engine, company_id: int, entry_id: int) -> dict[str, tuple[Decimal, Decimal]]:
    """Debit and credit per account code of one entry (summed per code)."""
    out: dict[str, tuple[Decimal, Decimal]] = {}
    with company_session(engine, company_id) as session:
        for line in session.exec(select(JournalLine).where(JournalLine.entry_id == entry_id)):
            account = session.get(Account, line.account_id)
            assert account is not None
            debit, credit = out.get(account.code, (Decimal(0), Decimal(0)))
            out[account.code] = (debit + line.debit, credit + line.credit)
    return out


def test_the_16th_posts_the_closed_half_month_once(
    tool_engine: Engine, payroll_url: str, payroll_app: FastAPI, tmp_path: Path
) -> None:
    company_id = mapped_company(tool_engine, base_url=payroll_url)
    settings = Settings(data_dir=tmp_path)
    [run] = [
        r for r in post_due_payrolls(tool_engine, settings, MARCH_16) if r.company_id == company_id
    ]
    assert run.posted is not None, run.error
    assert run.posted.period_key == "2025-03-1"
    assert run.posted.total == Decimal("6157881.00")
    adjustment = _lines(tool_engine, company_id, run.posted.adjustment_entry_id)
    assert adjustment == {
        "510506": (Decimal("4200000"), Decimal(0)),
        "510515": (Decimal("300000"), Decimal(0)),
        "510569": (Decimal("538446"), Decimal(0)),
        "510572": (Decimal("172000"), Decimal(0)),
        "510536": (Decimal("537285"), Decimal(0)),
        "510530": (Decimal("410150"), Decimal(0)),
        "238030": (Decimal(0), Decimal("344000")),
        "237005": (Decimal(0), Decimal("538446")),
        "237010": (Decimal(0), Decimal("172000")),
        "261005": (Decimal(0), Decimal("947435")),
        "250505": (Decimal(0), Decimal("4156000")),
    }
    assert sum(d for d, _ in adjustment.values()) == sum(c for _, c in adjustment.values())
    assert run.posted.disbursement_entry_id is not None
    egreso = _lines(tool_engine, company_id, run.posted.disbursement_entry_id)
    assert egreso == {
        "250505": (Decimal("4156000"), Decimal(0)),
        "111005": (Decimal(0), Decimal("4156000")),
    }
    with company_session(tool_engine, company_id) as session:
        entry = session.get(JournalEntry, run.posted.adjustment_entry_id)
        paid = session.get(JournalEntry, run.posted.disbursement_entry_id)
        assert entry is not None and paid is not None
        assert (entry.date.isoformat(), paid.date.isoformat()) == ("2025-03-15", "2025-03-16")
        assert entry.source == "payroll"
        laura = session.exec(select(Contact).where(Contact.id_number == "1020304050")).one()
        assert laura.name == "LAURA GÓMEZ"
        salary_line = session.exec(
            select(JournalLine).where(
                JournalLine.entry_id == entry.id, JournalLine.debit == Decimal("4200000")
            )
        ).one()
        assert salary_line.cost_center_id is not None

    asked = payroll_app.state.requests
    again = [
        r for r in post_due_payrolls(tool_engine, settings, MARCH_16) if r.company_id == company_id
    ]
    assert again[0].posted is None and again[0].error == "ya contabilizado"
    assert payroll_app.state.requests == asked  # the posted period is not even fetched again
    with company_session(tool_engine, company_id) as session:
        assert len(session.exec(select(PayrollRun)).all()) == 1
        assert (
            len(session.exec(select(JournalEntry).where(JournalEntry.source == "payroll")).all())
            == 2
        )


def test_open_period_wrong_credentials_and_missing_mapping_post_nothing(
    tool_engine: Engine, payroll_url: str, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    april_1 = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)  # 16–31 March is still open upstream
    open_company = mapped_company(tool_engine, base_url=payroll_url)
    wrong = mapped_company(tool_engine, base_url=payroll_url, secret="otra-clave")
    runs = {r.company_id: r for r in post_due_payrolls(tool_engine, settings, april_1)}
    assert runs[open_company].posted is None and "no está cerrado" in runs[open_company].error
    with company_session(tool_engine, open_company) as session:
        from ledger.models import PayrollMapping

        session.delete(
            session.exec(select(PayrollMapping).where(PayrollMapping.concept == "overtime")).one()
        )
        session.commit()
    runs = {r.company_id: r for r in post_due_payrolls(tool_engine, settings, MARCH_16)}
    assert runs[wrong].posted is None and "credenciales" in runs[wrong].error
    assert runs[open_company].posted is None
    assert "Horas extras y recargos" in runs[open_company].error
    for company_id in (open_company, wrong):
        with company_session(tool_engine, company_id) as session:
            assert session.exec(select(PayrollRun)).first() is None


def test_credentials_sealed_under_another_deployment_key_are_reported_not_sent(
    tool_engine: Engine, payroll_url: str, tmp_path: Path
) -> None:
    company_id = mapped_company(tool_engine, base_url=payroll_url)
    other_key = Settings(data_dir=tmp_path, secret_key="otra-clave-de-despliegue")
    [run] = [
        r for r in post_due_payrolls(tool_engine, other_key, MARCH_16) if r.company_id == company_id
    ]
    assert run.posted is None and "CUADRE_SECRET_KEY cambió" in run.error


def test_huey_task_runs_on_the_1st_and_16th_with_a_frozen_clock(
    tool_engine: Engine, payroll_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    company_id = mapped_company(tool_engine, base_url=payroll_url)
    tasks = register_tasks(MemoryHuey("payroll-tests", immediate=True))
    task = tasks.post_payrolls
    schedule_of = task.s()
    assert schedule_of.validate_datetime(datetime(2025, 3, 16, 12, 0))
    assert schedule_of.validate_datetime(datetime(2025, 4, 1, 11, 0))
    assert not schedule_of.validate_datetime(datetime(2025, 3, 15, 12, 0))
    assert not schedule_of.validate_datetime(datetime(2025, 3, 16, 12, 30))
    monkeypatch.setenv("CUADRE_DATABASE_URL", str(tool_engine.url))
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(schedule, "utc_now", lambda: MARCH_16)
    get_settings.cache_clear()
    try:
        posted = task.call_local()
    finally:
        get_settings.cache_clear()
    assert posted >= 1
    with company_session(tool_engine, company_id) as session:
        [run] = session.exec(select(PayrollRun)).all()
        assert run.period_key == "2025-03-1"
