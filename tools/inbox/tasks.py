"""The expenses agent on Huey: a pass every minute, the DIAN portal polled every 15
minutes into each company's inbox, the summary at 00:00 Bogotá.

Bogotá has no daylight saving time (UTC-5 all year), so Huey's UTC crontab hour 5 is
midnight there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from huey import Huey, crontab

from cuadre.settings import Settings, get_settings
from tools.engines import task_engine
from tools.inbox.agent import process_all, summarize_all
from tools.inbox.polling import poll_all

MIDNIGHT_BOGOTA_UTC_HOUR = "5"
PORTAL_POLL_MINUTES = "*/15"


@dataclass(frozen=True)
class InboxTasks:
    """The periodic tasks registered on one Huey instance."""

    huey: Huey
    agent_tick: Any
    summary_tick: Any
    portal_tick: Any = None


def agent_pass(settings: Settings, now: datetime | None = None) -> dict[str, list[str]]:
    """One pass of the agent over every company with it on; numbers registered/for review."""
    with task_engine(settings) as engine:
        reports = process_all(engine, now=now or datetime.now(UTC))
    return {
        "registradas": [n for r in reports.values() for n in r.registered],
        "por_revisar": [n for r in reports.values() for n in r.needs_review],
    }


def daily_summaries(settings: Settings, now: datetime | None = None) -> int:
    """Store yesterday's figures for every company that activated the agent; how many."""
    with task_engine(settings) as engine:
        return len(summarize_all(engine, now=now or datetime.now(UTC)))


def portal_poll(settings: Settings, now: datetime | None = None) -> dict[str, int]:
    """Poll the DIAN portal of every company with an active link; totals of the pass."""
    with task_engine(settings) as engine:
        results = poll_all(engine, settings, now=now or datetime.now(UTC))
    return {
        "empresas": len(results),
        "nuevas": sum(r.added for r in results),
        "con_error": sum(1 for r in results if r.error),
    }


def register_inbox_tasks(huey: Huey) -> InboxTasks:
    """Declare the agent's minute tick and its midnight summary on `huey`."""

    @huey.periodic_task(crontab(minute="*"))
    def expense_agent_tick() -> dict[str, list[str]]:
        """Register the purchases that arrived while the agent is on."""
        return agent_pass(get_settings())

    @huey.periodic_task(crontab(minute="0", hour=MIDNIGHT_BOGOTA_UTC_HOUR))
    def expense_agent_summary() -> int:
        """Store the previous day's figures (00:00 America/Bogota)."""
        return daily_summaries(get_settings())

    @huey.periodic_task(crontab(minute=PORTAL_POLL_MINUTES))
    def inbox_portal_poll() -> dict[str, int]:
        """Bring each company's received DIAN documents into its inbox."""
        return portal_poll(get_settings())

    return InboxTasks(huey, expense_agent_tick, expense_agent_summary, inbox_portal_poll)
