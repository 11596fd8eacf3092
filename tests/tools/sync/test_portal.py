"""The DIAN portal client against the local stand-in (FastAPI + uvicorn on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import Document, SyncJob
from tests.tools.sync.docs import OURS
from tools.errors import ToolError
from tools.sync.generate import plan_year
from tools.sync.job import advance, commit_job, create_job
from tools.sync.portal import DianPortal, check_link, download_period
from tools.sync.portal_standin import StandIn, run_standin
from tools.sync.ubl_writer import GenParty

COMPANY = GenParty(OURS.nit, OURS.dv, OURS.name)
FIRST, LAST = date(2024, 1, 1), date(2024, 6, 30)


@pytest.fixture(scope="module")
def portal() -> Iterator[tuple[StandIn, str]]:
    state = StandIn(COMPANY, plan_year(COMPANY, 2024, 120), stall_seconds=1.5)
    with run_standin(state) as base_url:
        yield state, base_url


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, dian_portal_allowed_hosts=("127.0.0.1",))


@pytest.fixture(autouse=True)
def healthy(portal: tuple[StandIn, str]) -> Iterator[None]:
    portal[0].mode = "ok"
    portal[0].token_ttl = 3600
    yield
    portal[0].mode = "ok"


def test_a_sync_from_the_token_link_downloads_the_period_and_commits(
    portal: tuple[StandIn, str], settings: Settings, engine: Engine, company_id: int
) -> None:
    state, base = portal
    job_id = create_job(
        engine, company_id, portal={"link": state.new_link(base)}, period=(FIRST, LAST),
        sync_date=date(2024, 12, 31),
    )  # fmt: skip
    with company_session(engine, company_id) as session:
        stored = session.get(SyncJob, job_id)
        assert stored is not None and "token" not in stored.sources  # kept sealed
    assert advance(engine, company_id, job_id, settings=settings) == "staged"
    assert commit_job(engine, company_id, job_id) == "done"
    expected = {
        d.number
        for d in state.documents
        if FIRST <= d.issue_date <= LAST and d.response_code == "02"
    }
    with company_session(engine, company_id) as session:
        assert {d.number for d in session.exec(select(Document))} == expected
        assert session.exec(select(func.count()).select_from(Document)).one() == len(expected)


def test_an_expired_link_says_to_ask_for_a_new_one(
    portal: tuple[StandIn, str], settings: Settings, engine: Engine, company_id: int
) -> None:
    state, base = portal
    state.mode = "expired"
    with pytest.raises(ToolError) as error:
        download_period(state.new_link(base), FIRST, LAST, settings)
    assert error.value.code == "enlace_vencido" and "nuevo" in error.value.message_es
    state.mode = "ok"
    old = datetime.now(UTC) - timedelta(hours=1, minutes=5)
    with pytest.raises(ToolError, match="dura una hora"):
        download_period(state.new_link(base), FIRST, LAST, settings, received_at=old)
    job_id = create_job(
        engine, company_id, portal={"link": f"{base}/User/AuthToken?token=x"}, period=(FIRST, LAST)
    )
    with pytest.raises(ToolError):
        advance(engine, company_id, job_id, settings=settings)
    with company_session(engine, company_id) as session:
        job = session.get(SyncJob, job_id)
        assert job is not None and job.state == "failed" and "enlace" in job.reason


def test_a_portal_that_is_down_says_to_check_the_service_and_retry(
    portal: tuple[StandIn, str], settings: Settings
) -> None:
    state, base = portal
    state.mode = "down"
    client = DianPortal(state.new_link(base), settings, backoff=0.01)
    with pytest.raises(ToolError) as error, client:
        client.open()
    assert error.value.code == "dian_no_responde"
    assert "servicio de la DIAN" in error.value.message_es


def test_an_intermittent_portal_is_retried_with_backoff(
    portal: tuple[StandIn, str], settings: Settings, tmp_path: Path
) -> None:
    state, base = portal
    state.mode = "flaky"
    files = download_period(
        state.new_link(base), FIRST, date(2024, 1, 31), settings, dest=tmp_path / "d"
    )
    assert files and all(path.read_bytes().startswith(b"PK") for path in files)


def test_a_stalled_portal_times_out_with_a_clear_message(
    portal: tuple[StandIn, str], settings: Settings
) -> None:
    state, base = portal
    state.mode = "stall"
    with (
        pytest.raises(ToolError, match="no responde"),
        DianPortal(state.new_link(base), settings, timeout=0.3, retries=1, backoff=0.01) as client,
    ):
        client.open()


def test_garbage_from_the_portal_is_refused(
    portal: tuple[StandIn, str], settings: Settings
) -> None:
    state, base = portal
    link = state.new_link(base)
    state.mode = "garbage"
    with pytest.raises(ToolError) as error:
        download_period(link, FIRST, LAST, settings)
    assert error.value.code in ("dian_respuesta_invalida", "dian_archivo_invalido")


def test_only_https_links_to_allowed_hosts_are_followed(settings: Settings) -> None:
    prod = Settings(data_dir=settings.data_dir)
    ok = "https://catalogo-vpfe.dian.gov.co/User/AuthToken?pk=1|2&rk=2&token=abc"
    assert check_link(ok, prod) == "https://catalogo-vpfe.dian.gov.co"
    for bad, code in (
        ("http://catalogo-vpfe.dian.gov.co/User/AuthToken?token=abc", "enlace_inseguro"),
        ("https://dian.gov.co.phishing.example/User/AuthToken?token=abc", "enlace_no_dian"),
        ("https://catalogo-vpfe.dian.gov.co/User/AuthToken?pk=1", "enlace_sin_token"),
    ):
        with pytest.raises(ToolError) as error:
            check_link(bad, prod)
        assert error.value.code == code
