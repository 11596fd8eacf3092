"""Tokens from the settings page: created once, listed without secret, revoked for good."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient

from tests.api.conftest import Tenant


def _basic(email: str, token: str) -> dict[str, str]:
    raw = base64.b64encode(f"{email}:{token}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def test_a_token_made_in_settings_lets_a_payroll_product_in_until_revoked(
    client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, beto = tenants
    created = client.post("/api/v1/tokens", json={"name": "nómina"}, headers=ana.bearer)
    assert created.status_code == 201, created.text
    token, prefix = created.json()["token"], created.json()["prefix"]

    listed = client.get("/api/v1/tokens", headers=ana.bearer).json()
    assert prefix in {row["prefix"] for row in listed}
    assert token not in str(listed)
    assert prefix not in str(client.get("/api/v1/tokens", headers=beto.bearer).json())

    payroll = _basic(ana.email, token)
    assert client.get("/api/v1/accounts", headers=payroll).status_code == 200
    # Another company cannot revoke it; its owner can, and then it is refused.
    other = client.post("/api/v1/tokens/revoke", json={"prefix": prefix}, headers=beto.bearer)
    assert other.status_code == 404
    mine = client.post("/api/v1/tokens/revoke", json={"prefix": prefix}, headers=ana.bearer)
    assert mine.status_code == 204
    assert client.get("/api/v1/accounts", headers=payroll).status_code == 401
