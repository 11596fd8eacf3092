"""The expenses agent's daily summary, posted to a Slack channel after 00:00 Bogotá.

Runs right after the midnight job stored the summaries (`cuadre.jobs`). Each company's
summary of the day goes once to `CUADRE_SLACK_SUMMARY_CHANNEL` through the same Slack
Web API client the Slack channel uses; a retried job does not post it again.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine, delete
from sqlmodel import col, select

from api.channels.dedup import first_delivery
from cuadre.settings import Settings
from ledger.db import admin_session, make_engine
from ledger.models import Company, DailySummary, WebhookEvent
from tools.inbox.agent import BOGOTA
from tools.inbox.summaries import DaySummary, daily_summaries

log = logging.getLogger(__name__)


def web_client(settings: Settings) -> WebClient:
    """The Slack Web API client (bot token, base URL from `slack_api_url`)."""
    return WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)


def summary_text(company: str, summary: DaySummary) -> str:
    """The summary as Slack mrkdwn, in Spanish."""
    lines = [
        f"*Agente de gastos · {company}*: resumen del {summary.day:%d/%m/%Y}",
        f"• Facturas registradas: {summary.registered}",
        f"• Tiempo ahorrado: {summary.minutes_saved} min",
        f"• Sin registrar: {summary.not_registered}",
    ]
    for item in summary.unregistered[:20]:
        lines.append(f"    ◦ {item.number}: {'; '.join(item.reasons)[:300]}")
    if len(summary.unregistered) > 20:
        lines.append(f"    ◦ y {len(summary.unregistered) - 20} más en el panel.")
    return "\n".join(lines)


def summary_day(now: datetime) -> date:
    """The day the midnight job summarizes: yesterday in Bogotá."""
    return now.astimezone(BOGOTA).date() - timedelta(days=1)


def post_daily_summaries(
    engine: Engine, settings: Settings, day: date, client: WebClient | None = None
) -> int:
    """Post every company's stored summary of `day`; how many were posted now."""
    channel = settings.slack_summary_channel
    if not (channel and settings.slack_bot_token):
        return 0
    client = client or web_client(settings)
    with admin_session(engine) as session:
        companies = session.exec(
            select(Company.id, Company.name)
            .join(DailySummary, col(DailySummary.company_id) == Company.id)
            .where(DailySummary.day == day)
            .order_by(col(Company.id))
        ).all()
        stored = [
            (name, daily_summaries(session, company_id, day, day)[0])
            for company_id, name in companies
            if company_id is not None
        ]
    posted = 0
    for (name, summary), (company_id, _) in zip(stored, companies, strict=True):
        if not first_delivery(engine, "slack_summary", f"{company_id}:{day.isoformat()}"):
            continue  # already posted by an earlier run of the job
        try:
            client.chat_postMessage(channel=channel, text=summary_text(name, summary))
            posted += 1
        except SlackApiError:
            log.exception("posting the daily summary of company %s to Slack failed", company_id)
            _forget(engine, f"{company_id}:{day.isoformat()}")  # the next run tries again
    return posted


def _forget(engine: Engine, event_id: str) -> None:
    with admin_session(engine) as session:
        session.execute(
            delete(WebhookEvent).where(
                col(WebhookEvent.source) == "slack_summary", col(WebhookEvent.event_id) == event_id
            )
        )
        session.commit()


def post_yesterday(settings: Settings, now: datetime | None = None) -> int:
    """The hook after the midnight job: post the day it just stored."""
    engine = make_engine(settings.sqlalchemy_url)
    try:
        return post_daily_summaries(engine, settings, summary_day(now or datetime.now(UTC)))
    finally:
        engine.dispose()
