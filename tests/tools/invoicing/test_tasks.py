"""The Huey declarations: two periodic ticks that run the outboxes from the settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from huey import MemoryHuey

from cuadre.settings import Settings
from ledger.db import company_session, init_db, make_engine
from tests.stand_ins.dian_ws import DianStandIn
from tools.einvoice.signing import SigningCredentials
from tools.invoicing.issuing import create_document
from tools.invoicing.tasks import register_invoicing_tasks, run_outbox_once

from .conftest import CERT_PASSWORD, T0, bread_invoice, set_up_company


def test_ticks_are_periodic_every_minute() -> None:
    huey = MemoryHuey("invoicing-test")
    register_invoicing_tasks(huey)
    for minute in (0, 1, 37):
        due = huey.read_periodic(T0.replace(tzinfo=None, minute=minute))
        assert sorted(t.name for t in due) == ["invoicing_mail_tick", "invoicing_transmit_tick"]


def test_one_pass_from_the_settings(
    tmp_path: Path, cert_path: Path, credentials: SigningCredentials, dian: DianStandIn
) -> None:
    settings = Settings(
        data_dir=tmp_path, dian_ws_url=dian.url, dian_ws_timeout_seconds=2,
        einvoice_cert_path=cert_path, einvoice_cert_password=CERT_PASSWORD,
    )  # fmt: skip
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    company_id = set_up_company(engine)
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
    engine.dispose()
    sent, mailed = run_outbox_once(settings, T0 + timedelta(seconds=1))
    assert sent.accepted == ["FE1"]
    # No SMTP configured: the e-mail waits, with the reason on the timeline.
    assert mailed.retrying == ["FE1"]
