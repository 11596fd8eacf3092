"""Recording the operations history (AuditEvent rows) next to the change they describe."""

from __future__ import annotations

from sqlmodel import Session

from ledger.models import AuditEvent


def record(
    session: Session,
    *,
    company_id: int,
    actor: str,
    action: str,
    entity: str = "",
    entity_id: int | None = None,
    source: str = "",
    batch_id: str | None = None,
    summary: str = "",
) -> AuditEvent:
    """Add an audit event to the session; it commits with the change it describes."""
    event = AuditEvent(
        company_id=company_id,
        actor=actor or "sistema",
        action=action,
        entity=entity,
        entity_id=entity_id,
        source=source,
        batch_id=batch_id,
        summary=summary[:500],
    )
    session.add(event)
    return event
