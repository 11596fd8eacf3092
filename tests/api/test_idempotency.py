"""Stored idempotent answers expire after a day; a claim left by a dead process is freed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from api.errors import ApiError
from api.idempotency import run_once
from ledger.db import company_session, init_db, make_engine
from ledger.models import IdempotencyRecord
from ledger.models.base import utcnow
from tests.ledger.conftest import BACKENDS, database_urls
from tests.utils.companies import new_company


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    for url in database_urls(request.param, tmp_path):
        engine = make_engine(url)
        init_db(engine)
        yield engine
        engine.dispose()


def post(engine: Engine, company_id: int, key: str, amount: int) -> int:
    """One idempotent 'post' whose work returns the amount; the status code answered."""
    with company_session(engine, company_id) as session:
        response = run_once(
            session,
            company_id=company_id,
            key=key,
            route="/journal-entries",
            body={"amount": amount},
            work=lambda: {"amount": amount},
        )
        return response.status_code


def age(engine: Engine, company_id: int, key: str, by: timedelta, *, status: int) -> None:
    with company_session(engine, company_id) as session:
        record = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == key)).one()
        record.created_at = utcnow() - by
        record.status_code = status
        session.add(record)
        session.commit()


def test_a_key_answers_the_same_for_a_day_then_can_be_used_again(engine: Engine) -> None:
    company_id = new_company(engine)
    assert post(engine, company_id, "nomina-marzo", 100) == 201
    with pytest.raises(ApiError, match="otro contenido"):
        post(engine, company_id, "nomina-marzo", 200)
    age(engine, company_id, "nomina-marzo", timedelta(hours=25), status=201)
    assert post(engine, company_id, "nomina-marzo", 200) == 201


def test_a_claim_abandoned_by_a_dead_worker_is_released_after_minutes(engine: Engine) -> None:
    company_id = new_company(engine)
    assert post(engine, company_id, "egreso-1", 100) == 201
    age(engine, company_id, "egreso-1", timedelta(minutes=1), status=0)
    with pytest.raises(ApiError, match="en proceso"):
        post(engine, company_id, "egreso-1", 100)
    age(engine, company_id, "egreso-1", timedelta(minutes=6), status=0)
    assert post(engine, company_id, "egreso-1", 100) == 201
