"""E-invoicing over REST: a draft, its issue, its status and timeline, and tenancy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from agent.memory import open_checkpointer
from agent.turn import Agent
from api.app import create_app
from api.auth.tokens import create_token
from api.auth.users import create_user
from ledger.db import init_db, make_engine
from tests.api.conftest import settings_for
from tests.tools.einvoice.factories import self_signed_pkcs12
from tests.tools.invoicing.conftest import CERT_PASSWORD, set_up_company

BREAD = {
    "customer_nit": "830048145-8",
    "customer_name": "Cafetería El Parque Ltda.",
    "customer_email": "compras@elparque.com.co",
    "lines": [{"description": "Pan tajado integral x 500 g", "quantity": 120, "unit_price": 4500}],
}


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict, dict]]:
    tmp = tmp_path_factory.mktemp("invoices-api")
    cert = tmp / "firma.p12"
    cert.write_bytes(self_signed_pkcs12(CERT_PASSWORD)[0])
    settings = settings_for(tmp, einvoice_cert_path=cert, einvoice_cert_password=CERT_PASSWORD)
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    headers = []
    for email in ("ana@laespiga.co", "beto@otra.co"):
        company_id = set_up_company(engine, email=email)
        user = create_user(
            engine, email=email, name=email, password="x" * 12, company_id=company_id
        )
        token = create_token(engine, company_id=company_id, user_id=user.user_id, name="api")
        headers.append({"Authorization": f"Bearer {token.token}"})
    settings.ensure_data_dir()
    with open_checkpointer(settings) as saver:
        app = create_app(
            settings,
            engine=engine,
            agent=Agent(settings=settings, engine=engine, checkpointer=saver),
        )
        with TestClient(app) as client:
            yield client, headers[0], headers[1]
    engine.dispose()


def test_a_draft_consumes_no_number_and_issuing_it_queues_it_for_the_dian(
    clients: tuple[TestClient, dict, dict], tmp_path: Path
) -> None:
    client, ana, _beto = clients
    preview = client.post("/api/v1/invoices/preview", json=BREAD, headers=ana)
    assert preview.status_code == 200, preview.text
    assert "642.600" in preview.text  # 120 × 4.500 + 19 % VAT

    draft = client.post("/api/v1/invoices/drafts", json=BREAD, headers=ana)
    assert draft.status_code == 201, draft.text
    assert draft.json()["status"] == "borrador"

    issued = client.post(
        "/api/v1/invoices/issue", json={"draft": draft.json()["document"]}, headers=ana
    )
    assert issued.status_code == 201, issued.text
    number = issued.json()["document"]
    assert number.startswith("FE") and issued.json()["status"] == "en proceso"

    status = client.get("/api/v1/invoices/status", params={"number": number}, headers=ana)
    assert status.status_code == 200, status.text
    events = [line["event"] for line in status.json()["timeline"]]
    assert len(events) >= 2  # created, then issued
    pending = client.get("/api/v1/invoices/pending", headers=ana).json()
    assert number in str(pending)


def test_another_companys_invoice_is_not_found(clients: tuple[TestClient, dict, dict]) -> None:
    client, ana, beto = clients
    issued = client.post("/api/v1/invoices/issue", json=BREAD, headers=ana)
    assert issued.status_code == 201, issued.text
    number = issued.json()["document"]
    seen = client.get("/api/v1/invoices/status", params={"number": number}, headers=beto)
    assert seen.status_code in (404, 422), seen.text
    assert "Cafetería El Parque" not in seen.text


def test_contingency_is_refused_while_the_dian_is_not_confirmed_down(
    clients: tuple[TestClient, dict, dict],
) -> None:
    client, ana, _beto = clients
    response = client.post("/api/v1/invoices/contingency", json={"on": True}, headers=ana)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["message"]
