"""E-mail to the customer through a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import pytest

from tests.stand_ins.smtp import Mailbox, free_port, smtp_server
from tools.einvoice.mailer import (
    SmtpRejected,
    SmtpUnavailable,
    compose_document_mail,
    message_id,
    parse_smtp_url,
    send_message,
)
from tools.einvoice.package import build_package
from tools.einvoice.ubl import build_document

from .factories import invoice_draft

SENDER = "facturacion@cuadre.local"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    mailbox, port = Mailbox(), free_port()
    controller = smtp_server(mailbox, port)
    controller.start()
    yield mailbox, port
    controller.stop()


def _mail(**changes: Any) -> EmailMessage:
    draft = invoice_draft(**changes)
    built = build_document(draft)
    package = build_package(draft, attached_xml=b"<AttachedDocument/>", pdf=b"%PDF-1.3 FE12")
    return compose_document_mail(
        draft,
        key=built.key,
        package=package,
        payable=built.totals.payable,
        sender=SENDER,
        sent_at=datetime(2025, 3, 31, 16, 0, tzinfo=UTC),
    )


def test_parse_smtp_url() -> None:
    config = parse_smtp_url("smtp://ana%40x.co:cl%C3%A1ve@mail.x.co:587?starttls=true")
    assert (config.host, config.port, config.username, config.password) == (
        "mail.x.co", 587, "ana@x.co", "cláve",
    )  # fmt: skip
    assert config.starttls and not config.implicit_tls
    assert parse_smtp_url("smtps://u:p@mail.x.co").port == 465
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.x.co")


def test_message_id_is_deterministic_per_company_and_document() -> None:
    assert message_id("900108281", "abc", SENDER) == message_id("900108281", "abc", SENDER)
    assert message_id("900108281", "abc", SENDER) != message_id("900108281", "abd", SENDER)
    assert message_id("900108281", "abc", SENDER) != message_id("830048145", "abc", SENDER)
    assert message_id("900108281", "abc", SENDER).endswith("@cuadre.local>")


def test_customer_receives_spanish_mail_with_the_zip(smtp: tuple[Mailbox, int]) -> None:
    mailbox, port = smtp
    send_message(parse_smtp_url(f"smtp://cuadre:s3creta@127.0.0.1:{port}"), _mail())
    (received,) = mailbox.messages
    (to,) = received["To"].addresses
    assert (to.display_name, to.addr_spec) == (
        "Cafetería El Parque Ltda.",
        "compras@elparque.com.co",
    )
    assert received["Subject"] == (
        "900108281;Panadería La Espiga S.A.S.;FE12;01;Panadería La Espiga S.A.S.;"
    )
    body = received.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "factura electrónica de venta FE12 del 31/03/2025 por $ 816.850,00" in text
    (attachment,) = list(received.iter_attachments())
    assert attachment.get_filename() == "z0900108281000250000000c.zip"
    with zipfile.ZipFile(io.BytesIO(attachment.get_content())) as archive:
        names = archive.namelist()
        assert [n.rsplit(".", 1)[1] for n in names] == ["xml", "pdf"]
        assert archive.read(names[1]) == b"%PDF-1.3 FE12"


def test_wrong_password_and_unknown_mailbox_are_rejected(smtp: tuple[Mailbox, int]) -> None:
    mailbox, port = smtp
    with pytest.raises(SmtpRejected, match="contraseña"):
        send_message(parse_smtp_url(f"smtp://cuadre:mala@127.0.0.1:{port}"), _mail())
    customer = invoice_draft().customer
    bad = replace(customer, email="nadie@no-existe.co")
    with pytest.raises(SmtpRejected, match="destinatario"):
        send_message(parse_smtp_url(f"smtp://127.0.0.1:{port}"), _mail(customer=bad))
    assert mailbox.messages == []


def test_outage_is_typed_then_retry_delivers_exactly_one(smtp: tuple[Mailbox, int]) -> None:
    first_box, port = smtp
    config = parse_smtp_url(f"smtp://cuadre:s3creta@127.0.0.1:{port}", timeout=2)
    message = _mail()
    send_message(config, message)
    assert len(first_box.messages) == 1

    outage_box, down_port = Mailbox(), free_port()
    down = parse_smtp_url(f"smtp://cuadre:s3creta@127.0.0.1:{down_port}", timeout=2)
    with pytest.raises(SmtpUnavailable) as unavailable:
        send_message(down, _mail(number=13))
    assert "No hubo conexión" in unavailable.value.reason_es

    controller = smtp_server(outage_box, down_port)
    controller.start()
    try:
        send_message(down, _mail(number=13))
    finally:
        controller.stop()
    assert len(outage_box.messages) == 1
    retried = outage_box.messages[0]
    assert retried["Message-ID"] == _mail(number=13)["Message-ID"]


def test_server_stopped_mid_life_then_restarted() -> None:
    mailbox, port = Mailbox(), free_port()
    config = parse_smtp_url(f"smtp://127.0.0.1:{port}", timeout=2)
    controller = smtp_server(mailbox, port)
    controller.start()
    controller.stop()
    with pytest.raises(SmtpUnavailable):
        send_message(config, _mail())
    controller = smtp_server(mailbox, port)
    controller.start()
    try:
        send_message(config, _mail())
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1
