"""Chat over HTTP: one turn as JSON, the same turn as Server-Sent Events, and consent."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import func, select

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.planners.llm import LLMPlanner
from agent.turn import Agent
from api.app import create_app
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import JournalEntry
from tests.api.conftest import Tenant
from tests.stand_ins.chat_completions import ChatCompletionsServer, ModelTurn


def _events(raw: str) -> list[tuple[str, dict[str, object]]]:
    found = []
    for frame in raw.split("\n\n"):
        lines = frame.strip().splitlines()
        if not lines or lines[0].startswith(":"):
            continue
        name = lines[0].removeprefix("event: ")
        found.append((name, json.loads(lines[1].removeprefix("data: "))))
    return found


def test_chat_answers_with_the_callers_books(
    client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, _ = tenants
    response = client.post(
        "/api/v1/chat",
        json={"message": "balance de prueba de marzo de 2025", "thread_id": "balance"},
        headers=ana.bearer,
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["thread_id"] == f"{ana.company_id}:{_user(client, ana)}:api:balance"
    assert "$ 150.000,00" in result["reply"]


def test_stream_sends_tool_and_final_events(
    client: TestClient, tenants: tuple[Tenant, Tenant]
) -> None:
    ana, _ = tenants
    with client.stream(
        "POST",
        "/api/v1/chat/stream",
        json={"message": "balance de prueba de marzo de 2025", "thread_id": "sse"},
        headers=ana.bearer,
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join(response.iter_text())
    events = _events(raw)
    names = [name for name, _ in events]
    assert "tool" in names and names[-1] == "final"
    final = events[-1][1]["result"]
    assert isinstance(final, dict) and "$ 150.000,00" in str(final["reply"])


ENTRY = {
    "date": "2025-03-31",
    "description": "Papelería de marzo",
    "lines": [
        {"account_code": "519530", "debit": "20000"},
        {"account_code": "110505", "credit": "20000"},
    ],
}


def test_preview_then_confirm_posts_once(
    tenants: tuple[Tenant, Tenant], api_env: tuple[Settings, Engine]
) -> None:
    ana, _ = tenants
    settings, engine = api_env
    script = [
        ModelTurn(tool_calls=[("post_manual_entry", ENTRY)]),
        ModelTurn(content="Listo: registré la papelería de marzo."),
    ]
    before = _entries(engine, ana.company_id)
    with ChatCompletionsServer(script) as server, open_checkpointer(settings) as saver:
        planner = LLMPlanner(
            api_key="k", base_url=server.base_url, model="m", fallback=EmbeddedPlanner()
        )
        agent = Agent(settings=settings, engine=engine, checkpointer=saver, planner=planner)
        with TestClient(create_app(settings, engine=engine, agent=agent)) as client:
            asked = client.post(
                "/api/v1/chat",
                json={"message": "registra la papelería de marzo", "thread_id": "consent"},
                headers=ana.bearer,
            ).json()
            pending = asked["pending_confirmation"]
            assert pending is not None, asked["reply"]
            assert "$ 20.000,00" in asked["reply"]
            assert _entries(engine, ana.company_id) == before
            body = {
                "thread_id": asked["thread_id"],
                "confirmation_id": pending["id"],
                "approve": True,
            }
            done = client.post("/api/v1/chat/confirm", json=body, headers=ana.bearer).json()
            assert done["pending_confirmation"] is None
            assert _entries(engine, ana.company_id) == before + 1
            again = client.post("/api/v1/chat/confirm", json=body, headers=ana.bearer).json()
            assert "No hay ninguna operación" in again["reply"]
            assert _entries(engine, ana.company_id) == before + 1


def _entries(engine: Engine, company_id: int) -> int:
    with company_session(engine, company_id) as session:
        return int(session.exec(select(func.count()).select_from(JournalEntry)).one())


def _user(client: TestClient, tenant: Tenant) -> int:
    return int(client.get("/api/v1/auth/me", headers=tenant.bearer).json()["user_id"])
