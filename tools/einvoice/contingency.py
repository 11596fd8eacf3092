"""Contingency rules for DIAN outages (pure functions, Spanish messages beside them).

- The DIAN is confirmed down after N failed attempts in a short window, with no
  success in between; only then may the company switch to contingency (type 04).
- Invoices issued in contingency must be transmitted within 48 hours after the service
  is restored; the product warns before each deadline and reports missed ones.
- Credit and debit notes have no contingency procedure: they are refused.
- A normal document's issue date must equal its transmission date, so a draft issued
  later takes the transmission day's date and time (its CUFE changes accordingly).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from ledger.money import format_date
from tools.einvoice.types import DocumentKind, InvoiceDraft
from tools.errors import ToolError

COLOMBIA = timezone(timedelta(hours=-5))
TRANSMISSION_WINDOW = timedelta(hours=48)
DEFAULT_WARNINGS = (timedelta(hours=24), timedelta(hours=6), timedelta(hours=1))


@dataclass(frozen=True)
class Attempt:
    """One transmission attempt to the DIAN and whether the service answered."""

    at: datetime
    answered: bool


@dataclass(frozen=True)
class OutagePolicy:
    """How many failed attempts within which window confirm an outage."""

    failures: int = 3
    window: timedelta = timedelta(minutes=15)


def outage_confirmed(
    attempts: Sequence[Attempt], now: datetime, policy: OutagePolicy = OutagePolicy()
) -> bool:
    """True when the latest `policy.failures` attempts all failed inside the window.

    A single answer from the DIAN after the failures means it is not down.
    """
    recent = sorted((a for a in attempts if now - policy.window <= a.at <= now), key=lambda a: a.at)
    streak = 0
    for attempt in reversed(recent):
        if attempt.answered:
            break
        streak += 1
    return streak >= policy.failures


def transmission_deadline(service_restored_at: datetime) -> datetime:
    """Contingency invoices must reach the DIAN within 48 h after the service returns."""
    return service_restored_at + TRANSMISSION_WINDOW


class DeadlineLevel(StrEnum):
    """Where a contingency invoice stands against its deadline."""

    WAITING_SERVICE = "esperando_servicio"
    ON_TIME = "a_tiempo"
    DUE_SOON = "por_vencer"
    MISSED = "vencido"
    TRANSMITTED = "transmitido"
    TRANSMITTED_LATE = "transmitido_tarde"


@dataclass(frozen=True)
class DeadlineStatus:
    """A contingency invoice's deadline, the warning threshold crossed and the message."""

    number: str
    level: DeadlineLevel
    deadline: datetime | None
    warning: timedelta | None
    message_es: str


def deadline_status(
    number: str,
    *,
    service_restored_at: datetime | None,
    transmitted_at: datetime | None,
    now: datetime,
    warnings: Sequence[timedelta] = DEFAULT_WARNINGS,
) -> DeadlineStatus:
    """The deadline state of one contingency invoice at `now`."""
    if service_restored_at is None:
        return DeadlineStatus(
            number,
            DeadlineLevel.WAITING_SERVICE,
            None,
            None,
            f"La factura {number} se transmitirá cuando la DIAN restablezca el servicio; "
            "desde ese momento hay 48 horas.",
        )
    deadline = transmission_deadline(service_restored_at)
    when = _local_text(deadline)
    if transmitted_at is not None:
        late = transmitted_at > deadline
        return DeadlineStatus(
            number,
            DeadlineLevel.TRANSMITTED_LATE if late else DeadlineLevel.TRANSMITTED,
            deadline,
            None,
            f"La factura {number} se transmitió el {_local_text(transmitted_at)}"
            + (f", después del plazo ({when})." if late else ", dentro del plazo."),
        )
    remaining = deadline - now
    if remaining <= timedelta(0):
        return DeadlineStatus(
            number,
            DeadlineLevel.MISSED,
            deadline,
            None,
            f"Se venció el plazo para transmitir la factura {number} a la DIAN ({when}).",
        )
    crossed = [w for w in warnings if remaining <= w]
    if crossed:
        warning = min(crossed)
        return DeadlineStatus(
            number,
            DeadlineLevel.DUE_SOON,
            deadline,
            warning,
            f"La factura {number} debe transmitirse a la DIAN antes del {when}: "
            f"quedan {_duration_text(remaining)}.",
        )
    return DeadlineStatus(
        number,
        DeadlineLevel.ON_TIME,
        deadline,
        None,
        f"La factura {number} tiene plazo para transmitirse hasta el {when}.",
    )


def contingency_refusal(kind: DocumentKind) -> str | None:
    """Why a document cannot be issued in contingency (None when it can)."""
    if kind.is_note:
        return (
            f"No se puede emitir una {kind.label_es.lower()} en contingencia: la DIAN no tiene "
            "procedimiento de contingencia para notas crédito ni débito. Guárdala como "
            "borrador y emítela cuando el servicio se restablezca."
        )
    return None


def check_allowed_in_contingency(kind: DocumentKind) -> None:
    """Raise a `ToolError` for notes while the company is in contingency."""
    reason = contingency_refusal(kind)
    if reason is not None:
        raise ToolError("nota_en_contingencia", reason)


def for_transmission(draft: InvoiceDraft, transmitted_at: datetime) -> InvoiceDraft:
    """A draft issued later takes its transmission day's issue date and time.

    Contingency invoices keep the date the customer received them with.
    """
    if draft.kind is DocumentKind.CONTINGENCY:
        return draft
    local = transmitted_at.astimezone(COLOMBIA)
    return replace(draft, issue_date=local.date(), issue_time=local.time().replace(microsecond=0))


def _local_text(moment: datetime) -> str:
    local = moment.astimezone(COLOMBIA)
    return f"{format_date(local.date())} a las {local:%H:%M}"


def _duration_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"
