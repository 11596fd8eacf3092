"""Slack: signed events answered in the thread, forged ones refused, retries deduplicated,
previews as Block Kit buttons. Replies land on a local stand-in of the Slack Web API."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.planners.llm import LLMPlanner
from agent.turn import Agent
from api.app import create_app
from cuadre.settings import Settings
from ledger.db import admin_session
from ledger.models import Company
from tests.api.conftest import Tenant
from tests.stand_ins.chat_completions import ChatCompletionsServer, ModelTurn
from tests.stand_ins.slack_api import SlackApiServer

SECRET = "secreto-de-firma-slack"


def signed(body: str, secret: str = SECRET) -> dict[str, str]:
    stamp = str(int(time.time()))
    mac = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={mac}"}


@pytest.fixture
def slack(
    api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> Iterator[tuple[TestClient, SlackApiServer]]:
    with slack_rig(api_env, tenants, None) as rig:
        yield rig


@contextmanager
def slack_rig(
    api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant], planner: object
) -> Iterator[tuple[TestClient, SlackApiServer]]:
    """The app with Slack configured against a stand-in Web API (and an optional planner)."""
    base, engine = api_env
    ana, _ = tenants
    with admin_session(engine) as session:
        company = session.get(Company, ana.company_id)
        assert company is not None
        nit = company.nit_with_dv
    with SlackApiServer() as server, open_checkpointer(base) as saver:
        settings = base.model_copy(
            update={
                "slack_signing_secret": SECRET,
                "slack_bot_token": "xoxb-prueba",
                "slack_api_url": server.base_url,
                "slack_company_nit": nit,
            }
        )
        agent = Agent(settings=settings, engine=engine, checkpointer=saver, planner=planner)
        with TestClient(create_app(settings, engine=engine, agent=agent)) as client:
            yield client, server


def _event(event_id: str, text: str) -> str:
    return json.dumps(
        {
            "type": "event_callback",
            "event_id": event_id,
            "event": {
                "type": "app_mention",
                "user": "U1",
                "channel": "C1",
                "ts": "1700000000.000100",
                "text": f"<@UBOT> {text}",
            },
        }
    )


def test_signed_mention_is_answered_in_its_thread_once(
    slack: tuple[TestClient, SlackApiServer],
) -> None:
    client, server = slack
    body = _event("Ev-balance-1", "balance de prueba de marzo de 2025")
    started = time.monotonic()
    response = client.post(
        "/slack/events", content=body, headers={**signed(body), "Content-Type": "application/json"}
    )
    assert response.status_code == 200
    assert time.monotonic() - started < 3
    sent = server.wait_for(1)[0]
    assert sent["channel"] == "C1" and sent["thread_ts"] == "1700000000.000100"
    assert "$ 150.000,00" in sent["text"]
    # Slack retries the same event_id: no second reply.
    retry = client.post(
        "/slack/events",
        content=body,
        headers={**signed(body), "Content-Type": "application/json", "X-Slack-Retry-Num": "1"},
    )
    assert retry.status_code == 200
    time.sleep(1.0)
    assert len(server.posted()) == 1


def test_forged_signature_is_refused(slack: tuple[TestClient, SlackApiServer]) -> None:
    client, server = slack
    body = _event("Ev-forged", "balance de prueba")
    response = client.post(
        "/slack/events",
        content=body,
        headers={**signed(body, "otro-secreto"), "Content-Type": "application/json"},
    )
    assert response.status_code == 401
    time.sleep(0.5)
    assert server.posted() == []


def test_slash_command_acks_and_posts(slack: tuple[TestClient, SlackApiServer]) -> None:
    client, server = slack
    body = urlencode(
        {
            "command": "/cuadre",
            "text": "balance de prueba de marzo de 2025",
            "channel_id": "C2",
            "user_id": "U1",
            "team_id": "T1",
        }
    )
    response = client.post(
        "/slack/events",
        content=body,
        headers={**signed(body), "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert "Un momento" in response.text
    sent = server.wait_for(1)[0]
    assert sent["channel"] == "C2"
    assert "$ 150.000,00" in sent["text"]


ENTRY = {
    "date": "2025-03-31",
    "description": "Papelería por Slack",
    "lines": [
        {"account_code": "519530", "debit": "3000"},
        {"account_code": "110505", "credit": "3000"},
    ],
}


@pytest.fixture
def llm() -> Iterator[ChatCompletionsServer]:
    script = [
        ModelTurn(tool_calls=[("post_manual_entry", ENTRY)]),
        ModelTurn(content="Listo: registré la papelería."),
    ]
    with ChatCompletionsServer(script) as server:
        yield server


def test_preview_buttons_then_approve(
    llm: ChatCompletionsServer, api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    planner = LLMPlanner(api_key="k", base_url=llm.base_url, model="m", fallback=EmbeddedPlanner())
    with slack_rig(api_env, tenants, planner) as (client, server):
        body = _event("Ev-consent-1", "registra la papelería")
        client.post(
            "/slack/events",
            content=body,
            headers={**signed(body), "Content-Type": "application/json"},
        )
        preview = server.wait_for(1)[0]
        blocks = (
            json.loads(preview["blocks"])
            if isinstance(preview["blocks"], str)
            else preview["blocks"]
        )
        actions = next(b for b in blocks if b["type"] == "actions")["elements"]
        assert [a["text"]["text"] for a in actions] == ["Confirmar", "Cancelar"]
        payload = {
            "type": "block_actions",
            "user": {"id": "U1"},
            "channel": {"id": "C1"},
            "team": {"id": "T1"},
            "actions": [{"action_id": actions[0]["action_id"], "value": actions[0]["value"]}],
        }
        form = urlencode({"payload": json.dumps(payload)})
        response = client.post(
            "/slack/interactions",
            content=form,
            headers={**signed(form), "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 200
        done = server.wait_for(2)[1]
        assert done["thread_ts"] == "1700000000.000100"
        assert "No hay ninguna operación" not in done["text"]
