"""Login throttling: repeated failures per e-mail and per address get 429 with Retry-After,
counted in the database so every worker (here: two apps on one database) sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.app import create_app
from api.auth import throttle
from api.auth.users import create_user
from cuadre.settings import Settings
from ledger.db import init_db, make_engine
from tests.api.conftest import PASSWORD, settings_for
from tests.utils.companies import new_company


def _deployment(tmp_path: Path, **limits: int) -> tuple[Settings, Engine]:
    settings = settings_for(tmp_path, **limits)
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    company_id = new_company(engine, name="FERRETERÍA EL TORNILLO FELIZ SAS")
    for email in ("ana@tornillo.co", "beto@tornillo.co"):
        create_user(engine, email=email, name="x", password=PASSWORD, company_id=company_id)
    return settings, engine


def _login(client: TestClient, email: str, password: str) -> int:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    return response.status_code


def test_failures_per_email_lock_it_even_on_another_worker(tmp_path: Path) -> None:
    settings, engine = _deployment(tmp_path, login_failures_per_email=3)
    first = TestClient(create_app(settings, engine=engine))
    second = TestClient(create_app(settings, engine=engine))  # another worker, same database
    assert [_login(first, "ana@tornillo.co", "mala") for _ in range(3)] == [401, 401, 401]
    refused = second.post(
        "/api/v1/auth/login", json={"email": "ANA@tornillo.co ", "password": PASSWORD}
    )
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "demasiados_intentos" and "Espera 15 minutos" in error["message"]
    assert 890 <= int(refused.headers["Retry-After"]) <= 900
    # Another e-mail from the same address is still welcome.
    assert _login(second, "beto@tornillo.co", PASSWORD) == 200
    engine.dispose()


def test_a_success_clears_the_emails_failures(tmp_path: Path) -> None:
    settings, engine = _deployment(tmp_path, login_failures_per_email=3)
    client = TestClient(create_app(settings, engine=engine))
    assert [_login(client, "ana@tornillo.co", "mala") for _ in range(2)] == [401, 401]
    assert _login(client, "ana@tornillo.co", PASSWORD) == 200
    assert [_login(client, "ana@tornillo.co", "mala") for _ in range(3)] == [401, 401, 401]
    assert _login(client, "ana@tornillo.co", PASSWORD) == 429
    engine.dispose()


def test_failures_per_address_cover_every_email(tmp_path: Path) -> None:
    settings, engine = _deployment(tmp_path, login_failures_per_address=4)
    client = TestClient(create_app(settings, engine=engine))
    tries = [_login(client, f"nadie{n}@x.co", "mala") for n in range(4)]
    assert tries == [401] * 4
    assert _login(client, "beto@tornillo.co", PASSWORD) == 429
    engine.dispose()


def test_the_window_ends(tmp_path: Path) -> None:
    _settings, engine = _deployment(tmp_path)
    limits = throttle.Limits(per_email=2, per_address=50, window=timedelta(minutes=15))
    start = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    for _ in range(2):
        throttle.record_failure(engine, "ana@tornillo.co", "10.0.0.1", limits, start)
    later = start + timedelta(minutes=10)
    assert throttle.retry_after(engine, "ana@tornillo.co", "10.0.0.9", limits, later) == 300
    after = start + timedelta(minutes=15, seconds=1)
    assert throttle.retry_after(engine, "ana@tornillo.co", "10.0.0.1", limits, after) is None
    throttle.record_failure(engine, "ana@tornillo.co", "10.0.0.1", limits, after)  # new window
    assert throttle.retry_after(engine, "ana@tornillo.co", "10.0.0.1", limits, after) is None
    engine.dispose()
