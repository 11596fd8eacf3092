"""The integration API over real HTTP with Basic auth (e-mail + API token)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlmodel import select

from api.auth.tokens import create_token, revoke_token
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import Account, Contact, JournalEntry, JournalLine
from tests.api.conftest import Tenant
from tests.utils.live_server import live_server

API = "/api/v1/integration"


def basic(email: str, token: str) -> dict[str, str]:
    raw = base64.b64encode(f"{email}:{token}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


@pytest.fixture(scope="module")
def http(app: FastAPI) -> Iterator[httpx.Client]:
    with live_server(app) as url, httpx.Client(base_url=url, timeout=20) as client:
        yield client


@pytest.fixture(scope="module")
def employee(api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]) -> str:
    _settings, engine = api_env
    ana, _ = tenants
    with company_session(engine, ana.company_id) as session:
        session.add(Contact(company_id=ana.company_id, id_number="1020304050", name="LAURA GÓMEZ"))
        session.commit()
    return "1020304050"


def entries_with(engine: Engine, company_id: int, description: str) -> list[JournalEntry]:
    with company_session(engine, company_id) as session:
        rows = session.exec(select(JournalEntry).where(JournalEntry.description == description))
        return list(rows.all())


def test_good_credentials_list_the_companys_leaf_accounts(
    http: httpx.Client, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, _ = tenants
    res = http.get(f"{API}/accounts", params={"search": "sueldos"}, headers=ana.basic)
    assert res.status_code == 200
    codes = {a["code"] for a in res.json()["accounts"]}
    assert "510506" in codes
    assert all(a["is_leaf"] for a in res.json()["accounts"])
    everything = http.get(
        f"{API}/accounts", params={"search": "5105", "only_leaf": "false"}, headers=ana.basic
    )
    assert any(not a["is_leaf"] for a in everything.json()["accounts"])


def test_wrong_token_revoked_token_and_wrong_email_are_refused(
    http: httpx.Client, api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    _settings, engine = api_env
    ana, beto = tenants
    wrong = http.get(f"{API}/accounts", headers=basic(ana.email, ana.token[:-3] + "xyz"))
    assert wrong.status_code == 401
    assert "token" in wrong.json()["error"]["message"]
    assert http.get(f"{API}/accounts", headers=basic(beto.email, ana.token)).status_code == 401
    assert http.get(f"{API}/accounts").status_code == 401
    user_id = _user_id(engine, ana)
    issued = create_token(engine, company_id=ana.company_id, user_id=user_id, name="nómina")
    headers = basic(ana.email, issued.token)
    assert http.get(f"{API}/cost-centers", headers=headers).status_code == 200
    assert revoke_token(engine, company_id=ana.company_id, prefix=issued.prefix)
    assert http.get(f"{API}/cost-centers", headers=headers).status_code == 401


def _user_id(engine: Engine, tenant: Tenant) -> int:
    from ledger.models import User

    with company_session(engine, tenant.company_id) as session:
        user = session.exec(select(User).where(User.email == tenant.email)).one()
        assert user.id is not None
        return user.id


def test_accounts_created_in_cuadre_are_visible_at_once(
    http: httpx.Client, api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    _settings, engine = api_env
    ana, beto = tenants
    with company_session(engine, ana.company_id) as session:
        session.add(
            Account(
                company_id=ana.company_id,
                code="51050601",
                name="Sueldos planta Medellín",
                level=8,
                parent_code="510506",
            )
        )
        session.commit()
    res = http.get(f"{API}/accounts", params={"search": "Medellín"}, headers=ana.basic)
    assert [a["code"] for a in res.json()["accounts"]] == ["51050601"]
    other = http.get(f"{API}/accounts", params={"search": "Medellín"}, headers=beto.basic)
    assert other.json()["accounts"] == []


def test_cost_centers_are_listed_and_created_per_company(
    http: httpx.Client, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, beto = tenants
    made = http.post(
        f"{API}/cost-centers", json={"code": "PLANTA", "name": "Planta"}, headers=ana.basic
    )
    assert made.status_code == 201
    mine = {c["code"] for c in http.get(f"{API}/cost-centers", headers=ana.basic).json()}
    theirs = {c["code"] for c in http.get(f"{API}/cost-centers", headers=beto.basic).json()}
    assert {"ADM", "PLANTA"} <= mine
    assert "PLANTA" not in theirs
    again = http.post(
        f"{API}/cost-centers", json={"code": "PLANTA", "name": "Otra"}, headers=ana.basic
    )
    assert again.status_code == 409


def test_journal_entry_retried_with_the_same_key_posts_once(
    http: httpx.Client,
    api_env: tuple[Settings, Engine],
    tenants: tuple[Tenant, Tenant],
    employee: str,
) -> None:
    _settings, engine = api_env
    ana, _ = tenants
    body = {
        "date": "2025-03-15",
        "description": "Nómina 1-15 marzo (API)",
        "lines": [
            {"account": "510506", "debit": "2000000", "cost_center": "ADM"},
            {"account": "250505", "credit": "2000000", "contact": employee},
        ],
    }
    headers = {**ana.basic, "Idempotency-Key": "nomina-2025-03-1-ajuste"}
    first = http.post(f"{API}/journal-entries", json=body, headers=headers)
    assert first.status_code == 201, first.text
    second = http.post(f"{API}/journal-entries", json=body, headers=headers)
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replay"] == "true"
    reformatted = {**body, "lines": [{**body["lines"][0], "debit": "2000000.00"}, body["lines"][1]]}
    third = http.post(f"{API}/journal-entries", json=reformatted, headers=headers)
    assert third.status_code == 201 and third.json() == first.json()
    posted = entries_with(engine, ana.company_id, "Nómina 1-15 marzo (API)")
    assert [e.id for e in posted] == [first.json()["entry_id"]]
    changed = {**body, "description": "Otra cosa"}
    conflict = http.post(f"{API}/journal-entries", json=changed, headers=headers)
    assert conflict.status_code == 409
    assert "otro contenido" in conflict.json()["error"]["message"]
    with company_session(engine, ana.company_id) as session:
        lines = session.exec(
            select(JournalLine).where(JournalLine.entry_id == first.json()["entry_id"])
        ).all()
        assert sum(x.debit for x in lines) == sum(x.credit for x in lines) == Decimal("2000000")
        assert {x.cost_center_id for x in lines} == {ana.ids["cost_center"], None}


def test_same_key_in_another_company_is_another_operation(
    http: httpx.Client, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, beto = tenants
    body = {
        "date": "2025-03-15",
        "description": "Ajuste compartido",
        "lines": [{"account": "519530", "debit": "10"}, {"account": "110505", "credit": "10"}],
    }
    for tenant in (ana, beto):
        res = http.post(
            f"{API}/journal-entries",
            json=body,
            headers={**tenant.basic, "Idempotency-Key": "misma-clave-0001"},
        )
        assert res.status_code == 201
        assert "Idempotent-Replay" not in res.headers


def test_bad_lines_are_refused_in_spanish_and_free_the_key(
    http: httpx.Client, tenants: tuple[Tenant, Tenant], employee: str
) -> None:
    ana, beto = tenants
    headers = {**ana.basic, "Idempotency-Key": "ajuste-con-errores-1"}
    parent = {
        "date": "2025-03-15",
        "description": "Con cuenta mayor",
        "lines": [{"account": "510500", "debit": "5"}, {"account": "110505", "credit": "5"}],
    }
    res = http.post(f"{API}/journal-entries", json=parent, headers=headers)
    assert res.status_code == 404 and "510500" in res.json()["error"]["message"]
    unbalanced = {**parent, "lines": [{"account": "510506", "debit": "5"}]}
    assert http.post(f"{API}/journal-entries", json=unbalanced, headers=headers).status_code == 422
    fixed = {
        **parent,
        "lines": [{"account": "510506", "debit": "5"}, {"account": "110505", "credit": "5"}],
    }
    assert http.post(f"{API}/journal-entries", json=fixed, headers=headers).status_code == 201
    foreign = {
        "date": "2025-03-15",
        "description": "Empleado ajeno",
        "lines": [
            {"account": "510506", "debit": "5"},
            {"account": "250505", "credit": "5", "contact": employee},
        ],
    }
    res = http.post(
        f"{API}/journal-entries",
        json=foreign,
        headers={**beto.basic, "Idempotency-Key": "empleado-ajeno-1"},
    )
    assert res.status_code == 400 and employee in res.json()["error"]["message"]


def test_disbursement_pays_2505_from_the_bank_once(
    http: httpx.Client,
    api_env: tuple[Settings, Engine],
    tenants: tuple[Tenant, Tenant],
    employee: str,
) -> None:
    _settings, engine = api_env
    ana, _ = tenants
    body = {
        "date": "2025-03-16",
        "description": "Pago nómina 1-15 marzo (API)",
        "payments": [{"contact": employee, "amount": "1840000"}],
    }
    headers = {**ana.basic, "Idempotency-Key": "nomina-2025-03-1-egreso"}
    first = http.post(f"{API}/disbursements", json=body, headers=headers)
    assert first.status_code == 201, first.text
    assert http.post(f"{API}/disbursements", json=body, headers=headers).json() == first.json()
    [entry] = entries_with(engine, ana.company_id, "Pago nómina 1-15 marzo (API)")
    with company_session(engine, ana.company_id) as session:
        lines = session.exec(select(JournalLine).where(JournalLine.entry_id == entry.id)).all()
        by_code = {}
        for line in lines:
            account = session.get(Account, line.account_id)
            assert account is not None
            by_code[account.code] = (line.debit, line.credit)
    assert by_code == {
        "250505": (Decimal("1840000"), Decimal(0)),
        "111005": (Decimal(0), Decimal("1840000")),
    }


def test_openapi_documents_the_integration_routes(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    post = spec["paths"][f"{API}/journal-entries"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in post["parameters"])
    schema = spec["components"]["schemas"]["EntryIn"]
    assert schema["examples"][0]["lines"][0]["account"] == "510506"


def test_concurrent_retries_with_one_key_post_one_entry(
    http: httpx.Client, api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    _settings, engine = api_env
    ana, _ = tenants
    body = {
        "date": "2025-03-31",
        "description": "Ajuste concurrente",
        "lines": [{"account": "510506", "debit": "7"}, {"account": "110505", "credit": "7"}],
    }
    headers = {**ana.basic, "Idempotency-Key": "concurrente-0001"}

    def send(_: int) -> httpx.Response:
        return http.post(f"{API}/journal-entries", json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(send, range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409} and 201 in statuses, [r.text for r in responses]
    ids = {r.json()["entry_id"] for r in responses if r.status_code == 201}
    assert len(ids) == 1
    assert len(entries_with(engine, ana.company_id, "Ajuste concurrente")) == 1
