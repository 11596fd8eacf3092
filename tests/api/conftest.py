"""API fixtures: a migrated SQLite ledger, two companies with users and tokens, the app.

Ana works at FERRETERÍA EL TORNILLO FELIZ; Beto at the other company. Each company has a
contact, an item, a cost center, a posted entry and a document, so a foreign id always
points at a real row.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from agent.memory import open_checkpointer
from agent.turn import Agent
from api.app import create_app
from api.auth.tokens import create_token
from api.auth.users import create_user
from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.drafts import DocumentDraft
from ledger.models import (
    Contact,
    CostCenter,
    Document,
    DocumentKind,
    DocumentSide,
    InboxEntry,
    Item,
    StagedDocument,
    SyncJob,
)
from ledger.posting import post_document
from ledger.proposals import EntryProposal, ProposedLine
from tests.tools.sync.docs import OURS, read, spec
from tests.utils.companies import new_company
from tests.utils.journal import post_journal
from tools.sync import codec

PASSWORD = "clave-segura-123"
JOURNAL = """
2025-01-15 Aporte de capital
  111005  10000000.00
  311505           10000000.00
2025-03-10 Resma de papel
  519530  50000.00
  110505           50000.00
"""


@dataclass(frozen=True)
class Tenant:
    """One company as the tests see it."""

    company_id: int
    email: str
    token: str
    ids: dict[str, int]

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def basic(self) -> dict[str, str]:
        raw = base64.b64encode(f"{self.email}:{self.token}".encode()).decode()
        return {"Authorization": f"Basic {raw}"}


def settings_for(tmp: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp / "data",
        "database_url": f"sqlite:///{tmp / 'cuadre.db'}",
        "environment": "test",
        "secret_key": "clave-de-pruebas-api",
        "openai_api_key": None,
        "openai_base_url": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def sync_company_user(engine: Engine, token_name: str) -> tuple[int, dict[str, str]]:
    """The sync tests' company (`OURS`, the buyer of the DIAN fixtures) on a fresh
    database, with Ana as its user: its id and her bearer header."""
    init_db(engine)
    with admin_session(engine) as session:
        company = create_company(session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
        assert company.id is not None
        company_id = company.id
    user = create_user(
        engine, email="ana@demo.co", name="Ana", password=PASSWORD, company_id=company_id
    )
    token = create_token(engine, company_id=company_id, user_id=user.user_id, name=token_name)
    return company_id, {"Authorization": f"Bearer {token.token}"}


def seed_tenant(engine: Engine, name: str, email: str, marker: str) -> Tenant:
    """A company with one row of each kind; `marker` names its contact and item."""
    company_id = new_company(engine, name=name)
    with company_session(engine, company_id) as session:
        entries = post_journal(session, JOURNAL)
        contact = Contact(company_id=company_id, id_number="900123456", name=f"PROVEEDOR {marker}")
        item = Item(company_id=company_id, name=f"Ítem {marker}")
        center = CostCenter(company_id=company_id, code="ADM", name=f"Administración {marker}")
        session.add_all([contact, item, center])
        session.commit()
        assert contact.id and item.id and center.id
        assert entries[0].id
        ids = {"contact": contact.id, "item": item.id, "cost_center": center.id}
        ids["entry"] = entries[0].id
    ids["document"] = _purchase(engine, company_id, ids["contact"], marker)
    ids.update(_dian_rows(engine, company_id, marker))
    user = create_user(engine, email=email, name=marker, password=PASSWORD, company_id=company_id)
    token = create_token(engine, company_id=company_id, user_id=user.user_id, name="pruebas")
    return Tenant(company_id, email, token.token, ids)


def _dian_rows(engine: Engine, company_id: int, marker: str) -> dict[str, int]:
    """A committed sync job (batch `L-<company+9000>`) with one staged row, an inbox entry."""
    payload = codec.dumps(read(spec(number=f"FE{company_id}{len(marker)}")))
    batch = 9000 + company_id
    with company_session(engine, company_id) as session:
        job = SyncJob(
            company_id=company_id,
            state="done",
            progress=100,
            sync_date=date(2025, 3, 31),
            batch_id=f"L-{batch}",
        )
        session.add(job)
        session.flush()
        assert job.id is not None
        staged = StagedDocument(
            company_id=company_id, job_id=job.id, key=f"k-{marker}", number=f"FE-{marker}",
            kind="purchase_invoice", direction="received", issue_date=date(2025, 3, 12),
            name=f"PROVEEDOR {marker}", status="new", payload=payload,
        )  # fmt: skip
        entry = InboxEntry(
            company_id=company_id, cufe=f"cufe-{marker}", number=f"FE-{marker}",
            supplier_name=f"PROVEEDOR {marker}", supplier_nit="900123456", source="upload",
            received_at=datetime(2025, 3, 12, 15, tzinfo=UTC), payload=payload,
        )  # fmt: skip
        session.add_all([staged, entry])
        session.commit()
        assert staged.id is not None and entry.id is not None
        return {"sync_job": job.id, "staged": staged.id, "batch": batch, "inbox_entry": entry.id}


def _purchase(engine: Engine, company_id: int, contact_id: int, marker: str) -> int:
    draft = DocumentDraft(
        kind=DocumentKind.PURCHASE_INVOICE,
        side=DocumentSide.PURCHASE,
        number=f"FE-{marker}",
        issue_date=date(2025, 3, 12),
        contact_id=contact_id,
        subtotal=Decimal("100000"),
        total=Decimal("100000"),
    )
    entry = EntryProposal(
        date=date(2025, 3, 12),
        description=f"Compra FE-{marker}",
        lines=(
            ProposedLine(account_code="519530", debit=Decimal("100000"), credit=Decimal(0)),
            ProposedLine(account_code="220505", debit=Decimal(0), credit=Decimal("100000")),
        ),
    )
    with company_session(engine, company_id) as session:
        doc = post_document(session, draft, entry, None, actor="pruebas")
        assert isinstance(doc, Document) and doc.id
        return doc.id


@pytest.fixture(scope="module")
def api_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Engine]]:
    tmp = tmp_path_factory.mktemp("api")
    settings = settings_for(tmp)
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    yield settings, engine
    engine.dispose()


@pytest.fixture(scope="module")
def tenants(api_env: tuple[Settings, Engine]) -> tuple[Tenant, Tenant]:
    _settings, engine = api_env
    ana = seed_tenant(engine, "FERRETERÍA EL TORNILLO FELIZ SAS", "ana@tornillo.co", "TORNILLO")
    beto = seed_tenant(engine, "PANADERÍA LA OTRA SAS", "beto@otra.co", "OTRAEMPRESA")
    return ana, beto


@pytest.fixture(scope="module")
def app(api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]) -> Iterator[FastAPI]:
    settings, engine = api_env
    settings.ensure_data_dir()
    with open_checkpointer(settings) as saver:
        agent = Agent(settings=settings, engine=engine, checkpointer=saver)
        yield create_app(settings, engine=engine, agent=agent)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
