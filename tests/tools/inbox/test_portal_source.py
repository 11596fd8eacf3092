"""The DIAN portal as an inbox source, against the local portal stand-in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from cuadre.settings import Settings
from ledger.models import InboxEntry
from tests.tools.inbox.conftest import NOW
from tests.tools.sync.docs import OURS
from tools.inbox.portal import read_portal
from tools.sync.generate import plan_year
from tools.sync.portal_standin import StandIn, run_standin
from tools.sync.ubl_writer import GenParty

COMPANY = GenParty(OURS.nit, OURS.dv, OURS.name)


def test_received_documents_are_polled_into_the_inbox_once(
    session: Session, tmp_path: Path
) -> None:
    state = StandIn(COMPANY, plan_year(COMPANY, 2024, 40))
    settings = Settings(data_dir=tmp_path, dian_portal_allowed_hosts=("127.0.0.1",))
    start, end = date(2024, 1, 1), date(2024, 3, 31)
    received = {
        d.number
        for d in state.documents
        if state.group_of(d) == "received" and start <= d.issue_date <= end
    }
    with run_standin(state) as base:
        first = read_portal(session, state.new_link(base), settings, start=start, end=end, now=NOW)
        again = read_portal(session, state.new_link(base), settings, start=start, end=end, now=NOW)
    entries = session.exec(select(InboxEntry)).all()
    assert received and {e.number for e in entries} == received
    assert {e.source for e in entries} == {"portal"}
    assert len(first.added) == len(received) - first.rejected - first.ignored
    assert again.added == [] and again.duplicates == len(received)
