"""The expenses agent's stored daily summaries (written at 00:00 Bogotá), read back."""

from __future__ import annotations

import json
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select

from ledger.models import DailySummary


class Unregistered(BaseModel):
    """A purchase the agent left for a person, with its reasons (Spanish)."""

    model_config = ConfigDict(frozen=True)

    number: str
    reasons: list[str]


class DaySummary(BaseModel):
    """One stored day: registered, left for review, minutes saved."""

    model_config = ConfigDict(frozen=True)

    day: date
    registered: int
    not_registered: int
    minutes_saved: int
    unregistered: list[Unregistered]
    stored_at: datetime


def _unregistered(raw: str) -> list[Unregistered]:
    # Stored with the Spanish keys the CLI prints (`numero`, `motivos`).
    return [
        Unregistered(number=str(item.get("numero", "")), reasons=list(item.get("motivos", [])))
        for item in json.loads(raw or "[]")
    ]


def daily_summaries(session: Session, company_id: int, start: date, end: date) -> list[DaySummary]:
    """The company's stored summaries from `start` to `end` (inclusive), oldest first."""
    rows = session.exec(
        select(DailySummary)
        .where(
            DailySummary.company_id == company_id,
            col(DailySummary.day) >= start,
            col(DailySummary.day) <= end,
        )
        .order_by(col(DailySummary.day))
    ).all()
    return [
        DaySummary(
            day=row.day,
            registered=row.registered,
            not_registered=row.not_registered,
            minutes_saved=row.minutes_saved,
            unregistered=_unregistered(row.reasons),
            stored_at=row.created_at,
        )
        for row in rows
    ]
