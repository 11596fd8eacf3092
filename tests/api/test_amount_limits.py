"""Amounts beyond what the books hold are a Spanish 422, never a server error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Tenant


@pytest.mark.parametrize("field", ["amount", "vat", "inc"])
def test_a_suggestion_for_an_impossible_amount_is_refused(
    client: TestClient, tenants: tuple[Tenant, Tenant], field: str
) -> None:
    ana, _ = tenants
    body = {"description": "Arroz blanco x 25 kg", "company_ciiu": "4711", field: "1E+999999"}
    response = client.post("/api/v1/suggestions", json=body, headers=ana.bearer)
    assert response.status_code == 422
    assert f"{field}: es demasiado grande" in response.json()["error"]["message"]
