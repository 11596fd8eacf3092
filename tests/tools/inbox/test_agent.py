"""The expenses agent: activation, pause semantics, duplicates, learning, the midnight summary."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from ledger.models import DailySummary, Document, InboxEntry, JournalEntry
from tests.fixtures.dian.build import LineSpec
from tests.tools.inbox.conftest import NOW, entry_lines, write_xml
from tests.tools.sync.docs import read, spec
from tools.inbox.agent import activate, pause, process_all, start, status, summarize_all
from tools.inbox.correct import correct_line
from tools.inbox.intake import receive, receive_files

D = Decimal
MINUTE = timedelta(minutes=1)


def _fresh(session: Session) -> None:
    """See what the agent wrote in its own session: end our snapshot, forget loaded rows."""
    session.commit()
    session.expire_all()


def _statuses(session: Session) -> dict[str, str]:
    entries = session.exec(select(InboxEntry)).all()
    return {entry.number: entry.status for entry in entries}


def test_activation_greets_by_name_and_lists_the_tasks(session: Session) -> None:
    shown = activate(session, user_name="Ana María Gómez", now=NOW)
    assert shown.greeting == "Hola, Ana"
    assert len(shown.tasks) == 3
    assert shown.tasks[0].startswith("Registrar los documentos de compra")


def test_only_recent_leaves_the_backlog_and_pause_leaves_arrivals_forever(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    receive_files(session, [write_xml(tmp_path, spec(number="FE1"))], now=NOW - MINUTE)
    activate(session, user_name="Ana", now=NOW, only_recent=True)
    receive_files(session, [write_xml(tmp_path, spec(number="FE2"))], now=NOW + MINUTE)
    process_all(engine, now=NOW + 2 * MINUTE)
    _fresh(session)
    assert _statuses(session) == {"FE1": "pending", "FE2": "registered"}

    pause(session, now=NOW + 3 * MINUTE)
    receive_files(session, [write_xml(tmp_path, spec(number="FE3"))], now=NOW + 4 * MINUTE)
    assert process_all(engine, now=NOW + 5 * MINUTE) == {}
    start(session, now=NOW + 6 * MINUTE)
    receive_files(session, [write_xml(tmp_path, spec(number="FE4"))], now=NOW + 7 * MINUTE)
    process_all(engine, now=NOW + 8 * MINUTE)
    _fresh(session)
    process_all(engine, now=NOW + 9 * MINUTE)
    assert _statuses(session) == {
        "FE1": "pending",
        "FE2": "registered",
        "FE3": "pending",  # arrived while paused: a person's, never the agent's
        "FE4": "registered",
    }


def test_without_only_recent_the_first_activation_takes_the_backlog(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    receive_files(session, [write_xml(tmp_path, spec(number="FE1"))], now=NOW - MINUTE)
    activate(session, user_name="Ana", now=NOW, only_recent=False)
    process_all(engine, now=NOW + MINUTE)
    _fresh(session)
    assert _statuses(session) == {"FE1": "registered"}


def test_the_same_invoice_from_upload_and_portal_registers_once(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    activate(session, user_name="Ana", now=NOW)
    receive_files(session, [write_xml(tmp_path, spec())], now=NOW + MINUTE)
    entry, new = receive(session, read(spec()), source="portal", now=NOW + 2 * MINUTE)
    assert not new and entry.arrivals == 2 and entry.source == "upload"
    process_all(engine, now=NOW + 3 * MINUTE)
    _fresh(session)
    receive(session, read(spec()), source="mailbox", now=NOW + 4 * MINUTE)
    process_all(engine, now=NOW + 5 * MINUTE)
    _fresh(session)
    assert len(session.exec(select(Document)).all()) == 1
    assert len(session.exec(select(InboxEntry)).all()) == 1


def test_a_correction_is_booked_and_the_next_invoice_follows_it(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    activate(session, user_name="Ana", now=NOW)
    first = spec(number="FE10", lines=[LineSpec("Tubería PVC 1/2", D("10"), D("10000"))])
    receive_files(session, [write_xml(tmp_path, first)], now=NOW + MINUTE)
    process_all(engine, now=NOW + 2 * MINUTE)
    _fresh(session)
    entry = session.exec(select(InboxEntry)).one()
    assert json.loads(entry.lines)[0]["account_code"] == "143505"

    # The pipes were for the shop's own repairs: maintenance, not merchandise.
    fixed = correct_line(
        session, entry.id or 0, 1, "514510", actor="ana", on=NOW.date(), now=NOW + 3 * MINUTE
    )
    assert entry_lines(session, fixed) == [
        ("514510", "100000.00", "0.00"),
        ("240810", "19000.00", "0.00"),
        ("220505", "0.00", "119000.00"),
    ]
    reversed_ = session.exec(select(JournalEntry).where(JournalEntry.source == "reversal")).one()
    assert entry_lines(session, reversed_)[0] == ("143505", "0.00", "100000.00")

    second = spec(number="FE11", lines=[LineSpec("Tuberia pvc 1/2 pulgada", D("5"), D("10000"))])
    receive_files(session, [write_xml(tmp_path, second)], now=NOW + 4 * MINUTE)
    process_all(engine, now=NOW + 5 * MINUTE)
    _fresh(session)
    follow = session.exec(select(InboxEntry).where(InboxEntry.number == "FE11")).one()
    [line] = json.loads(follow.lines)
    assert follow.status == "registered"
    assert line["account_code"] == "514510"
    assert "corrigió" in line["reason"]


def test_status_and_the_midnight_summary_with_a_frozen_clock(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    activate(session, user_name="Ana", now=NOW)
    doubtful = spec(
        number="FE21",
        lines=[LineSpec("Concepto varios según acuerdo", D("1"), D("50000"), code="X-9")],
    )
    receive_files(session, [write_xml(tmp_path, spec(number="FE20"))], now=NOW + MINUTE)
    receive_files(session, [write_xml(tmp_path, doubtful)], now=NOW + MINUTE)
    process_all(engine, now=NOW + 2 * MINUTE)
    _fresh(session)
    today = status(session, day=NOW.date())
    assert (today.active, today.registered, today.minutes_saved) == (True, 1, 3)
    [(number, reasons)] = today.not_registered
    assert number == "FE21" and reasons[0].startswith("Línea 1")
    assert "Tiempo ahorrado: 3 min" in today.text_es

    # 00:00 in Bogotá on 17/03/2024 is 05:00 UTC: the summary is for the 16th.
    midnight = datetime(2024, 3, 17, 5, 0, tzinfo=UTC)
    [summary] = summarize_all(engine, now=midnight)
    assert (summary.day.isoformat(), summary.registered, summary.minutes_saved) == (
        "2024-03-16",
        1,
        3,
    )
    assert summary.not_registered == 1
    assert json.loads(summary.reasons)[0]["numero"] == "FE21"
    summarize_all(engine, now=midnight)  # a replayed job does not duplicate the day
    _fresh(session)
    assert len(session.exec(select(DailySummary)).all()) == 1
    # The next Bogotá day has nothing yet.
    assert status(session, day=midnight.date()).registered == 0
