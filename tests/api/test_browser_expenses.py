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

from api.auth.users import create_user
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import DailySummary, InboxEntry
from tests.api.conftest import PASSWORD
from tests.api.live import chromium, login, needs_chromium, serve, shot
from tests.tools.sync.docs import read, spec
from tests.utils.companies import new_company
from tools.inbox.agent import ACTOR, BOGOTA
from tools.sync import codec

pytestmark = needs_chromium
EMAIL = "diego@ferreteria-centro.co"


def _entry(company_id: int, number: str, status: str, now: datetime, **extra: object) -> InboxEntry:
    """An inbox row as the intake writes it, the parsed purchase invoice included."""
    doc = read(spec(number=number))
    return InboxEntry(
        company_id=company_id,
        cufe=doc.cufe or number,
        number=number,
        supplier_nit=doc.issuer.nit,
        supplier_name=doc.issuer.name,
        issue_date=doc.issue_date,
        source="upload",
        received_at=now,
        status=status,
        payload=codec.dumps(doc),
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def agent_day(api_env: tuple[Settings, Engine]) -> str:
    """Diego's inbox today: two invoices the agent registered, one it could not, one
    waiting; and yesterday's stored summary. Returns his e-mail."""
    _settings, engine = api_env
    company_id = new_company(engine, name="FERRETERÍA DEL CENTRO SAS")
    create_user(engine, email=EMAIL, name="Diego Mora", password=PASSWORD, company_id=company_id)
    now = datetime.now(UTC)
    done = {"processed_by": ACTOR, "processed_at": now}
    why = json.dumps(["El proveedor no tiene cuenta de gasto sugerida."], ensure_ascii=False)
    yesterday = now.astimezone(BOGOTA).date() - timedelta(days=1)
    with company_session(engine, company_id) as session:
        session.add_all(
            [
                _entry(company_id, "FE2001", "registered", now, **done),
                _entry(company_id, "FE2002", "registered", now, **done),
                _entry(company_id, "FE2003", "needs_review", now, reasons=why, **done),
                _entry(company_id, "FE2004", "pending", now),
                DailySummary(
                    company_id=company_id,
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
    return EMAIL


@pytest.fixture(scope="module")
def live_url(app: FastAPI, agent_day: str) -> Iterator[str]:
    with serve(app) as url:
        yield url


def test_status_card_activate_pause_and_daily_summary(live_url: str, agent_day: str) -> None:
    with chromium() as (browser, sync_api):
        expect = sync_api.expect
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        login(page, sync_api, live_url, agent_day, PASSWORD)

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
        expect(card.locator("#agent-reasons")).to_contain_text("DISTRIBUIDORA ANDINA")
        expect(page.get_by_role("button", name="Pausar")).to_be_disabled()
        summaries = page.locator("#agent-summaries")
        expect(summaries).to_contain_text("5 registrada(s), 1 sin registrar, 15 min ahorrados")
        expect(summaries).to_contain_text("Falta la fecha de vencimiento.")
        shot(page, "agent-1-paused")

        page.get_by_role("button", name="Activar").click()
        expect(page.locator("#agent-state")).to_have_text("Activo")
        expect(page.locator("#agent-note")).to_contain_text("Hola, Diego")
        pause = page.get_by_role("button", name="Pausar")
        expect(pause).to_be_focused()
        shot(page, "agent-2-active")

        page.keyboard.press("Enter")  # focus moved to Pausar: the keyboard alone pauses
        expect(page.locator("#agent-state")).to_have_text("En pausa")
        expect(page.get_by_role("button", name="Activar")).to_be_enabled()
        shot(page, "agent-3-paused-again")
