"""The reception mailbox against a real IMAP server (Dovecot) on 127.0.0.1."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted
from sqlalchemy import Engine
from sqlmodel import Session, select

from ledger.models import Document, InboxEntry
from tests.fixtures.dian.containers import attached_document
from tests.stand_ins.dovecot import ImapServer, dovecot_binary, dovecot_server
from tests.tools.inbox.conftest import NOW
from tests.tools.sync.docs import spec
from tools.inbox.agent import activate, process_all
from tools.inbox.intake import receive_files
from tools.inbox.mailbox import MailboxConfig, read_mailbox

pytestmark = pytest.mark.skipif(
    dovecot_binary() is None,
    reason="Dovecot no está instalado (apt-get install dovecot-imapd): sin servidor IMAP real",
)


@pytest.fixture
def imap() -> Iterator[ImapServer]:
    with dovecot_server() as server:
        yield server


def _mail(subject: str, attachment: tuple[str, bytes] | None) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "facturacion@distribuidora-andina.co"
    message["To"] = "recepcion@cuadre.test"
    message.set_content("Adjuntamos la factura electrónica.")
    if attachment:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="zip", filename=name)
    return message.as_bytes()


def _supplier_zip(number: str) -> bytes:
    """The ZIP a supplier sends: the AttachedDocument XML (and its PDF, skipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"ad{number}.xml", attached_document(spec(number=number)))
        archive.writestr(f"{number}.pdf", b"%PDF-1.4 representacion grafica")
    return buffer.getvalue()


def test_supplier_mail_lands_once_and_other_mail_is_counted(
    engine: Engine, session: Session, imap: ImapServer, tmp_path: Path
) -> None:
    with MailBoxUnencrypted(imap.host, imap.port).login(imap.user, imap.password) as box:
        box.append(_mail("Factura FE1001", ("FE1001.zip", _supplier_zip("FE1001"))))
        box.append(_mail("Promociones de noviembre", None))
        box.append(_mail("Reenvío factura FE1001", ("FE1001.zip", _supplier_zip("FE1001"))))
    config = MailboxConfig(imap.host, imap.user, imap.password, port=imap.port, ssl=False)
    activate(session, user_name="Ana", now=NOW)
    report = read_mailbox(session, config, now=NOW.replace(minute=1))
    assert (report.messages, report.ignored_messages, report.added, report.duplicates) == (
        3,
        1,
        1,
        1,
    )
    # The same invoice uploaded by hand is still one entry; read again: nothing unread.
    path = tmp_path / "FE1001.xml"
    path.write_text(attached_document(spec(number="FE1001")))
    assert receive_files(session, [path], now=NOW.replace(minute=2)).duplicates == 1
    assert read_mailbox(session, config, now=NOW.replace(minute=3)).messages == 0
    entry = session.exec(select(InboxEntry)).one()
    assert (entry.source, entry.arrivals) == ("mailbox", 3)
    process_all(engine, now=NOW.replace(minute=4))
    session.commit()
    session.expire_all()
    assert session.exec(select(InboxEntry)).one().status == "registered"
    assert len(session.exec(select(Document)).all()) == 1
