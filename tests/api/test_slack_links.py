"""Slack members speak as the Cuadre users an administrator linked them to; unknown
members are told to ask an administrator; the expenses agent's daily summary lands in
the configured channel right after the midnight job stores it. Replies go to a local
stand-in of the Slack Web API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from huey import MemoryHuey
from sqlalchemy import Engine

from agent.memory import open_checkpointer
from agent.turn import Agent
from api.app import create_app
from api.channels.links import link_slack_user, principal_for_slack
from api.channels.slack import NOT_LINKED
from api.channels.slack_summary import post_daily_summaries, summary_day
from cuadre import jobs
from cuadre.settings import Settings
from ledger.db import company_session
from tests.api.conftest import Tenant
from tests.api.test_slack import SECRET, signed
from tests.stand_ins.slack_api import SlackApiServer
from tools.errors import ToolError
from tools.inbox import tasks as inbox_tasks
from tools.inbox.agent import activate, store_daily_summary


@contextmanager
def rig(api_env: tuple[Settings, Engine]) -> Iterator[tuple[TestClient, SlackApiServer]]:
    """Slack configured without a fallback company: only linked members are answered."""
    base, engine = api_env
    with SlackApiServer() as server, open_checkpointer(base) as saver:
        settings = base.model_copy(
            update={
                "slack_signing_secret": SECRET,
                "slack_bot_token": "xoxb-prueba",
                "slack_api_url": server.base_url,
                "slack_company_nit": None,
            }
        )
        agent = Agent(settings=settings, engine=engine, checkpointer=saver)
        with TestClient(create_app(settings, engine=engine, agent=agent)) as client:
            yield client, server


def _mention(event_id: str, user: str, text: str) -> str:
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "event_id": event_id,
            "event": {
                "type": "app_mention", "user": user, "channel": "C9",
                "ts": "1700000001.000200", "text": f"<@UBOT> {text}",
            },
        }
    )  # fmt: skip


def _post(client: TestClient, body: str, kind: str = "application/json") -> int:
    headers = {**signed(body), "Content-Type": kind}
    return client.post("/slack/events", content=body, headers=headers).status_code


def test_linked_member_speaks_for_its_user_and_strangers_are_sent_to_an_admin(
    api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    _settings, engine = api_env
    ana, beto = tenants
    assert link_slack_user(
        engine, team_id="t1", slack_user_id="u7", email=ana.email, company_id=ana.company_id
    ) == ("T1", "U7")
    principal = principal_for_slack(engine, "T1", "U7")
    assert principal is not None and principal.company_id == ana.company_id
    assert principal.channel == "slack" and principal.user_id is not None
    with rig(api_env) as (client, server):
        assert (
            _post(client, _mention("Ev-link-1", "U7", "balance de prueba de marzo de 2025")) == 200
        )
        answered = server.wait_for(1)[0]
        assert answered["thread_ts"] == "1700000001.000200"
        assert "$ 150.000,00" in answered["text"]
        assert _post(client, _mention("Ev-link-2", "U8", "balance de prueba")) == 200
        stranger = server.wait_for(2)[1]
        assert stranger["text"] == NOT_LINKED and "administrador" in stranger["text"]
        command = urlencode(
            {"command": "/cuadre", "text": "balance", "channel_id": "C2", "user_id": "U8",
             "team_id": "T1"}
        )  # fmt: skip
        headers = {**signed(command), "Content-Type": "application/x-www-form-urlencoded"}
        response = client.post("/slack/events", content=command, headers=headers)
        assert response.status_code == 200 and "administrador" in response.text
        time.sleep(0.5)
        assert len(server.posted()) == 2  # the command was answered in its ack only
    # Re-linking moves the member; a non-member e-mail and a bad id are refused in Spanish.
    with pytest.raises(ToolError) as not_member:
        link_slack_user(
            engine, team_id="T1", slack_user_id="U7", email=beto.email, company_id=ana.company_id
        )
    assert not_member.value.code == "no_es_miembro"
    with pytest.raises(ToolError, match="no es un id"):
        link_slack_user(
            engine, team_id="T 1", slack_user_id="U7", email=ana.email, company_id=ana.company_id
        )


def test_daily_summary_is_posted_once_to_the_channel(
    api_env: tuple[Settings, Engine], tenants: tuple[Tenant, Tenant]
) -> None:
    base, engine = api_env
    ana, _beto = tenants
    with company_session(engine, ana.company_id) as session:
        store_daily_summary(session, now=datetime(2026, 4, 2, 5, 0, tzinfo=UTC))
    with SlackApiServer() as server:
        settings = base.model_copy(
            update={
                "slack_bot_token": "xoxb-prueba",
                "slack_api_url": server.base_url,
                "slack_summary_channel": "C-RESUMEN",
            }
        )
        assert post_daily_summaries(engine, settings, date(2026, 4, 1)) == 1
        [message] = server.wait_for(1)
        assert message["channel"] == "C-RESUMEN"
        assert "FERRETERÍA EL TORNILLO FELIZ SAS" in message["text"]
        assert "resumen del 01/04/2026" in message["text"]
        assert "Facturas registradas: 0" in message["text"]
        assert post_daily_summaries(engine, settings, date(2026, 4, 1)) == 0  # a retried job
        assert post_daily_summaries(engine, settings, date(2026, 4, 2)) == 0  # nothing stored
        unset = settings.model_copy(update={"slack_summary_channel": None})
        assert post_daily_summaries(engine, unset, date(2026, 4, 1)) == 0
    assert len(server.posted()) == 1


def test_the_midnight_job_posts_right_after_storing(
    api_env: tuple[Settings, Engine],
    tenants: tuple[Tenant, Tenant],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, engine = api_env
    ana, _beto = tenants
    with company_session(engine, ana.company_id) as session:
        activate(session, user_name="Ana", now=datetime.now(UTC))
    with SlackApiServer() as server:
        settings = base.model_copy(
            update={
                "slack_bot_token": "xoxb-prueba",
                "slack_api_url": server.base_url,
                "slack_summary_channel": "C-MEDIANOCHE",
            }
        )
        monkeypatch.setattr(jobs, "get_settings", lambda: settings)
        monkeypatch.setattr(inbox_tasks, "get_settings", lambda: settings)
        tasks = jobs.register_tasks(MemoryHuey("pruebas", immediate=True))
        assert tasks.inbox is not None
        tasks.inbox.summary_tick()  # the 00:00 Bogotá periodic task, run now
        [message] = server.wait_for(1)
    yesterday = summary_day(datetime.now(UTC))
    assert message["channel"] == "C-MEDIANOCHE"
    assert f"resumen del {yesterday:%d/%m/%Y}" in message["text"]
