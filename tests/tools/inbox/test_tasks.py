"""The agent's Huey tasks: when they run, and one pass from the settings' database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from huey import MemoryHuey
from sqlmodel import select

from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.models import DailySummary
from tests.tools.inbox.conftest import NOW, write_xml
from tests.tools.sync.docs import OURS, spec
from tools.inbox.agent import activate
from tools.inbox.intake import receive_files
from tools.inbox.tasks import agent_pass, daily_summaries, register_inbox_tasks


def test_the_tick_runs_every_minute_the_portal_every_15_and_the_summary_at_midnight() -> None:
    huey = MemoryHuey("inbox-test")
    register_inbox_tasks(huey)
    at = datetime(2024, 3, 17, 5, 0)  # huey compares naive UTC: 00:00 in Bogotá
    assert sorted(t.name for t in huey.read_periodic(at)) == [
        "expense_agent_summary",
        "expense_agent_tick",
        "inbox_portal_poll",
    ]
    quarter = at + timedelta(hours=1, minutes=15)
    assert sorted(t.name for t in huey.read_periodic(quarter)) == [
        "expense_agent_tick",
        "inbox_portal_poll",
    ]
    later = at + timedelta(hours=1, minutes=1)
    assert [t.name for t in huey.read_periodic(later)] == ["expense_agent_tick"]


def test_one_pass_and_the_summary_from_the_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    with admin_session(engine) as admin:
        company = create_company(
            admin, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name, ciiu_codes=("4752",)
        )
    with company_session(engine, company.id or 0) as session:
        activate(session, user_name="Ana", now=NOW)
        receive_files(session, [write_xml(tmp_path, spec())], now=NOW + timedelta(minutes=1))
    assert agent_pass(settings, NOW + timedelta(minutes=2)) == {
        "registradas": ["FE1001"],
        "por_revisar": [],
    }
    assert daily_summaries(settings, datetime(2024, 3, 17, 5, 0, tzinfo=UTC)) == 1
    with company_session(engine, company.id or 0) as session:
        [summary] = session.exec(select(DailySummary)).all()
        assert (summary.registered, summary.minutes_saved) == (1, 3)
    engine.dispose()
