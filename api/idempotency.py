"""Idempotent integration posts: one stored answer per company, key and route.

The key is claimed (a row with status 0) before the work runs, so a concurrent retry
sees the claim instead of posting twice; the answer replaces the claim on success and
the claim is released on failure, so the client may retry after fixing its data.

Answers are kept for a day (a payroll product retries within minutes or hours, not
weeks); a claim whose process died without answering is released after a few minutes,
so the client's next retry runs instead of hearing "en proceso" forever.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from api.errors import ApiError
from ledger.entry_writer import lock_books
from ledger.models import IdempotencyRecord
from ledger.models.base import utcnow

ANSWER_LIFETIME = timedelta(hours=24)
ABANDONED_CLAIM = timedelta(minutes=5)


def _plain(value: Any) -> str:
    # 2000000 and 2000000.00 are the same amount: a retry may format it either way.
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def body_hash(body: Any) -> str:
    """sha256 of the body's canonical JSON (key order, spacing, amount format ignored)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=_plain)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _stored(session: Session, key: str, route: str) -> IdempotencyRecord | None:
    return session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.key == key, IdempotencyRecord.route == route
        )
    ).first()


def forget_expired(session: Session, company_id: int, now: datetime) -> int:
    """Delete the company's answers older than a day and its claims abandoned mid-work."""
    created = col(IdempotencyRecord.created_at)
    stale = or_(
        created < now - ANSWER_LIFETIME,
        and_(col(IdempotencyRecord.status_code) == 0, created < now - ABANDONED_CLAIM),
    )
    result = session.exec(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.company_id) == company_id, stale)
    )
    return int(result.rowcount or 0)


def _replay(record: IdempotencyRecord, digest: str) -> JSONResponse:
    if record.body_hash != digest:
        raise ApiError(
            409,
            "clave_idempotencia_reutilizada",
            "Esa Idempotency-Key ya se usó con otro contenido; envía una clave nueva.",
        )
    if record.status_code == 0:
        raise ApiError(
            409, "solicitud_en_proceso", "Una solicitud con esa clave aún está en proceso."
        )
    return JSONResponse(
        record.response, status_code=record.status_code, headers={"Idempotent-Replay": "true"}
    )


def run_once(
    session: Session,
    *,
    company_id: int,
    key: str,
    route: str,
    body: Any,
    work: Callable[[], dict[str, Any]],
    status_code: int = 201,
) -> JSONResponse:
    """Run `work` once for (company, key, route); retries get the first answer back."""
    digest = body_hash(body)
    # Take the company's write lock before reading the key: on SQLite a transaction that
    # reads first and writes later fails at once ("database is locked") when another
    # request wrote in between; holding the lock makes concurrent retries wait their turn.
    lock_books(session, company_id)
    forget_expired(session, company_id, utcnow())
    existing = _stored(session, key, route)
    if existing is not None:
        return _replay(existing, digest)
    claim = IdempotencyRecord(
        company_id=company_id, key=key, route=route, body_hash=digest, status_code=0
    )
    session.add(claim)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raced = _stored(session, key, route)
        assert raced is not None
        return _replay(raced, digest)
    try:
        lock_books(session, company_id)  # the work reads, then writes: writer from the start
        response = work()
    except BaseException:
        session.rollback()
        session.delete(claim)
        session.commit()
        raise
    claim.status_code = status_code
    claim.response = response
    session.add(claim)
    session.commit()
    return JSONResponse(response, status_code=status_code)
