"""The DIAN portal polled periodically into every company's inbox (the portal stand-in)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import InboxEntry, PortalSource
from tests.tools.sync.docs import OURS
from tools.errors import ToolError
from tools.inbox.polling import masked_link, poll_all, save_portal_link
from tools.inbox.tasks import portal_poll
from tools.sync.generate import plan_year
from tools.sync.portal_standin import StandIn, run_standin
from tools.sync.ubl_writer import GenParty

COMPANY = GenParty(OURS.nit, OURS.dv, OURS.name)
# Noon in Bogotá on 31/03/2024: the last 7 days (Bogotá calendar) are polled.
NOW = datetime(2024, 3, 31, 17, 0, tzinfo=UTC)


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", dian_portal_allowed_hosts=("127.0.0.1",))


def _received(state: StandIn, days: int) -> set[str]:
    end = NOW.date()
    return {
        d.number
        for d in state.documents
        if state.group_of(d) == "received" and end - timedelta(days=days) <= d.issue_date <= end
    }


def test_every_company_with_a_link_is_polled_once_per_document(
    engine: Engine, company_id: int, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = StandIn(COMPANY, plan_year(COMPANY, 2024, 120))
    settings = _settings(tmp_path)
    expected = _received(state, 30)
    assert expected
    caplog.set_level(logging.DEBUG)
    with run_standin(state) as base:
        link = state.new_link(base)
        with company_session(engine, company_id) as session:
            save_portal_link(
                session, link, settings, now=NOW - timedelta(minutes=5), lookback_days=30
            )
        [first] = poll_all(engine, settings, now=NOW)
        [again] = poll_all(engine, settings, now=NOW + timedelta(minutes=15))
    assert first.error == "" and again.error == ""
    with company_session(engine, company_id) as session:
        entries = session.exec(select(InboxEntry)).all()
        source = session.exec(select(PortalSource)).one()
    assert {e.number for e in entries} == expected and {e.source for e in entries} == {"portal"}
    assert first.added == len(entries) and again.added == 0 and again.duplicates >= len(entries)
    assert source.last_added == 0 and source.last_error == ""
    token = link.split("token=")[1]
    assert token not in caplog.text and token not in repr(source)
    assert token not in source.link  # sealed at rest
    assert token not in masked_link(link) and masked_link(link).endswith("/User/AuthToken?…")


def test_an_expired_link_is_not_tried_and_says_what_to_do(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    state = StandIn(COMPANY, plan_year(COMPANY, 2024, 10))
    settings = _settings(tmp_path)
    with run_standin(state) as base:
        with company_session(engine, company_id) as session:
            save_portal_link(session, state.new_link(base), settings, now=NOW - timedelta(hours=2))
        asked_before = state.requests
        [result] = poll_all(engine, settings, now=NOW)
        assert state.requests == asked_before  # nothing sent with a dead token
    assert "venció" in result.error and result.added == 0
    with company_session(engine, company_id) as session:
        assert "pide uno nuevo" in session.exec(select(PortalSource)).one().last_error
        assert session.exec(select(InboxEntry)).all() == []


def test_the_portal_refusing_the_token_is_recorded_not_raised(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    state = StandIn(COMPANY, plan_year(COMPANY, 2024, 10), mode="expired")
    settings = _settings(tmp_path)
    with run_standin(state) as base:
        with company_session(engine, company_id) as session:
            save_portal_link(session, state.new_link(base), settings, now=NOW)
        [result] = poll_all(engine, settings, now=NOW)
    assert "ya no es válido" in result.error


def test_a_link_that_is_not_the_dians_is_refused(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    with company_session(engine, company_id) as session, pytest.raises(ToolError) as error:
        save_portal_link(
            session, "https://evil.example/User/AuthToken?token=x", _settings(tmp_path), now=NOW
        )
        assert session.exec(select(PortalSource)).all() == []
    assert error.value.code == "enlace_no_dian"


def test_the_task_polls_from_the_settings_database(tmp_path: Path) -> None:
    from ledger.companies import create_company
    from ledger.db import admin_session, init_db, make_engine

    settings = Settings(data_dir=tmp_path / "data", dian_portal_allowed_hosts=("127.0.0.1",))
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    with admin_session(engine) as admin:
        company = create_company(admin, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
    state = StandIn(COMPANY, plan_year(COMPANY, 2024, 60))
    with run_standin(state) as base:
        with company_session(engine, company.id or 0) as session:
            save_portal_link(session, state.new_link(base), settings, now=NOW, lookback_days=30)
        totals = portal_poll(settings, NOW + timedelta(minutes=1))
    assert totals == {"empresas": 1, "nuevas": len(_received(state, 30)), "con_error": 0}
    engine.dispose()
