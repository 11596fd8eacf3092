"""The expenses agent's stored daily summaries, for whoever publishes them (API, Slack).

`stored_summaries(engine, company_id, start, end)` only reads: the rows the 00:00 job
(`tools.inbox.agent.store_daily_summary`) wrote for that company and those days, oldest
first, as frozen values with their Spanish text. Nothing is computed or stored here.
`daily_summaries(session, ...)` gives the same days as the REST/Slack models.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlmodel import Session, select

from ledger.db import company_session
from ledger.models import DailySummary
from tools.errors import ToolError

MAX_DAYS = 366


@dataclass(frozen=True)
class SummaryView:
    """One day's figures (America/Bogota calendar) as stored at 00:00 the day after."""

    company_id: int
    day: date
    registered: int
    minutes_saved: int
    not_registered: int
    reasons: tuple[dict[str, object], ...]  # {"numero": "FE-1", "motivos": ["..."]}
    stored_at: datetime | None = None

    @property
    def text_es(self) -> str:
        """One line a person reads: "20/11/2026: 3 facturas registradas, ..."."""
        return (
            f"{self.day:%d/%m/%Y}: {self.registered} facturas registradas, "
            f"{self.minutes_saved} min ahorrados, {self.not_registered} sin registrar."
        )

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (ISO date), for REST bodies and chat messages."""
        return {
            "company_id": self.company_id,
            "day": self.day.isoformat(),
            "registered": self.registered,
            "minutes_saved": self.minutes_saved,
            "not_registered": self.not_registered,
            "reasons": [dict(reason) for reason in self.reasons],
            "text": self.text_es,
        }


def view_of(row: DailySummary) -> SummaryView:
    """The frozen view of a stored row."""
    return SummaryView(
        company_id=row.company_id,
        day=row.day,
        registered=row.registered,
        minutes_saved=row.minutes_saved,
        not_registered=row.not_registered,
        reasons=tuple(json.loads(row.reasons or "[]")),
        stored_at=row.created_at,
    )


def summaries_between(
    session: Session, start: date, end: date, company_id: int | None = None
) -> list[SummaryView]:
    """The summaries from `start` to `end` (inclusive), oldest first: the company session's,
    or `company_id`'s (an admin session publishing every company's day)."""
    if end < start:
        raise ToolError("periodo_invalido", "La fecha final es anterior a la inicial.")
    if (end - start).days >= MAX_DAYS:
        raise ToolError("periodo_largo", f"Pide como máximo {MAX_DAYS} días de resúmenes.")
    query = select(DailySummary).where(DailySummary.day >= start).where(DailySummary.day <= end)
    if company_id is not None:
        query = query.where(DailySummary.company_id == company_id)
    rows = session.exec(query.order_by(DailySummary.day)).all()  # type: ignore[arg-type]
    return [view_of(row) for row in rows]


def stored_summaries(engine: Engine, company_id: int, start: date, end: date) -> list[SummaryView]:
    """The stored daily summaries of `company_id` from `start` to `end`; raises `ToolError`."""
    with company_session(engine, company_id) as session:
        return summaries_between(session, start, end)


class Unregistered(BaseModel):
    """A purchase the agent left for a person, with its reasons (Spanish)."""

    model_config = ConfigDict(frozen=True)

    number: str
    reasons: list[str]


class DaySummary(BaseModel):
    """One stored day as the API and Slack publish it."""

    model_config = ConfigDict(frozen=True)

    day: date
    registered: int
    not_registered: int
    minutes_saved: int
    unregistered: list[Unregistered]
    stored_at: datetime | None


def unregistered_of(items: Iterable[Mapping[str, object]]) -> list[Unregistered]:
    """The purchases left for a person, from the Spanish-keyed rows the agent stores and
    the status tool shows (`{"numero": ..., "motivos": [...]}`)."""
    found = []
    for item in items:
        reasons = item.get("motivos") or []
        listed = reasons if isinstance(reasons, list | tuple) else [reasons]
        found.append(
            Unregistered(
                number=str(item.get("numero", "")), reasons=[str(reason) for reason in listed]
            )
        )
    return found


def as_day_summary(view: SummaryView) -> DaySummary:
    """The published model of one stored day (reasons under English keys)."""
    return DaySummary(
        day=view.day,
        registered=view.registered,
        not_registered=view.not_registered,
        minutes_saved=view.minutes_saved,
        unregistered=unregistered_of(view.reasons),
        stored_at=view.stored_at,
    )


def daily_summaries(session: Session, company_id: int, start: date, end: date) -> list[DaySummary]:
    """The company's stored summaries from `start` to `end` (inclusive), oldest first."""
    return [as_day_summary(view) for view in summaries_between(session, start, end, company_id)]
