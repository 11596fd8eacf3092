"""An outage from first failure to e-mailed customers, against the real stand-ins.

Frozen clock: every rule takes `now`; the DIAN stand-in and the SMTP server are real
servers on 127.0.0.1. The ledger's numbering and the outbox jobs come later (issue 10,
other branches): here the sequence of calls they will make is exercised by hand.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from cryptography import x509

from tests.stand_ins.dian_ws import DianStandIn
from tests.stand_ins.smtp import Mailbox, free_port, smtp_server
from tools.einvoice.contingency import (
    Attempt,
    DeadlineLevel,
    OutagePolicy,
    check_allowed_in_contingency,
    deadline_status,
    for_transmission,
    outage_confirmed,
)
from tools.einvoice.dian_ws import Accepted, AcceptedWithObservations, DianWebService
from tools.einvoice.mailer import SmtpUnavailable, parse_smtp_url, send_message
from tools.einvoice.pipeline import (
    DocumentStatus,
    customer_mail,
    customer_package,
    mail_blockers,
    sign,
    status_after,
    timeline_text,
    transmit,
)
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.types import DocumentKind
from tools.errors import ToolError

from .factories import credit_note_draft, invoice_draft

COT = timezone(timedelta(hours=-5))
SENDER = "facturacion@laespiga.com.co"


def test_outage_contingency_recovery_and_mail(
    dian: DianStandIn, test_certificate: tuple[SigningCredentials, x509.Certificate]
) -> None:
    credentials, _ = test_certificate
    client = DianWebService(dian.url, timeout=2)
    t0 = datetime(2025, 3, 31, 10, 30, tzinfo=COT)

    # 1. FE-12 is issued while the DIAN drops every connection: it stays "en proceso".
    fe12 = sign(invoice_draft(12), credentials, signing_time=t0)
    dian.control.down_next(3)
    attempts = []
    for minute in (0, 2, 5):
        result = transmit(client, fe12)
        attempts.append(Attempt(t0 + timedelta(minutes=minute), answered=False))
        assert status_after(result) is DocumentStatus.IN_PROCESS
    assert "Se reintentará" in timeline_text(result, "FE12")
    assert outage_confirmed(
        attempts, t0 + timedelta(minutes=6), OutagePolicy(3, timedelta(minutes=15))
    )

    # 2. Contingency: FE-13 goes to the customer as type 04; a credit note is refused.
    fe13_draft = replace(invoice_draft(13), kind=DocumentKind.CONTINGENCY)
    check_allowed_in_contingency(fe13_draft.kind)
    fe13 = sign(fe13_draft, credentials, signing_time=t0 + timedelta(minutes=20))
    with pytest.raises(ToolError, match="no tiene procedimiento de contingencia"):
        check_allowed_in_contingency(credit_note_draft(fe12.key).kind)

    # 3. The DIAN is back 26 hours later; at 40 h the contingency invoice is due soon.
    restored = t0 + timedelta(hours=26)
    due = deadline_status(
        "FE13",
        service_restored_at=restored,
        transmitted_at=None,
        now=restored + timedelta(hours=40),
    )
    assert due.level is DeadlineLevel.DUE_SOON

    # 4. The outbox resends: FE-12 accepted, FE-13 accepted with an observation.
    assert isinstance(transmit(client, fe12), Accepted)
    dian.control.accept_with_observations()
    fe13_result = transmit(client, fe13)
    assert isinstance(fe13_result, AcceptedWithObservations)
    sent_at = restored + timedelta(hours=41)
    done = deadline_status(
        "FE13", service_restored_at=restored, transmitted_at=sent_at, now=sent_at
    )
    assert done.level is DeadlineLevel.TRANSMITTED
    received_numbers = [r.number for r in dian.control.received]
    assert received_numbers == ["FE12", "FE13"]  # the dropped calls never reached it

    # 5. A draft saved during the outage is numbered and dated on its transmission day.
    fe14 = sign(for_transmission(invoice_draft(14), sent_at), credentials, signing_time=sent_at)
    assert fe14.draft.issue_date.isoformat() == "2025-04-03"  # 31/03 10:30 + 26 h + 41 h
    dian.control.accept()
    assert isinstance(transmit(client, fe14), Accepted)

    # 6. Accepted documents are e-mailed; an SMTP outage is retried without duplicates.
    mailbox, port = Mailbox(), free_port()
    config = parse_smtp_url(f"smtp://cuadre:s3creta@127.0.0.1:{port}", timeout=2)
    outcomes = {r.number: dian.control.outcomes[r.key] for r in dian.control.received}
    server = smtp_server(mailbox, port)
    server.start()
    for document in (fe12, fe13, fe14):
        assert mail_blockers(document.draft) == ()
        answer = outcomes[document.draft.document_number].application_response
        assert answer is not None
        package = customer_package(document, application_response=answer, credentials=credentials)
        message = customer_mail(document, package, sender=SENDER, sent_at=sent_at)
        if document is fe13:  # the mail server goes down just before FE-13
            server.stop()
            with pytest.raises(SmtpUnavailable):
                send_message(config, message)
            server = smtp_server(mailbox, port)
            server.start()
        send_message(config, message)
    server.stop()
    assert [m["Subject"].split(";")[2] for m in mailbox.messages] == ["FE12", "FE13", "FE14"]
    assert len({m["Message-ID"] for m in mailbox.messages}) == 3
    (zip_part,) = list(mailbox.messages[1].iter_attachments())
    with zipfile.ZipFile(io.BytesIO(zip_part.get_content())) as archive:
        attached = archive.read(archive.namelist()[0])
    assert fe13.key.encode() in attached and b"<![CDATA[" in attached


def test_nothing_is_mailed_without_customer_email_or_company_data() -> None:
    draft = invoice_draft()
    no_mail = replace(draft, customer=replace(draft.customer, email=None))
    assert mail_blockers(no_mail) == (
        "El cliente Cafetería El Parque Ltda. no tiene correo electrónico.",
    )
    incomplete = replace(draft, supplier=replace(draft.supplier, email="", check_digit=None))
    assert mail_blockers(incomplete) == (
        "Faltan datos de la empresa: dígito de verificación, correo electrónico.",
    )
    assert not DocumentStatus.REJECTED.emailable and not DocumentStatus.IN_PROCESS.emailable
    assert DocumentStatus.ACCEPTED_WITH_OBSERVATIONS.emailable
