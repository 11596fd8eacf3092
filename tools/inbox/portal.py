"""The DIAN portal as an inbox source: received documents of a period, polled.

Documents already in the inbox (by CUFE = the portal's track id) are not downloaded
again; the rest are fetched one ZIP at a time and received with source "portal".
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, select

from cuadre.settings import Settings
from ledger.models import InboxEntry
from tools.inbox.intake import IntakeReport, receive_files
from tools.sync.portal import DianPortal


def read_portal(
    session: Session, link: str, settings: Settings, *, start: date, end: date, now: datetime
) -> IntakeReport:
    """Bring the period's received documents into the inbox (raises Spanish `ToolError`)."""
    known = set(session.exec(select(InboxEntry.cufe)).all())
    report = IntakeReport()
    with (
        DianPortal(link, settings) as portal,
        tempfile.TemporaryDirectory(prefix="cuadre-portal-") as tmp,
    ):
        portal.open()
        for row in portal.list_documents("received", start, end):
            if row.track_id in known:
                report.duplicates += 1
                continue
            name = "".join(ch for ch in row.track_id if ch.isalnum())[:96] or "documento"
            path = portal.download(
                "/Document/DownloadZipFiles", {"trackId": row.track_id}, Path(tmp) / f"{name}.zip"
            )
            found = receive_files(session, [path], source="portal", now=now)
            report.added += found.added
            report.duplicates += found.duplicates
            report.rejected += found.rejected
            report.ignored += found.ignored
            report.failures += found.failures
    return report
