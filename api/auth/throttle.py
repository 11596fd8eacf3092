"""Login throttling: too many failed logins per e-mail or per client address wait a while.

The counters live in the database (`login_throttle`), so every worker and machine sees
the same ones. Keys are hashed: the table never holds the e-mails or addresses tried.
A fixed window per key: after `max_failures` failures within `window`, logins for that
key are refused (even with the right password) until the window ends.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from api.errors import ApiError
from cuadre.settings import Settings
from ledger.db import admin_session
from ledger.models import LoginThrottle


@dataclass(frozen=True)
class Limits:
    """How many failures each kind of key may have within one window."""

    per_email: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        """The limits the settings ask for (`CUADRE_LOGIN_*`)."""
        return cls(
            settings.login_failures_per_email,
            settings.login_failures_per_address,
            timedelta(seconds=settings.login_window_seconds),
        )


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()
    return f"{kind}:{digest}"


def keys(email: str, address: str, limits: Limits) -> list[tuple[str, int]]:
    """The throttle keys of one attempt with their limits (e-mail, then address)."""
    return [(_key("email", email), limits.per_email), (_key("ip", address), limits.per_address)]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def retry_after(
    engine: Engine, email: str, address: str, limits: Limits, now: datetime
) -> int | None:
    """Seconds to wait when the e-mail or the address is over its limit, else None."""
    wanted = dict(keys(email, address, limits))
    with admin_session(engine) as session:
        rows = session.exec(select(LoginThrottle).where(col(LoginThrottle.key).in_(wanted)))
        waits = [
            (_aware(row.window_start) + limits.window - now).total_seconds()
            for row in rows
            if row.failures >= wanted[row.key] and _aware(row.window_start) + limits.window > now
        ]
    return max(1, math.ceil(max(waits))) if waits else None


def record_failure(engine: Engine, email: str, address: str, limits: Limits, now: datetime) -> None:
    """Count one failed login against the e-mail and the address."""
    start_after = now - limits.window
    with admin_session(engine) as session:
        session.execute(delete(LoginThrottle).where(col(LoginThrottle.window_start) <= start_after))
        for key, _limit in keys(email, address, limits):
            # Atomic increment: parallel failures on several workers all count.
            bumped = session.execute(
                update(LoginThrottle)
                .where(col(LoginThrottle.key) == key)
                .values(failures=LoginThrottle.failures + 1)
            )
            if not getattr(bumped, "rowcount", 0):
                try:
                    with session.begin_nested():
                        session.add(LoginThrottle(key=key, window_start=now, failures=1))
                except IntegrityError:  # another worker inserted it first: count on its row
                    session.execute(
                        update(LoginThrottle)
                        .where(col(LoginThrottle.key) == key)
                        .values(failures=LoginThrottle.failures + 1)
                    )
        session.commit()


def clear(engine: Engine, email: str) -> None:
    """A successful login forgets the e-mail's failures (the address keeps its count)."""
    with admin_session(engine) as session:
        session.execute(delete(LoginThrottle).where(col(LoginThrottle.key) == _key("email", email)))
        session.commit()


def too_many(seconds: int) -> ApiError:
    """429 with Retry-After and a Spanish message saying how long to wait."""
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minuto" if minutes == 1 else "minutos"
    error = ApiError(
        429,
        "demasiados_intentos",
        f"Demasiados intentos fallidos de inicio de sesión. Espera {minutes} {unit} y vuelve "
        "a intentarlo.",
    )
    error.headers = {"Retry-After": str(seconds)}
    return error
