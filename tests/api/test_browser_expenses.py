"""The expenses agent in the panel (Chromium): the status card with today's figures and
the reasons a document waits for a person, Activar / Pausar by mouse and keyboard, and
the daily summaries. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import DailySummary, InboxEntry
from tests.api.conftest import PASSWORD, Tenant
from tests.api.live import chromium, login, needs_chromium, serve, shot
from tools.inbox.agent import ACTOR, BOGOTA

pytestmark = needs_chromium


def _entry(company_id: int, number: str, status: str, now: datetime, **extra: object) -> InboxEntry:
    return InboxEntry(
        company_id=company_id,
        cufe=f"cufe-{number}",
        number=number,
        supplier_nit="900390126",
        supplier_name="DISTRIBUIDORA ANDINA S.A.S.",
        source="upload",
        received_at=now,
        status=status,
        payload="{}",
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def agent_day(api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]) -> Tenant:
    """Ana's inbox today: two invoices the agent registered, one it could not, one
    waiting; and yesterday's stored summary."""
    _settings, engine = api_env
    ana, _ = tenants
    now = datetime.now(UTC)
    done = {"processed_by": ACTOR, "processed_at": now}
    why = json.dumps(["El proveedor no tiene cuenta de gasto sugerida."], ensure_ascii=False)
    yesterday = now.astimezone(BOGOTA).date() - timedelta(days=1)
    with company_session(engine, ana.company_id) as session:
        session.add_all(
            [
                _entry(ana.company_id, "FE2001", "registered", now, **done),
                _entry(ana.company_id, "FE2002", "registered", now, **done),
                _entry(ana.company_id, "FE2003", "needs_review", now, reasons=why, **done),
                _entry(ana.company_id, "FE2004", "pending", now),
                DailySummary(
                    company_id=ana.company_id,
                    day=yesterday,
                    registered=5,
                    not_registered=1,
                    minutes_saved=15,
                    reasons=json.dumps(
                        [{"numero": "FE1990", "motivos": ["Falta la fecha de vencimiento."]}],
                        ensure_ascii=False,
                    ),
                ),
            ]
        )
        session.commit()
    return ana


@pytest.fixture(scope="module")
def live_url(app: FastAPI, agent_day: Tenant) -> Iterator[str]:
    with serve(app) as url:
        yield url


def test_status_card_activate_pause_and_daily_summary(live_url: str, agent_day: Tenant) -> None:
    with chromium() as (browser, sync_api):
        expect = sync_api.expect
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        login(page, sync_api, live_url, agent_day.email, PASSWORD)

        # Keyboard: from the Chat tab, End jumps to the last tab.
        page.get_by_role("tab", name="Chat").focus()
        page.keyboard.press("End")
        tab = page.get_by_role("tab", name="Agente de gastos")
        expect(tab).to_be_focused()
        expect(tab).to_have_attribute("aria-selected", "true")

        card = page.locator("#agent-card")
        expect(page.locator("#agent-state")).to_have_text("En pausa")
        expect(page.locator("#agent-registered")).to_have_text("2")
        expect(page.locator("#agent-saved")).to_have_text("6 min")
        expect(page.locator("#agent-pending")).to_have_text("1")
        expect(page.locator("#agent-review")).to_have_text("1")
        expect(card.locator("#agent-reasons")).to_contain_text("FE2003")
        expect(card.locator("#agent-reasons")).to_contain_text("cuenta de gasto sugerida")
        expect(page.get_by_role("button", name="Pausar")).to_be_disabled()
        summaries = page.locator("#agent-summaries")
        expect(summaries).to_contain_text("5 registrada(s), 1 sin registrar, 15 min ahorrados")
        expect(summaries).to_contain_text("Falta la fecha de vencimiento.")
        shot(page, "agent-1-paused")

        page.get_by_role("button", name="Activar").click()
        expect(page.locator("#agent-state")).to_have_text("Activo")
        expect(page.locator("#agent-note")).to_contain_text("Hola")
        pause = page.get_by_role("button", name="Pausar")
        expect(pause).to_be_focused()
        shot(page, "agent-2-active")

        page.keyboard.press("Enter")  # focus moved to Pausar: the keyboard alone pauses
        expect(page.locator("#agent-state")).to_have_text("En pausa")
        expect(page.get_by_role("button", name="Activar")).to_be_enabled()
        shot(page, "agent-3-paused-again")
