"""Slack: a slack-bolt app mounted at /slack/events and /slack/interactions.

Bolt checks the signing secret and acknowledges at once; the agent turn runs after the
ack (bolt's thread pool), so Slack gets its answer within 3 s. Retries are dropped by
`event_id`. One agent thread per Slack thread (`company:user:slack:<channel>-<ts>`).
Previews go out as Block Kit with Confirmar / Cancelar buttons. Each Slack member
speaks as the Cuadre user an administrator linked it to (`cuadre slack link`);
`CUADRE_SLACK_COMPANY_NIT`, when set, is the fallback company for unlinked members, and
without it they are told to ask an administrator.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request, Response
from slack_bolt import App
from slack_bolt.adapter.fastapi import SlackRequestHandler
from slack_sdk import WebClient
from sqlmodel import select

from agent.turn import TurnResult
from api.channels.dedup import first_delivery
from api.channels.links import principal_for_slack
from api.state import AppState
from ledger.companies import split_nit
from ledger.db import admin_session
from ledger.models import Company
from tools.context import Principal

log = logging.getLogger(__name__)
APPROVE, CANCEL = "cuadre_approve", "cuadre_cancel"
MENTION = re.compile(r"<@[A-Z0-9]+>")


NOT_LINKED = (
    "Todavía no te reconozco en Cuadre. Pide a un administrador de tu empresa que vincule "
    "tu usuario de Slack con el tuyo de Cuadre (`cuadre slack link`) y vuelve a escribirme."
)


def _principal(state: AppState, team_id: str, slack_user: str) -> Principal | None:
    """The linked Cuadre user; else the workspace's company when `slack_company_nit` is set."""
    linked = principal_for_slack(state.engine, team_id, slack_user)
    if linked is not None or not state.settings.slack_company_nit:
        return linked
    # Fallback for single-company deployments: every member speaks for that company.
    nit, _ = split_nit(state.settings.slack_company_nit)
    with admin_session(state.engine) as session:
        company = session.exec(select(Company).where(Company.nit == nit)).first()
    if company is None:
        log.error("CUADRE_SLACK_COMPANY_NIT names no company")
        return None
    return Principal(company_id=company.id, user_name=f"slack:{slack_user}", channel="slack")


def blocks_for(result: TurnResult, thread: str) -> list[dict[str, Any]]:
    """The reply as Block Kit; a pending preview gets approve/cancel buttons."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": result.reply[:2900] or "…"}}
    ]
    pending = result.pending_confirmation
    if pending:
        value = json.dumps({"thread": thread, "id": pending["id"]})
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": APPROVE,
                        "style": "primary",
                        "text": {"type": "plain_text", "text": "Confirmar"},
                        "value": value,
                    },
                    {
                        "type": "button",
                        "action_id": CANCEL,
                        "text": {"type": "plain_text", "text": "Cancelar"},
                        "value": value,
                    },
                ],
            }
        )
    return blocks


def build_bolt(state: AppState) -> App:
    """The bolt app with its listeners; its Web API client points at `slack_api_url`."""
    settings = state.settings
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    bolt = App(
        signing_secret=settings.slack_signing_secret,
        client=client,
        token_verification_enabled=False,
    )

    def reply(channel: str, thread_ts: str, result: TurnResult, thread: str) -> None:
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=result.reply[:3000],
            blocks=blocks_for(result, thread),
        )

    def turn(body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("bot_id") or event.get("subtype"):
            return
        if not first_delivery(state.engine, "slack", str(body.get("event_id", ""))):
            return
        channel = str(event.get("channel", ""))
        thread_ts = str(event.get("thread_ts") or event.get("ts", ""))
        thread = f"{channel}-{thread_ts}"
        team = str(body.get("team_id") or event.get("team", ""))
        principal = _principal(state, team, str(event.get("user", "")))
        if principal is None:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=NOT_LINKED)
            return
        text = (
            str(event.get("text", "")).split(">", 1)[-1].strip()
            if "<@" in str(event.get("text", ""))
            else str(event.get("text", ""))
        )
        result = state.require_agent().run_turn(principal, thread, text)
        reply(channel, thread_ts, result, thread)

    @bolt.event("app_mention")
    def on_mention(body: dict[str, Any], event: dict[str, Any]) -> None:
        turn(body, event)

    @bolt.event("message")
    def on_message(body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("channel_type") == "im":
            turn(body, event)

    @bolt.command("/cuadre")
    def on_command(ack: Any, command: dict[str, Any]) -> None:
        team, user = str(command.get("team_id", "")), str(command.get("user_id", ""))
        principal = _principal(state, team, user)
        if principal is None:
            ack(NOT_LINKED)
            return
        ack("Un momento, lo reviso…")
        channel = str(command.get("channel_id", ""))
        result = state.require_agent().run_turn(
            principal, f"{channel}-cmd", command.get("text", "")
        )
        client.chat_postMessage(channel=channel, text=result.reply[:3000])

    def on_button(ack: Any, body: dict[str, Any], approve: bool) -> None:
        ack()
        action = body["actions"][0]
        value = json.loads(action["value"])
        user = body.get("user", {})
        team = str(body.get("team", {}).get("id") or user.get("team_id", ""))
        principal = _principal(state, team, str(user.get("id", "")))
        channel = str(body.get("channel", {}).get("id", ""))
        thread_ts = value["thread"].split("-", 1)[-1]
        if principal is None:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=NOT_LINKED)
            return
        result = state.require_agent().confirm(principal, value["thread"], value["id"], approve)
        reply(channel, thread_ts, result, value["thread"])

    @bolt.action(APPROVE)
    def on_approve(ack: Any, body: dict[str, Any]) -> None:
        on_button(ack, body, True)

    @bolt.action(CANCEL)
    def on_cancel(ack: Any, body: dict[str, Any]) -> None:
        on_button(ack, body, False)

    return bolt


def mount_slack(app: FastAPI, state: AppState) -> None:
    """Add /slack/events and /slack/interactions (the /cuadre command posts to events)."""
    handler = SlackRequestHandler(build_bolt(state))

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        return await handler.handle(request)

    @app.post("/slack/interactions", include_in_schema=False)
    async def slack_interactions(request: Request) -> Response:
        return await handler.handle(request)
