"""What the panel's browser tests share: the app on a real port, Chromium, file drops.

Chromium is Debian's (`/usr/bin/chromium`, `make browser-deps`); screenshots go to
`test-artifacts/` so a failing run leaves pictures of what the browser saw.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.utils.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium no está instalado en /usr/bin/chromium (make browser-deps)",
)


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn on a free local port; yields its base URL."""
    with live_server(app) as url:
        yield url


@contextmanager
def chromium() -> Iterator[tuple[Any, Any]]:
    """Headless Chromium through Playwright; yields (browser, playwright.sync_api)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        try:
            yield browser, sync_api
        finally:
            browser.close()


def login(page: Any, sync_api: Any, base_url: str, email: str, password: str) -> None:
    """Open the host page and log in through the form."""
    page.goto(base_url + "/")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#login-button")
    sync_api.expect(page.locator("#panel")).to_be_visible()


def drop_files(page: Any, selector: str, files: list[Path]) -> None:
    """A real drop event on `selector` whose DataTransfer carries `files`."""
    transfer = page.evaluate_handle(
        """(files) => {
            const dt = new DataTransfer();
            for (const [name, b64] of files) {
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                dt.items.add(new File([bytes], name));
            }
            return dt;
        }""",
        [[path.name, base64.b64encode(path.read_bytes()).decode()] for path in files],
    )
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def shot(page: Any, name: str, *, full_page: bool = False) -> None:
    """Save a screenshot as a test artifact."""
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
