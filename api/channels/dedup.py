"""Webhook deliveries handled once: a row per (source, event id); a retry hits the key."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from ledger.db import admin_session
from ledger.models import WebhookEvent


def first_delivery(engine: Engine, source: str, event_id: str) -> bool:
    """Record the delivery; False when it was already handled (a retry or a replay)."""
    with admin_session(engine) as session:
        session.add(WebhookEvent(source=source, event_id=event_id[:200]))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
    return True
