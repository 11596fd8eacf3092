"""UTC instants in and out of the database (SQLite gives naive datetimes back)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utc(moment: datetime) -> datetime:
    """Aware UTC; a naive value read from SQLite is UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def backoff(attempts: int, *, cap_minutes: int = 30) -> timedelta:
    """1, 2, 4, 8, 16, 30, 30, ... minutes after the n-th failed attempt."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), cap_minutes))
