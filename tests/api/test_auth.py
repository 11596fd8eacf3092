"""Login with cookie + CSRF, bearer and Basic tokens, revocation, the error shape."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.auth.tokens import create_token, list_tokens, revoke_token
from cuadre.settings import Settings
from tests.api.conftest import PASSWORD, Tenant


def test_without_credentials_is_401_in_spanish(client: TestClient) -> None:
    response = client.get("/api/v1/companies/me")
    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "no_autenticado", "message": "Inicia sesión o envía un token válido."}
    }


def test_bearer_and_basic_tokens(client: TestClient, tenants: tuple[Tenant, Tenant]) -> None:
    ana, beto = tenants
    assert (
        client.get("/api/v1/companies/me", headers=ana.bearer)
        .json()["name"]
        .startswith("FERRETERÍA")
    )
    assert client.get("/api/v1/auth/me", headers=ana.basic).json()["company_id"] == ana.company_id
    # Basic with someone else's e-mail and Ana's token is refused.
    forged = Tenant(ana.company_id, beto.email, ana.token, {})
    assert client.get("/api/v1/companies/me", headers=forged.basic).status_code == 401
    bad = {"Authorization": "Bearer cdr_00000000_nope"}
    assert client.get("/api/v1/companies/me", headers=bad).status_code == 401


def test_revoked_token_stops_working(
    client: TestClient, api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    _settings, engine = api_env
    ana, _ = tenants
    me = client.get("/api/v1/auth/me", headers=ana.bearer).json()
    issued = create_token(engine, company_id=ana.company_id, user_id=me["user_id"], name="nómina")
    headers = {"Authorization": f"Bearer {issued.token}"}
    assert client.get("/api/v1/companies/me", headers=headers).status_code == 200
    listed = list_tokens(engine, company_id=ana.company_id)
    assert any(t.prefix == issued.prefix and t.revoked_at is None for t in listed)
    assert all(issued.token not in repr(t) for t in listed)
    assert revoke_token(engine, company_id=ana.company_id, prefix=issued.prefix)
    assert client.get("/api/v1/companies/me", headers=headers).status_code == 401
    assert not revoke_token(engine, company_id=ana.company_id, prefix=issued.prefix)


def test_panel_login_cookie_and_csrf(app: FastAPI, tenants: tuple[Tenant, Tenant]) -> None:
    ana, _ = tenants
    with TestClient(app) as browser:
        wrong = browser.post("/api/v1/auth/login", json={"email": ana.email, "password": "x"})
        assert wrong.status_code == 401
        assert wrong.json()["error"]["message"] == "Correo o contraseña incorrectos."
        ok = browser.post("/api/v1/auth/login", json={"email": ana.email, "password": PASSWORD})
        assert ok.status_code == 200
        set_cookie = ok.headers.get_list("set-cookie")
        session_cookie = next(c for c in set_cookie if c.startswith("cuadre_session="))
        assert "HttpOnly" in session_cookie and "SameSite=strict" in session_cookie
        csrf = ok.json()["csrf_token"]
        assert browser.get("/api/v1/companies/me").status_code == 200
        entry = {"code": "VENTAS", "name": "Ventas"}
        missing = browser.post("/api/v1/cost-centers", json=entry)
        assert missing.status_code == 403
        assert missing.json()["error"]["code"] == "csrf_invalido"
        wrong_token = browser.post(
            "/api/v1/cost-centers", json=entry, headers={"X-CSRF-Token": "otro"}
        )
        assert wrong_token.status_code == 403
        created = browser.post("/api/v1/cost-centers", json=entry, headers={"X-CSRF-Token": csrf})
        assert created.status_code == 201, created.text
        browser.cookies.clear()
        browser.cookies.set("cuadre_session", "falsa.firma")
        assert browser.get("/api/v1/companies/me").status_code == 401


def test_tampered_session_cookie_is_refused(app: FastAPI, tenants: tuple[Tenant, Tenant]) -> None:
    ana, beto = tenants
    with TestClient(app) as browser:
        browser.post("/api/v1/auth/login", json={"email": ana.email, "password": PASSWORD})
        cookie = browser.cookies.get("cuadre_session") or ""
        payload, signature = cookie.split(".")
        import base64
        import json

        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        data["c"] = beto.company_id
        forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
        browser.cookies.clear()
        browser.cookies.set("cuadre_session", f"{forged}.{signature}")
        assert browser.get("/api/v1/companies/me").status_code == 401


def test_upload_over_the_limit_is_413(
    app: FastAPI, client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, _ = tenants
    limit = app.state.cuadre.settings.max_upload_bytes
    big = b"<x/>" * (limit // 4 + 10)
    response = client.post(
        "/api/v1/imports", files={"files": ("grande.xml", big, "text/xml")}, headers=ana.bearer
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "archivo_muy_grande"
