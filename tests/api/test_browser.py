"""The side panel in Debian's Chromium (Playwright): log in, a streamed cited answer,
a DIAN file dropped into the chat, a preview confirmed, the trial balance updated.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from tests.api.conftest import PASSWORD, Tenant
from tests.api.live import ARTIFACTS, CHROMIUM, needs_chromium, serve

INVOICE = Path(__file__).resolve().parents[1] / "fixtures" / "dian" / "invoice_signed_dian_v2.xml"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def live_url(app: FastAPI) -> Iterator[str]:
    with serve(app) as url:
        yield url


def test_panel_login_stream_drop_and_balance(live_url: str, tenants: tuple[Tenant, Tenant]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    ana, _ = tenants
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(live_url + "/")
        page.fill("#email", ana.email)
        page.fill("#password", "equivocada")
        page.click("#login-button")
        sync_api.expect(page.locator("#login-error")).to_contain_text("incorrectos")
        page.fill("#password", PASSWORD)
        page.click("#login-button")
        sync_api.expect(page.locator("#panel")).to_be_visible()
        sync_api.expect(page.locator("#balance-table tbody tr").first).to_be_visible()
        sync_api.expect(page.locator("#balance-summary")).to_contain_text("$")
        page.screenshot(path=str(ARTIFACTS / "panel-1-login.png"))

        page.fill("#chat-input", "xq mis compras de la dian no me movieron el inventario??")
        page.click("#send")
        answer = page.locator(".msg.assistant").last
        sync_api.expect(answer).to_contain_text("inventario", timeout=60_000)
        citation = answer.locator("a.citation").first
        sync_api.expect(citation).to_have_attribute("href", re.compile(r"^/help/"))
        page.screenshot(path=str(ARTIFACTS / "panel-2-answer.png"))
        help_page = browser.new_page()
        help_page.goto(live_url + (citation.get_attribute("href") or ""))
        assert help_page.locator("h1").count() == 1
        help_page.close()

        # A real drop event on the drop zone, carrying the file in its DataTransfer.
        transfer = page.evaluate_handle(
            """(b64) => {
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], "factura_proveedor.xml", { type: "text/xml" }));
                return dt;
            }""",
            base64.b64encode(INVOICE.read_bytes()).decode(),
        )
        page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
        sync_api.expect(page.locator("#attachments")).to_contain_text("1 documento", timeout=30_000)
        reply = page.locator(".msg.assistant").last
        sync_api.expect(reply).not_to_have_class(re.compile("streaming"), timeout=60_000)
        sync_api.expect(reply).to_contain_text("Documentos encontrados: 1")
        page.screenshot(path=str(ARTIFACTS / "panel-3-dian-file.png"), full_page=True)

        page.fill(
            "#chat-input",
            "registra un asiento el 31/03/2025 por papelería: débito 519530 por 20.000 "
            "y crédito 110505 por 20.000",
        )
        page.click("#send")
        card = page.locator(".preview").last
        sync_api.expect(card.locator("button.approve")).to_be_visible(timeout=60_000)
        sync_api.expect(page.locator(".msg.assistant").last.locator("table")).to_contain_text(
            "519530"
        )
        page.screenshot(path=str(ARTIFACTS / "panel-4-preview.png"))
        card.locator("button.approve").click()
        sync_api.expect(page.locator("#balance-table")).to_contain_text(
            "$ 170.000,00", timeout=60_000
        )

        page.fill("#chat-input", "balance de prueba de marzo de 2025")
        page.click("#send")
        sync_api.expect(page.locator(".msg.assistant").last).to_contain_text(
            "$ 170.000,00", timeout=60_000
        )
        page.screenshot(path=str(ARTIFACTS / "panel-5-balance.png"))
        rendered = page.evaluate("CuadreMarkdown.render('<img src=x onerror=alert(1)> **ok**')")
        assert (
            "<img" not in rendered and "&lt;img" in rendered and "<strong>ok</strong>" in rendered
        )
        browser.close()
