"""The reception inbox and the expenses agent over REST, for a hardware retailer.

CUADRE DEMO S.A.S. uploads a supplier's invoice and one of its own sales; the sale is
ignored, the purchase waits with per-line suggestions, and registering it with the
accounts chosen posts it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.app import create_app
from api.auth.tokens import create_token
from api.auth.users import create_user
from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from tests.api.conftest import PASSWORD, settings_for
from tests.tools.inbox.conftest import write_xml
from tests.tools.sync.docs import OURS, sale, spec
from tools.inbox.agent import store_daily_summary

Headers = dict[str, str]


@pytest.fixture(scope="module")
def shop(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Engine, int, Headers, TestClient]]:
    tmp = tmp_path_factory.mktemp("inbox-api")
    settings: Settings = settings_for(tmp)
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    with admin_session(engine) as session:
        company = create_company(
            session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name, ciiu_codes=("4752",)
        )
        assert company.id is not None
        company_id = company.id
    user = create_user(
        engine, email="ana@demo.co", name="Ana María", password=PASSWORD, company_id=company_id
    )
    token = create_token(engine, company_id=company_id, user_id=user.user_id, name="inbox")
    headers = {"Authorization": f"Bearer {token.token}"}
    yield engine, company_id, headers, TestClient(create_app(settings, engine=engine))
    engine.dispose()


def test_upload_list_detail_and_register(
    shop: tuple[Engine, int, Headers, TestClient], tmp_path: Path
) -> None:
    _engine, _company, headers, client = shop
    purchase = write_xml(tmp_path, spec(number="FE2001"))
    own_sale = write_xml(tmp_path, sale(number="FV77"))
    files = [("files", (p.name, p.read_bytes())) for p in (purchase, own_sale)]
    uploaded = client.post("/api/v1/inbox/upload", files=files, headers=headers)
    assert uploaded.status_code == 201, uploaded.text
    report = uploaded.json()
    assert len(report["added"]) == 1 and report["ignored"] == 1 and report["failures"] == []
    again = client.post(
        "/api/v1/inbox/upload", files=[("files", ("otra.xml", purchase.read_bytes()))],
        headers=headers,
    )  # fmt: skip
    assert again.json()["duplicates"] == 1 and again.json()["added"] == []
    refused = client.post(
        "/api/v1/inbox/upload", files=[("files", ("listado.xlsx", b"PK"))], headers=headers
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].endswith("envía XML o ZIP.")

    everything = client.get("/api/v1/inbox", headers=headers).json()
    assert everything["total"] == 2 and everything["by_status"] == {"pending": 1, "ignored": 1}
    one = client.get("/api/v1/inbox", params={"size": 1, "page": 2}, headers=headers).json()
    assert len(one["items"]) == 1 and one["total"] == 2
    pending = client.get("/api/v1/inbox", params={"status": "pending"}, headers=headers).json()
    [row] = pending["items"]
    assert row["number"] == "FE2001" and row["status_es"] == "pendiente"
    assert row["id"] == report["added"][0] and row["total"] is not None

    shown = client.get(f"/api/v1/inbox/{row['id']}", headers=headers).json()
    assert shown["suggested"] is True and len(shown["lines"]) == 2
    assert all(line["account_code"] and line["reason"] for line in shown["lines"])
    chosen = {str(line["number"]): line["account_code"] for line in shown["lines"]}
    preview = client.post(
        f"/api/v1/inbox/{row['id']}/preview", json={"accounts": chosen}, headers=headers
    )
    assert preview.status_code == 200 and "FE2001" in preview.json()["summary"]
    done = client.post(
        f"/api/v1/inbox/{row['id']}/register", json={"accounts": chosen}, headers=headers
    )
    assert done.status_code == 200, done.text
    assert done.json()["entry"]["status"] == "registered" and done.json()["document_id"]
    twice = client.post(f"/api/v1/inbox/{row['id']}/register", headers=headers)
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "ya_procesada"
    posted = client.get(f"/api/v1/inbox/{row['id']}", headers=headers).json()
    assert posted["suggested"] is False
    assert [line["account_code"] for line in posted["lines"]] == list(chosen.values())
    ignored = next(i for i in everything["items"] if i["status"] == "ignored")
    refused_sale = client.post(f"/api/v1/inbox/{ignored['id']}/register", headers=headers)
    assert refused_sale.status_code == 400 and "emitido" in refused_sale.json()["error"]["message"]
    missing = client.get("/api/v1/inbox/999999", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_encontrado"
    bad = client.get("/api/v1/inbox", params={"status": "pendiente"}, headers=headers)
    assert bad.status_code == 422


def test_agent_activate_status_pause_and_summaries(
    shop: tuple[Engine, int, Headers, TestClient],
) -> None:
    engine, company_id, headers, client = shop
    assert client.get("/api/v1/expense-agent/status", headers=headers).json()["active"] is False
    on = client.post("/api/v1/expense-agent/activate", json={"only_recent": True}, headers=headers)
    assert on.status_code == 200 and on.json()["greeting"] == "Hola, Ana"
    assert len(on.json()["tasks"]) == 3
    status = client.get("/api/v1/expense-agent/status", headers=headers).json()
    assert status["active"] is True and status["unregistered"] == []
    assert "activo" in status["text"]
    off = client.post("/api/v1/expense-agent/pause", headers=headers)
    assert off.status_code == 200 and "pausa" in off.json()["message"]
    assert client.get("/api/v1/expense-agent/status", headers=headers).json()["active"] is False
    # The day before is read too: a day at the edge of the calendar is refused, not a 500.
    edge = client.get("/api/v1/expense-agent/status", params={"day": "0001-01-01"}, headers=headers)
    assert edge.status_code == 422 and "day" in edge.json()["error"]["message"]

    with company_session(engine, company_id) as session:
        store_daily_summary(session, now=datetime(2026, 3, 2, 5, 0, tzinfo=UTC))  # 00:00 Bogotá
        store_daily_summary(session, now=datetime(2026, 3, 5, 5, 0, tzinfo=UTC))
    url = "/api/v1/expense-agent/summaries"
    both = client.get(url, params={"from": "2026-03-01", "to": "2026-03-31"}, headers=headers)
    assert both.status_code == 200
    assert [s["day"] for s in both.json()["summaries"]] == ["2026-03-01", "2026-03-04"]
    first = client.get(url, params={"from": "2026-03-01", "to": "2026-03-02"}, headers=headers)
    assert [s["day"] for s in first.json()["summaries"]] == ["2026-03-01"]
    upside = client.get(url, params={"from": "2026-03-05", "to": "2026-03-01"}, headers=headers)
    assert upside.status_code == 400 and upside.json()["error"]["code"] == "periodo_invalido"
    default = client.get(url, headers=headers).json()  # the last 30 days: none stored
    assert default["summaries"] == [] and default["end"] > "2026-03-31"
