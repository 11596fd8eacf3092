"""The reception mailbox: supplier e-mails read over IMAP (imap-tools).

Each unread message is read once and marked seen. Its XML and ZIP attachments (the
AttachedDocument ZIP suppliers send) go to the inbox like an upload with source
"mailbox"; messages without one are ignored and counted. Duplicated CUFEs stay once.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from imap_tools import AND, BaseMailBox, MailBox, MailBoxUnencrypted
from sqlmodel import Session

from tools.inbox.intake import receive_files

DOCUMENT_SUFFIXES = (".xml", ".zip")


@dataclass(frozen=True)
class MailboxConfig:
    """Where the reception mailbox is and how to log in."""

    host: str
    user: str
    password: str
    port: int = 993
    ssl: bool = True
    folder: str = "INBOX"


@dataclass
class MailboxReport:
    """What one read of the mailbox found."""

    messages: int = 0
    ignored_messages: int = 0
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    failures: list[str] = field(default_factory=list)


def _connect(config: MailboxConfig) -> BaseMailBox:
    box: BaseMailBox = (
        MailBox(config.host, config.port)
        if config.ssl
        else MailBoxUnencrypted(config.host, config.port)
    )
    return box.login(config.user, config.password, initial_folder=config.folder)


def read_mailbox(session: Session, config: MailboxConfig, *, now: datetime) -> MailboxReport:
    """Bring the unread messages' invoices into the inbox; mark each message seen."""
    report = MailboxReport()
    with _connect(config) as box, tempfile.TemporaryDirectory(prefix="cuadre-mail-") as tmp:
        for message in box.fetch(AND(seen=False), mark_seen=True):
            report.messages += 1
            files = []
            for number, attachment in enumerate(message.attachments):
                name = Path(attachment.filename or "").name
                if not name.lower().endswith(DOCUMENT_SUFFIXES):
                    continue
                path = Path(tmp) / f"{message.uid}-{number}-{name}"
                path.write_bytes(attachment.payload)
                files.append(path)
            if not files:
                report.ignored_messages += 1
                continue
            intake = receive_files(session, files, source="mailbox", now=now)
            report.added += len(intake.added)
            report.duplicates += intake.duplicates
            report.rejected += intake.rejected
            report.failures += intake.failures
    return report
