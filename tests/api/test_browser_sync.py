"""The panel's DIAN sync in Chromium: drop a listing and supplier ZIPs, follow the
progress bar, filter and page the review table, open a document, leave one out,
commit through the consent card and see the trial balance move; files that cannot be
read are listed by reason under the bar. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from api.auth.users import create_user
from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session
from tests.api.conftest import PASSWORD
from tests.api.live import chromium, drop_files, login, needs_chromium, serve, shot
from tests.fixtures.dian.containers import attached_document, supplier_zip, write_listing
from tests.tools.sync.docs import LISTED_CASH_PURCHASE, OURS, sale, spec

pytestmark = needs_chromium
EMAIL = "carla@cuadre-demo.co"


@pytest.fixture(scope="module")
def demo_user(api_env: tuple[Settings, Engine]) -> str:
    """CUADRE DEMO S.A.S., buyer and seller of the fixture documents, with Carla."""
    _settings, engine = api_env
    with admin_session(engine) as session:
        company = create_company(session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
        assert company.id is not None
        company_id = company.id
    create_user(engine, email=EMAIL, name="Carla Ruiz", password=PASSWORD, company_id=company_id)
    return EMAIL


@pytest.fixture(scope="module")
def live_url(app: FastAPI, demo_user: str) -> Iterator[str]:
    with serve(app) as url:
        yield url


def dian_files(folder: Path) -> list[Path]:
    """Six purchases (one rejected by the DIAN), two sales, and the portal listing."""
    zips = [
        supplier_zip(folder / "compra1.zip", spec(number="FE1001", payment_form="1")),
        supplier_zip(folder / "compra2.zip", spec(number="FE1002", due_date="2024-04-14")),
        supplier_zip(folder / "compra4.zip", spec(number="FE1004")),
        supplier_zip(folder / "compra5.zip", spec(number="FE1005")),
        supplier_zip(folder / "rechazada.zip", spec(number="FE1003"), response_code="04"),
        supplier_zip(folder / "venta1.zip", sale(number="FV1", due_date="2024-04-14")),
        supplier_zip(
            folder / "venta2.zip",
            sale(number="FV2", issue_date="2024-03-15", due_date="2024-06-13"),
        ),
    ]
    listing = write_listing(
        folder / "listado.xlsx",
        [LISTED_CASH_PURCHASE],
    )
    return [*zips, listing]


def hold_progress(page: Any) -> dict[str, object]:
    """Holds the page's progress polls in a state: while the returned dict names one
    (`hold.update(state="downloading", percent=40)`), every poll answers the real job with
    those fields over it; `hold.clear()` lets the job's own state through."""
    hold: dict[str, object] = {}

    def progress(route: Any) -> None:
        response = route.fetch()
        body = response.json()
        body.update(hold)
        route.fulfill(response=response, json=body)

    page.route(re.compile(r"/api/v1/sync/jobs/\d+$"), progress)
    return hold


def numbers(page: object) -> list[str]:
    cells = page.locator("#review-table tbody tr td:nth-child(2)")  # type: ignore[attr-defined]
    return [text.strip() for text in cells.all_inner_texts()]


def test_drop_review_filter_deselect_commit_and_balance(live_url: str, tmp_path: Path) -> None:
    with chromium() as (browser, sync_api):
        expect = sync_api.expect
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        login(page, sync_api, live_url, EMAIL, PASSWORD)
        expect(page.locator("#balance-table tbody tr")).to_have_count(0)

        # The bar's running look, checked without racing a job that reads eight files in a blink.
        hold = hold_progress(page)
        hold.update(state="downloading", running=True, percent=40)
        drop_files(page, "#drop", dian_files(tmp_path))
        expect(page.locator("#sync-status")).to_be_visible(timeout=30_000)
        expect(page.locator("#sync-title")).to_have_text("Leyendo los documentos")
        expect(page.locator("#sync-bar")).to_have_attribute("aria-valuenow", "40")
        expect(page.locator("#sync-percent")).to_have_text("40 %")
        page.wait_for_timeout(400)  # the bar's width eases in over 0.3 s
        shot(page, "sync-0-reading")
        hold.clear()
        expect(page.locator("#sync-title")).to_have_text("Lista para revisar", timeout=60_000)
        expect(page.locator("#sync-resumed")).to_be_hidden()  # this job never died
        expect(page.locator("#sync-bar")).to_have_attribute("aria-valuenow", "100")
        expect(page.locator("#sync-counts")).to_contain_text("nuevos: 7")
        expect(page.locator("#sync-counts")).to_contain_text("rechazados por la DIAN: 1")
        expect(page.locator("#sync-unreadable")).to_be_hidden()  # every file was read
        shot(page, "sync-1-progress")

        page.get_by_role("button", name="Revisar documentos").click()
        expect(page.get_by_role("tab", name="Revisión")).to_have_attribute("aria-selected", "true")
        expect(page.locator("#review-page")).to_contain_text("8 documento(s)")
        # A reload finds the staged job again: the review survives the page.
        page.reload()
        expect(page.locator("#sync-title")).to_have_text("Lista para revisar")
        page.get_by_role("button", name="Revisar documentos").click()
        expect(page.locator("#review-page")).to_contain_text("8 documento(s)")
        # Paging: five per page, the rest on page two.
        page.get_by_label("Por página").select_option("5")
        expect(page.locator("#review-page")).to_have_text("Página 1 de 2 · 8 documento(s)")
        expect(page.locator("#review-table tbody tr")).to_have_count(5)
        page.get_by_role("button", name="Siguiente").click()
        expect(page.locator("#review-page")).to_contain_text("Página 2 de 2")
        expect(page.locator("#review-table tbody tr")).to_have_count(3)

        # Filters: status, direction and text, each narrowing the table.
        page.get_by_label("Estado").select_option("rejected_by_dian")
        expect(page.locator("#review-table tbody tr")).to_have_count(1)
        assert numbers(page) == ["FE1003"]
        expect(page.get_by_label("Incluir FE1003")).to_be_disabled()
        page.get_by_label("Estado").select_option("")
        page.get_by_label("Tipo").select_option("issued")
        expect(page.locator("#review-table tbody tr")).to_have_count(2)
        assert sorted(numbers(page)) == ["FV1", "FV2"]
        page.get_by_label("Tipo").select_option("")
        page.get_by_label("Buscar").fill("FE1002")
        expect(page.locator("#review-table tbody tr")).to_have_count(1)
        shot(page, "sync-2-review-filtered")

        # Leave FE1002 out with the keyboard: Space on its checkbox.
        expect(page.locator("#review-totals")).to_contain_text("Seleccionados: 7")
        box = page.get_by_label("Incluir FE1002")
        expect(box).to_be_checked()
        box.focus()
        page.keyboard.press("Space")
        expect(page.locator("#review-totals")).to_contain_text("Seleccionados: 6")
        expect(box).not_to_be_checked()

        # The detail of one document: lines, taxes, the entry it will make.
        page.get_by_label("Buscar").fill("FE1001")
        expect(page.locator("#review-table tbody tr")).to_have_count(1)
        page.get_by_role("button", name="FE1001").click()
        detail = page.get_by_role("region", name="Detalle del documento")
        expect(detail).to_be_visible()
        expect(detail).to_contain_text("Tubería PVC 1/2")
        expect(detail.locator("caption", has_text="Impuestos")).to_be_visible()
        expect(detail.locator("caption", has_text="Asiento")).to_be_visible()
        shot(page, "sync-3-detail")
        page.keyboard.press("Escape")
        expect(detail).to_be_hidden()
        page.get_by_label("Buscar").fill("")
        expect(page.locator("#review-page")).to_contain_text("8 documento(s)")

        # Commit behind the same consent card as the chat's previews.
        page.get_by_role("button", name=re.compile("Registrar 6 seleccionado")).click()
        card = page.locator("#review-consent .preview")
        expect(card).to_contain_text("Registraré 6 documento(s)")
        expect(card).to_contain_text("4 facturas de compra, 2 facturas de venta")
        card.get_by_text("Ten en cuenta").click()
        help_link = card.get_by_role("link", name="Ver ayuda").first
        expect(help_link).to_have_attribute("href", re.compile(r"^/help/sync-dian#"))
        shot(page, "sync-4-consent")
        hold.update(state="committing", running=True, percent=50)
        card.get_by_role("button", name="Confirmar").click()
        expect(page.locator("#sync-title")).to_have_text("Registrando en tus libros")
        expect(page.locator("#sync-bar")).to_have_attribute("aria-valuenow", "50")
        hold.clear()
        expect(page.locator("#sync-title")).to_have_text("Sincronización terminada", timeout=60_000)
        expect(page.locator("#sync-counts")).to_contain_text("Registré 6 documento(s)")
        expect(page.locator("#balance-table tbody tr").first).to_be_visible(timeout=30_000)
        expect(page.locator("#balance-table")).to_contain_text("220505")
        expect(page.locator("#balance-summary")).to_contain_text("cuadra")
        expect(page.locator("#review-commit")).to_be_disabled()
        shot(page, "sync-5-committed", full_page=True)

        # FE1002 was left out: still in the review, never written.
        page.get_by_label("Buscar").fill("FE1002")
        expect(page.locator("#review-table tbody tr")).to_have_count(1)
        expect(page.get_by_label("Incluir FE1002")).not_to_be_checked()

        # Undo the batch, again behind a consent card: every entry reversed.
        page.get_by_role("button", name="Deshacer lote L-0001").click()
        undo_card = page.locator("#sync-outcome .preview")
        expect(undo_card).to_contain_text("Reversaré")
        undo_card.get_by_role("button", name="Confirmar").click()
        expect(page.locator("#sync-outcome")).to_contain_text("se deshizo", timeout=30_000)
        expect(page.locator("#sync-title")).to_have_text("Lote deshecho")
        closing = page.locator("#balance-table tbody td:nth-child(6)")
        expect(closing.first).to_have_text("$ 0,00")
        assert set(closing.all_inner_texts()) == {"$ 0,00"}
        shot(page, "sync-6-undone")

        # A fresh page knows no job until a chat turn runs a sync tool. The embedded
        # planner cannot take a job number from free text yet, so this turn's answer is
        # the agent's SSE shape written here: what is tested is the panel picking the
        # job out of the turn's actions and following it against the real API.
        job_id = int(page.locator("#sync-job-label").inner_text().split()[-1])
        final = {
            "thread_id": "panel",
            "reply": f"La sincronización {job_id} terminó.",
            "citations": [],
            "actions": [
                {"tool": "sync_status", "args": {"job_id": job_id}, "status": "ok", "summary": ""}
            ],
            "pending_confirmation": None,
        }
        page.reload()
        expect(page.locator("#panel")).to_be_visible()
        expect(page.locator("#sync-status")).to_be_hidden()
        page.route(
            "**/api/v1/chat/stream",
            lambda route: route.fulfill(
                content_type="text/event-stream",
                body=f"event: final\ndata: {json.dumps({'result': final})}\n\n",
            ),
        )
        page.get_by_role("tab", name="Chat").click()
        page.fill("#chat-input", "como va la sincronizacion")
        page.click("#send")
        expect(page.locator("#sync-status")).to_be_visible(timeout=30_000)
        expect(page.locator("#sync-job-label")).to_have_text(f"Sincronización {job_id}")
        expect(page.locator("#sync-title")).to_have_text("Lote deshecho")
        shot(page, "sync-7-from-chat")


def test_unreadable_listing_is_reported_in_spanish(live_url: str, tmp_path: Path) -> None:
    """A file that is not a DIAN listing leaves nothing to review, and the bar says so."""
    broken = tmp_path / "listado_roto.xlsx"
    broken.write_bytes(b"esto no es un libro de Excel")
    with chromium() as (browser, sync_api):
        expect = sync_api.expect
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        login(page, sync_api, live_url, EMAIL, PASSWORD)
        drop_files(page, "#drop", [broken])
        expect(page.locator("#sync-status")).to_be_visible(timeout=30_000)
        expect(page.locator("#sync-title")).not_to_have_text(
            re.compile("Conectando|Leyendo"), timeout=60_000
        )
        alert = page.locator("#sync-outcome[role=alert]")
        expect(alert).to_contain_text("No encontré documentos de la DIAN para revisar")
        expect(alert).to_contain_text("1 archivo(s) no se pudieron leer")
        expect(page.locator("#sync-counts")).to_contain_text("ilegibles: 1")
        expect(page.get_by_role("button", name="Revisar documentos")).to_have_count(0)
        shot(page, "sync-8-unreadable")


HOSTILE = "<img src=x onerror=window.__xss=1>.xml"
NOT_XML = "El archivo no es XML válido."
NOT_DIAN = "El XML es un «nota», no una factura, nota crédito ni nota débito de la DIAN."


def files_with_unreadable(folder: Path) -> list[Path]:
    """One good DIAN XML, a broken one, and a supplier's ZIP with three more broken XML
    and a XML that is no DIAN document, under a name written like HTML."""
    good = folder / "FE2001.xml"
    good.write_text(attached_document(spec(number="FE2001")), encoding="utf-8")
    broken = folder / "roto.xml"
    broken.write_bytes(b"<Invoice><cbc:ID>sin cerrar")
    mail = folder / "correo.zip"
    with zipfile.ZipFile(mail, "w") as archive:
        archive.writestr("danada1.xml", "esto no es XML")
        archive.writestr("danada2.xml", "")
        archive.writestr("danada3.xml", "<Invoice>")
        archive.writestr(HOSTILE, "<nota>hola</nota>")
    return [good, broken, mail]


def test_unreadable_files_are_listed_by_reason_under_the_bar(live_url: str, tmp_path: Path) -> None:
    """Reasons, counts and a few names per reason, while the job runs and after it ends."""
    with chromium() as (browser, sync_api):
        expect = sync_api.expect
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        login(page, sync_api, live_url, EMAIL, PASSWORD)
        hold = hold_progress(page)  # the real job's counts, in a held state
        resumed = "Se reanudó sola a las 10:42 tras detenerse el proceso."
        hold.update(state="downloading", running=True, percent=60, resumed_es=resumed)
        drop_files(page, "#drop", files_with_unreadable(tmp_path))
        unreadable = page.locator("#sync-unreadable")
        expect(page.locator("#sync-resumed")).to_have_text(resumed, timeout=30_000)
        expect(page.locator("#sync-title")).to_have_text("Leyendo los documentos", timeout=30_000)
        expect(unreadable).to_contain_text("No se pudieron leer 5 archivos", timeout=60_000)
        items = unreadable.locator("li")
        expect(items).to_have_count(2)
        expect(items.nth(0).locator(".reason")).to_have_text(NOT_XML)
        # Four files: three names, then how many more.
        expect(items.nth(0).locator(".files")).to_have_text(re.compile(r"^4 archivos: .+ y 1 más$"))
        expect(items.nth(1).locator(".reason")).to_have_text(NOT_DIAN)
        # The member's name is shown as it is, as text: no element, no script.
        expect(items.nth(1).locator(".files")).to_have_text(f"1 archivo: correo.zip › {HOSTILE}")
        assert unreadable.locator("img").count() == 0
        assert page.evaluate("window.__xss") is None
        page.wait_for_timeout(400)  # the bar's width eases in over 0.3 s
        shot(page, "sync-9-unreadable-reading")

        hold.clear()
        expect(page.locator("#sync-title")).to_have_text("Lista para revisar", timeout=60_000)
        expect(page.locator("#sync-resumed")).to_be_hidden()  # this job never died
        expect(page.locator("#sync-counts")).to_contain_text("ilegibles: 5")
        expect(items).to_have_count(2)
        expect(items.nth(0)).to_contain_text("y 1 más")
        shot(page, "sync-10-unreadable-staged")

        # The good document is written; the list stays on the finished job.
        page.get_by_role("button", name="Revisar documentos").click()
        page.get_by_role("button", name=re.compile("Registrar 1 seleccionado")).click()
        page.locator("#review-consent .preview").get_by_role("button", name="Confirmar").click()
        expect(page.locator("#sync-title")).to_have_text("Sincronización terminada", timeout=60_000)
        expect(page.locator("#sync-counts")).to_contain_text("Registré 1 documento(s)")
        expect(unreadable).to_be_visible()
        expect(items.nth(0).locator(".reason")).to_have_text(NOT_XML)
        expect(items.nth(1).locator(".files")).to_contain_text(HOSTILE)
        assert page.evaluate("window.__xss") is None
        shot(page, "sync-11-unreadable-done")
