"""WhatsApp: verification challenge, signed deliveries, linked numbers, deduplicated and
serialized messages, documents downloaded, consent with reply buttons. Replies go to a
local stand-in of the Graph API."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.planners.llm import LLMPlanner
from agent.turn import Agent
from api.app import create_app
from api.channels.links import link_number
from api.channels.whatsapp import NOT_LINKED, WhatsAppChannel
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import StoredFile
from tests.api.conftest import Tenant
from tests.stand_ins.chat_completions import ChatCompletionsServer, ModelTurn
from tests.stand_ins.graph_api import GraphApiServer

SECRET = "secreto-de-la-app"
VERIFY = "token-de-verificacion"
ANA_PHONE = "573001234567"
INVOICE = Path(__file__).resolve().parents[1] / "fixtures" / "dian" / "invoice_signed_dian_v2.xml"


@dataclass
class Rig:
    client: TestClient
    graph: GraphApiServer
    channel: WhatsAppChannel
    settings: Settings

    def deliver(self, *messages: dict[str, Any], secret: str = SECRET) -> int:
        body = json.dumps(
            {
                "object": "whatsapp_business_account",
                "entry": [
                    {"changes": [{"field": "messages", "value": {"messages": list(messages)}}]}
                ],
            }
        ).encode()
        mac = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        response = self.client.post(
            "/whatsapp/webhook",
            content=body,
            headers={"X-Hub-Signature-256": f"sha256={mac}", "Content-Type": "application/json"},
        )
        return response.status_code

    def settle(self) -> None:
        assert self.channel.queues.wait_idle(60)


def text(message_id: str, body: str, number: str = ANA_PHONE) -> dict[str, Any]:
    return {"id": message_id, "from": number, "type": "text", "text": {"body": body}}


@pytest.fixture
def rig_factory(api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]) -> Iterator[Any]:
    base, engine = api_env
    ana, _ = tenants
    link_number(engine, phone="+57 300 123 4567", email=ana.email, company_id=ana.company_id)
    opened: list[Any] = []

    def make(planner: object = None) -> Rig:
        graph = GraphApiServer(media={"media-1": INVOICE.read_bytes()}).__enter__()
        saver_cm = open_checkpointer(base)
        saver = saver_cm.__enter__()
        settings = base.model_copy(
            update={
                "whatsapp_app_secret": SECRET,
                "whatsapp_verify_token": VERIFY,
                "whatsapp_access_token": "EAAG-prueba",
                "whatsapp_api_url": graph.base_url,
                "whatsapp_phone_number_id": "1055",
            }
        )
        agent = Agent(settings=settings, engine=engine, checkpointer=saver, planner=planner)
        app = create_app(settings, engine=engine, agent=agent)
        client = TestClient(app).__enter__()
        opened.append((client, saver_cm, graph))
        return Rig(client, graph, app.state.whatsapp, settings)

    yield make
    for client, saver_cm, graph in reversed(opened):
        client.__exit__(None, None, None)
        saver_cm.__exit__(None, None, None)
        graph.__exit__(None, None, None)


def test_verification_challenge(rig_factory: Any) -> None:
    rig = rig_factory()
    ok = rig.client.get(
        "/whatsapp/webhook",
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"},
    )
    assert ok.status_code == 200 and ok.text == "1158201444"
    bad = rig.client.get(
        "/whatsapp/webhook",
        params={"hub.mode": "subscribe", "hub.verify_token": "otro", "hub.challenge": "x"},
    )
    assert bad.status_code == 403


def test_forged_signature_is_refused(rig_factory: Any) -> None:
    rig = rig_factory()
    assert rig.deliver(text("wamid.forged", "hola"), secret="otro") == 401
    rig.settle()
    assert rig.graph.sent == []


def test_linked_number_gets_its_books_once_and_unknown_numbers_are_told(
    rig_factory: Any,
) -> None:
    rig = rig_factory()
    message = text("wamid.balance-1", "balance de prueba de marzo de 2025")
    assert rig.deliver(message) == 200
    assert rig.deliver(message) == 200  # Meta retries the same message id
    assert rig.deliver(text("wamid.stranger", "hola", number="573009999999")) == 200
    rig.settle()
    by_number: dict[str, list[str]] = {}
    for sent in rig.graph.sent:
        by_number.setdefault(sent["to"], []).append(sent["text"]["body"])
    assert len(by_number[ANA_PHONE]) == 1
    assert "$ 150.000,00" in by_number[ANA_PHONE][0]
    assert by_number["573009999999"] == [NOT_LINKED]
    assert all(token == "Bearer EAAG-prueba" for token in rig.graph.token_seen)


def test_a_burst_on_one_number_is_answered_in_order(rig_factory: Any) -> None:
    rig = rig_factory()
    questions = [
        text("wamid.burst-1", "balance de prueba de enero de 2025"),
        text("wamid.burst-2", "balance de prueba de marzo de 2025"),
        text("wamid.burst-3", "balance de prueba de febrero de 2025"),
    ]
    for question in questions:
        assert rig.deliver(question) == 200
    rig.settle()
    replies = [s["text"]["body"] for s in rig.graph.sent if s["to"] == ANA_PHONE]
    assert len(replies) == 3
    assert "01/01/2025" in replies[0]
    assert "01/03/2025" in replies[1]
    assert "01/02/2025" in replies[2]


def test_a_document_is_downloaded_and_read(
    rig_factory: Any, tenants: tuple[Tenant, Tenant]
) -> None:
    rig = rig_factory()
    ana, _ = tenants
    document = {
        "id": "wamid.doc-1",
        "from": ANA_PHONE,
        "type": "document",
        "document": {"id": "media-1", "filename": "factura.xml", "mime_type": "text/xml"},
    }
    assert rig.deliver(document) == 200
    rig.settle()
    # Kept in the database (any worker reads it), not in this machine's data folder.
    with company_session(rig.channel.state.engine, ana.company_id) as session:
        stored = session.exec(select(StoredFile).where(StoredFile.name == "factura.xml")).all()
    assert stored and stored[-1].content == INVOICE.read_bytes()
    assert not (rig.settings.data_dir / "uploads").exists()
    assert len(rig.graph.sent) == 1
    assert "Documentos encontrados**: 1" in rig.graph.sent[0]["text"]["body"]


def test_consent_with_reply_buttons(rig_factory: Any) -> None:
    entry = {
        "date": "2025-03-31",
        "description": "Papelería por WhatsApp",
        "lines": [
            {"account_code": "519530", "debit": "7000"},
            {"account_code": "110505", "credit": "7000"},
        ],
    }
    script = [
        ModelTurn(tool_calls=[("post_manual_entry", entry)]),
        ModelTurn(content="Listo: registré la papelería."),
    ]
    with ChatCompletionsServer(script) as llm:
        planner = LLMPlanner(
            api_key="k", base_url=llm.base_url, model="m", fallback=EmbeddedPlanner()
        )
        rig = rig_factory(planner)
        assert rig.deliver(text("wamid.consent-1", "registra la papelería")) == 200
        rig.settle()
        asked = rig.graph.sent[-1]
        assert asked["type"] == "interactive"
        buttons = asked["interactive"]["action"]["buttons"]
        approve = buttons[0]["reply"]["id"]
        assert approve.startswith("si:") and buttons[1]["reply"]["title"] == "Cancelar"
        tap = {
            "id": "wamid.consent-2",
            "from": ANA_PHONE,
            "type": "interactive",
            "interactive": {"type": "button_reply", "button_reply": {"id": approve, "title": "Sí"}},
        }
        assert rig.deliver(tap) == 200
        rig.settle()
        done = rig.graph.sent[-1]
        assert done["type"] == "text"
        assert "No hay ninguna operación" not in done["text"]["body"]
