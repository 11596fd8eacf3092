"""Every route, called by Ana with Beto's ids, answers 404 or shows only Ana's company."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.api.conftest import Tenant

# Path parameter -> which of the other company's rows it names.
PARAM_ROWS = {
    "contact_id": "contact",
    "item_id": "item",
    "document_id": "document",
    "entry_id": "entry",
    "job_id": "sync_job",
    "staged_id": "staged",
    "batch_id": "batch",
    "inbox_id": "inbox_entry",
}
# Routes with an id-less path: their bodies must never carry the other company's marker.
JSON_BODIES = {
    ("POST", "/api/v1/tokens/revoke"): {"prefix": "ffffffff"},
    ("POST", "/api/v1/chat"): {"message": "muéstrame las ventas de PANADERÍA LA OTRA SAS"},
    ("POST", "/api/v1/chat/stream"): {"message": "lista los documentos"},
    ("POST", "/api/v1/chat/confirm"): {
        "thread_id": "2:2:api",
        "confirmation_id": "x",
        "approve": True,
    },
    ("POST", "/api/v1/suggestions"): {
        "description": "resma de papel",
        "supplier_nit": "900123456-7",
    },
    ("POST", "/api/v1/journal-entries/preview"): {
        "date": "2025-03-31",
        "description": "Prueba",
        "lines": [
            {"account_code": "519530", "debit": "1000"},
            {"account_code": "110505", "credit": "1000"},
        ],
    },
    # Integration posts without an Idempotency-Key answer 422: still nothing foreign leaks.
    ("POST", "/api/v1/integration/cost-centers"): {"code": "TENANCY", "name": "Tenencia"},
    ("POST", "/api/v1/integration/journal-entries"): {"date": "2025-03-15"},
    ("POST", "/api/v1/integration/disbursements"): {"date": "2025-03-16"},
    # Another company's upload id, and a portal link that is refused before any download.
    ("POST", "/api/v1/sync/jobs/from-upload"): {"upload_id": "0123456789abcdef01234567"},
    ("POST", "/api/v1/expense-agent/activate"): {"only_recent": True},
    # FE211 is the other company's DIAN document (conftest `_dian_rows`): not on Ana's record.
    ("POST", "/api/v1/reconciliation/register"): {
        "number": "FE211",
        "start": "2025-01-01",
        "end": "2025-12-31",
    },
    ("POST", "/api/v1/reconciliation/register/preview"): {
        "number": "FE211",
        "start": "2025-01-01",
        "end": "2025-12-31",
    },
    ("POST", "/api/v1/expense-agent/pause"): {},
    ("POST", "/api/v1/sync/jobs/portal"): {
        "link": "https://example.com/User/AuthToken?token=x",
        "start": "2025-01-01",
        "end": "2025-01-31",
    },
}
# Routes with ids whose body is required: a valid one, so only the foreign id can refuse.
ID_BODIES = {
    ("POST", "/api/v1/sync/jobs/{job_id}/selection"): {"selected": True, "ids": [1, 2, 3]},
}
SKIP_WRITES = {
    ("POST", "/api/v1/tokens"),  # tests/api/test_tokens.py
    # They write or need an e-invoicing profile; tests/api/test_invoices.py covers them.
    ("POST", "/api/v1/invoices/drafts"),
    ("POST", "/api/v1/invoices/issue"),
    ("POST", "/api/v1/invoices/drafts/issue"),
    ("POST", "/api/v1/invoices/preview"),
    ("POST", "/api/v1/invoices/resend"),
    ("POST", "/api/v1/invoices/contingency"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/logout"),
    ("POST", "/api/v1/journal-entries"),
    ("POST", "/api/v1/contacts"),
    ("POST", "/api/v1/items"),
    ("POST", "/api/v1/cost-centers"),
    ("POST", "/api/v1/imports"),
    ("POST", "/api/v1/sync/jobs"),  # multipart; tests/api/test_sync_jobs.py
    ("POST", "/api/v1/inbox/upload"),  # multipart; tests/api/test_inbox.py
}


def _flatten(routes: list[Any]) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route in `app.routes`, included routers expanded."""
    found: list[tuple[str, set[str]]] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append((route.path, set(route.methods)))
        elif hasattr(route, "effective_route_contexts"):  # FastAPI >= 0.16x included router
            found.extend((ctx.path, set(ctx.methods)) for ctx in route.effective_route_contexts())
    return found


def _routes(app: FastAPI) -> list[tuple[str, str, object]]:
    found = []
    for path, methods in _flatten(list(app.routes)):
        if path.startswith("/api/"):
            found.extend((method, path, None) for method in sorted(methods))
    assert len(found) > 20, "the route walk found too few routes"
    return found


def test_every_route_with_foreign_ids_is_404(
    app: FastAPI, client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, beto = tenants
    walked = 0
    for method, path, _route in _routes(app):
        params = re.findall(r"{(\w+)}", path)
        if not params:
            continue
        url = path
        for name in params:
            # PUC codes are shared by every company; "999999" is one no company has.
            value = "999999" if name == "code" else str(beto.ids[PARAM_ROWS[name]])
            value = f"L-{value}" if name == "batch_id" else value
            url = url.replace("{" + name + "}", value)
        body = ID_BODIES.get((method, path))
        response = client.request(method, url, json=body, headers=ana.bearer)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["error"]["code"] == "no_encontrado"
        assert "OTRAEMPRESA" not in response.text
        walked += 1
    assert walked >= 5


def test_every_route_without_ids_shows_only_the_callers_company(
    app: FastAPI, client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, _beto = tenants
    for method, path, _route in _routes(app):
        if "{" in path or (method, path) in SKIP_WRITES:
            continue
        body = JSON_BODIES.get((method, path))
        if method == "GET":
            response = client.get(path, headers=ana.bearer)
        else:
            assert body is not None, f"add a body for {method} {path}"
            response = client.request(method, path, json=body, headers=ana.bearer)
        assert response.status_code < 500, (method, path, response.text)
        assert "OTRAEMPRESA" not in response.text, (method, path)
        assert "PANADERÍA LA OTRA" not in response.text.replace(
            "muéstrame las ventas de PANADERÍA LA OTRA SAS", ""
        ), (method, path)


def test_foreign_ids_through_the_own_rows_work(
    client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, _beto = tenants
    for name, row in PARAM_ROWS.items():
        if name in ("job_id", "staged_id", "batch_id", "inbox_id"):
            continue  # test_sync_jobs.py and test_inbox.py use the own ids
        prefix = {
            "contact_id": "contacts",
            "item_id": "items",
            "document_id": "documents",
            "entry_id": "journal-entries",
        }[name]
        response = client.get(f"/api/v1/{prefix}/{ana.ids[row]}", headers=ana.bearer)
        assert response.status_code == 200, response.text


def test_confirm_cannot_reach_another_companys_thread(
    client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, beto = tenants
    response = client.post(
        "/api/v1/chat",
        json={
            "message": "registra un asiento: débito 519530 por 1000 y crédito 110505 "
            "por 1000 el 31/03/2025"
        },
        headers=beto.bearer,
    )
    result = response.json()
    thread = result["thread_id"]
    assert thread.startswith(f"{beto.company_id}:")
    pending = result["pending_confirmation"]
    if pending is None:
        return
    hijack = client.post(
        "/api/v1/chat/confirm",
        json={"thread_id": thread, "confirmation_id": pending["id"], "approve": True},
        headers=ana.bearer,
    )
    assert hijack.status_code == 200
    assert hijack.json()["thread_id"].startswith(f"{ana.company_id}:")
    assert "No hay ninguna operación" in hijack.json()["reply"]


def test_dian_record_and_inbox_show_only_the_callers_company(
    client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, beto = tenants
    period = {"from": "2020-01-01", "to": "2030-12-31"}
    seen = client.get("/api/v1/reconciliation", params=period, headers=ana.bearer)
    assert seen.status_code == 200 and "FE211" not in seen.text
    own = client.get("/api/v1/reconciliation", params=period, headers=beto.bearer)
    assert own.status_code == 200
    body = {"number": "FE211", "start": "2020-01-01", "end": "2030-12-31"}
    stolen = client.post("/api/v1/reconciliation/register", json=body, headers=ana.bearer)
    assert stolen.status_code == 404 and stolen.json()["error"]["code"] == "no_encontrado"
    peek = client.post("/api/v1/reconciliation/register/preview", json=body, headers=ana.bearer)
    assert peek.status_code == 404 and peek.json()["error"]["code"] == "no_encontrado"
    inbox = client.get("/api/v1/inbox", headers=ana.bearer).json()
    assert [item["id"] for item in inbox["items"]] == [ana.ids["inbox_entry"]]
    jobs = client.get("/api/v1/sync/jobs", headers=ana.bearer).json()["jobs"]
    assert [job["id"] for job in jobs] == [ana.ids["sync_job"]]
    mine = client.get(f"/api/v1/sync/jobs/{ana.ids['sync_job']}/review", headers=ana.bearer)
    assert [row["name"] for row in mine.json()["rows"]] == ["PROVEEDOR TORNILLO"]
