"""Accepted documents e-mailed to the customer through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import MailOutbox
from tests.stand_ins.dian_ws import DianStandIn
from tests.stand_ins.smtp import Mailbox, free_port, smtp_server
from tools.einvoice.dian_ws import DianWebService
from tools.einvoice.signing import SigningCredentials
from tools.invoicing.issuing import create_document
from tools.invoicing.mail_outbox import process_mail_outbox
from tools.invoicing.outbox import process_outbox
from tools.invoicing.timeline import document_timeline

from .conftest import CERT_PASSWORD, CUSTOMER, T0, bread_invoice, set_up_company

SENDER = "facturacion@laespiga.com.co"


def _settings(port: int, cert_path: Path) -> Settings:
    return Settings(
        smtp_url=f"smtp://cuadre:s3creta@127.0.0.1:{port}",
        smtp_sender=SENDER,
        einvoice_cert_path=cert_path,
        einvoice_cert_password=CERT_PASSWORD,
    )


def test_accepted_invoice_is_mailed_once_through_an_smtp_outage(
    engine: Engine,
    company_id: int,
    credentials: SigningCredentials,
    dian: DianStandIn,
    cert_path: Path,
) -> None:
    port = free_port()  # nobody listens yet: the SMTP server is down
    settings = _settings(port, cert_path)
    dian.control.accept_with_observations()
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        # Pending documents are never mailed.
        assert process_mail_outbox(engine, T0, settings, company_id=company_id).sent == []
    assert process_outbox(
        engine, T0, DianWebService(dian.url, timeout=2), company_id=company_id
    ).accepted == ["FE1"]

    first = process_mail_outbox(engine, T0 + timedelta(minutes=1), settings, company_id=company_id)
    assert first.retrying == ["FE1"]
    mailbox = Mailbox()
    controller = smtp_server(mailbox, port)
    controller.start()
    try:
        assert (
            process_mail_outbox(
                engine, T0 + timedelta(minutes=1), settings, company_id=company_id
            ).sent
            == []
        )
        assert process_mail_outbox(
            engine, T0 + timedelta(minutes=2), settings, company_id=company_id
        ).sent == ["FE1"]
        assert (
            process_mail_outbox(
                engine, T0 + timedelta(hours=2), settings, company_id=company_id
            ).sent
            == []
        )
    finally:
        controller.stop()

    [message] = mailbox.messages
    assert message["To"].addresses[0].addr_spec == "compras@elparque.com.co"
    assert message["Subject"].startswith(f"{_nit(engine, company_id)};Panadería La Espiga")
    [attachment] = list(message.iter_attachments())
    archive = zipfile.ZipFile(io.BytesIO(attachment.get_content()))
    names = sorted(archive.namelist())
    assert [n.rsplit(".", 1)[1] for n in names] == ["pdf", "xml"]
    attached = archive.read(next(n for n in names if n.endswith(".xml")))
    assert b"AttachedDocument" in attached and b"ApplicationResponse" in attached
    assert archive.read(next(n for n in names if n.endswith(".pdf"))).startswith(b"%PDF")
    with company_session(engine, company_id) as session:
        row = session.exec(select(MailOutbox)).one()
        assert row.sent and row.message_id == message["Message-ID"]
        kinds = [e.kind for e in document_timeline(session, "FE1")]
        assert kinds[-3:] == ["correo_programado", "correo_fallido", "enviado_cliente"]
        texts = [e.text for e in document_timeline(session, "FE1")]
        assert "Enviado por correo a compras@elparque.com.co" in texts[-1]


def _nit(engine: Engine, company_id: int) -> str:
    from tools.invoicing.profile import company_of

    with company_session(engine, company_id) as session:
        return company_of(session).nit


def test_customer_without_email_or_rejected_document_gets_nothing(
    engine: Engine,
    credentials: SigningCredentials,
    dian: DianStandIn,
    cert_path: Path,
    smtp: tuple[Mailbox, int],
) -> None:
    mailbox, port = smtp
    settings = _settings(port, cert_path)
    company_id = set_up_company(engine)
    ws = DianWebService(dian.url, timeout=2)
    silent = replace(CUSTOMER, email=None)
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(silent), issue=True, now=T0, credentials=credentials)
    process_outbox(engine, T0, ws, company_id=company_id)
    dian.control.reject()
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
    assert process_outbox(engine, T0, ws, company_id=company_id).rejected == ["FE2"]
    report = process_mail_outbox(engine, T0, settings, company_id=company_id)
    assert report.blocked == ["FE1"] and mailbox.messages == []
    with company_session(engine, company_id) as session:
        assert document_timeline(session, "FE1")[-1].text == (
            "No se envió el correo al cliente: El cliente Cafetería El Parque Ltda. no tiene "
            "correo electrónico."
        )
        assert all(e.kind != "correo_programado" for e in document_timeline(session, "FE2"))


def test_incomplete_company_data_blocks_the_mail(
    engine: Engine,
    credentials: SigningCredentials,
    dian: DianStandIn,
    cert_path: Path,
    smtp: tuple[Mailbox, int],
) -> None:
    mailbox, port = smtp
    company_id = set_up_company(engine, email="")
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
    process_outbox(engine, T0, DianWebService(dian.url, timeout=2), company_id=company_id)
    assert process_mail_outbox(
        engine, T0, _settings(port, cert_path), company_id=company_id
    ).blocked == ["FE1"]
    assert mailbox.messages == []
    with company_session(engine, company_id) as session:
        assert "Faltan datos de la empresa: correo electrónico." in (
            document_timeline(session, "FE1")[-1].text
        )
