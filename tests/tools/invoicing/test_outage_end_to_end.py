"""An outage from the first failed attempt to late transmission, against the SOAP stand-in.

Frozen clock: every call takes `now`; the DIAN stand-in is a real HTTP server on
127.0.0.1 that drops connections while it is "down".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ledger.db import company_session
from ledger.models import EDocument
from ledger.reports import trial_balance
from tests.stand_ins.dian_ws import DianStandIn
from tools.einvoice.contingency import DeadlineLevel
from tools.einvoice.dian_ws import DianWebService
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.types import DocumentKind, DraftLine
from tools.errors import ToolError
from tools.invoicing.contingency_mode import (
    contingency_deadlines,
    pending_transmissions,
    set_contingency,
)
from tools.invoicing.issuing import billing_reference, create_document, issue_document
from tools.invoicing.outbox import OutboxReport, process_outbox
from tools.invoicing.timeline import document_timeline

from .conftest import T0, bread_invoice


def tick(engine: Engine, now: datetime, ws: DianWebService, session: Session) -> OutboxReport:
    """One outbox pass for the test's company, as the periodic job runs it; the test's
    session then reads anew (a SQLite WAL reader keeps its snapshot until it ends)."""
    report = process_outbox(engine, now, ws, company_id=session.info["company_id"])
    session.close()
    return report


def test_outage_contingency_missed_deadline_and_recovery(
    engine: Engine, company_id: int, credentials: SigningCredentials, dian: DianStandIn
) -> None:
    ws = DianWebService(dian.url, timeout=2)
    dian.control.down_next(1000)
    with company_session(engine, company_id) as session:
        # 1. The DIAN drops every connection: FE1 stays "en proceso", a draft waits.
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        draft = create_document(session, bread_invoice(), issue=False, now=T0)
        for minutes in (0, 1, 3):
            report = tick(engine, T0 + timedelta(minutes=minutes), ws, session)
            assert report.retrying == ["FE1"]
        assert tick(engine, T0 + timedelta(minutes=4), ws, session).retrying == []  # backoff
        pending = pending_transmissions(session)
        assert [(p.number, p.status, p.attempts) for p in pending] == [("FE1", "en proceso", 3)]
        assert "No hubo conexión con la DIAN" in pending[0].last_error

        # 2. Three failures in 15 minutes confirm the outage: contingency type 04.
        set_contingency(session, True, now=T0 + timedelta(minutes=5))
        fe2 = create_document(
            session, bread_invoice(), issue=True, now=T0 + timedelta(minutes=20),
            credentials=credentials,
        )  # fmt: skip
        assert (fe2.number, fe2.kind, fe2.in_contingency) == ("FE2", "04", True)
        reference = billing_reference(session, "FE1", reason_code="1", reason_text="Devolución")
        note = replace(
            bread_invoice(),
            kind=DocumentKind.CREDIT_NOTE,
            lines=(DraftLine("Devolución pan", Decimal("1"), Decimal("4500")),),
            billing_reference=reference,
        )
        with pytest.raises(ToolError, match="no tiene procedimiento de contingencia"):
            create_document(
                session, note, issue=True, now=T0 + timedelta(minutes=21), credentials=credentials
            )
        [waiting] = contingency_deadlines(session, T0 + timedelta(hours=1))
        assert waiting.level is DeadlineLevel.WAITING_SERVICE

        # 3. The DIAN announces it is back 26 h later; nobody transmits for 49 hours.
        dian.control.down_calls = 0
        restored = T0 + timedelta(hours=26)
        set_contingency(session, False, now=restored)
        [soon] = contingency_deadlines(session, restored + timedelta(hours=40))
        assert soon.level is DeadlineLevel.DUE_SOON and "quedan 8 h 00 min" in soon.message_es
        [missed] = contingency_deadlines(session, restored + timedelta(hours=49))
        assert missed.level is DeadlineLevel.MISSED
        assert missed.message_es.startswith("Se venció el plazo para transmitir la factura FE2")

        # 4. The outbox resends by itself: both accepted, FE2 reported late.
        late = restored + timedelta(hours=49)
        assert sorted(tick(engine, late, ws, session).accepted) == ["FE1", "FE2"]
        assert pending_transmissions(session) == []
        [done] = contingency_deadlines(session, late)
        assert done.level is DeadlineLevel.TRANSMITTED_LATE
        fe2_timeline = [e.text for e in document_timeline(session, "FE-2")]
        assert any("Expedida en contingencia (tipo 04)" in t for t in fe2_timeline)
        assert any("después del plazo" in t for t in fe2_timeline)
        fe1_timeline = [e.kind for e in document_timeline(session, "FE1")]
        assert fe1_timeline.count("intento_fallido") == 3 and fe1_timeline[-2] == "aceptado"

        # 5. The draft issued now takes this day's date and the next number.
        fe3 = issue_document(session, draft.id or 0, now=late, credentials=credentials)
        assert (fe3.number, fe3.issue_date, fe3.kind) == ("FE3", date(2025, 4, 3), "01")
        numbers = session.exec(
            select(EDocument.consecutive).where(col(EDocument.consecutive).is_not(None))
        ).all()
        assert sorted(n for n in numbers if n) == [1, 2, 3]
    received = [r.number for r in dian.control.received]
    assert received == ["FE1", "FE2"]


def test_contingency_needs_a_confirmed_outage_and_ends_on_the_first_answer(
    engine: Engine, company_id: int, credentials: SigningCredentials, dian: DianStandIn
) -> None:
    ws = DianWebService(dian.url, timeout=2)
    with company_session(engine, company_id) as session:
        with pytest.raises(ToolError, match="la caída de la DIAN no está confirmada"):
            set_contingency(session, True, now=T0)
        dian.control.fail_next(3)
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        for minutes in (0, 1, 3):
            tick(engine, T0 + timedelta(minutes=minutes), ws, session)
        state = set_contingency(session, True, now=T0 + timedelta(minutes=4))
        assert state.active
        fe2 = create_document(
            session, bread_invoice(), issue=True, now=T0 + timedelta(minutes=5),
            credentials=credentials,
        )  # fmt: skip
        assert fe2.kind == "04"
        back = T0 + timedelta(minutes=30)
        assert sorted(tick(engine, back, ws, session).accepted) == ["FE1", "FE2"]
        [status] = contingency_deadlines(session, back)
        assert status.level is DeadlineLevel.TRANSMITTED
        # FE2 was due first (FE1 waits out its backoff): its answer ends the contingency.
        assert any(
            "La DIAN volvió a responder" in e.text for e in document_timeline(session, "FE2")
        )
        timeline = [e.text for e in document_timeline(session, "FE1")]
        assert "respondió con un error (HTTP 500)" in timeline[3]


def test_rejected_document_keeps_its_number_and_is_not_retried(
    engine: Engine, company_id: int, credentials: SigningCredentials, dian: DianStandIn
) -> None:
    ws = DianWebService(dian.url, timeout=2)
    dian.control.reject("Regla: FAD06, Rechazo: El NIT del emisor no es válido")
    with company_session(engine, company_id) as session:
        create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
        assert tick(engine, T0, ws, session).rejected == ["FE1"]
        assert tick(engine, T0 + timedelta(hours=1), ws, session).rejected == []
        timeline = document_timeline(session, "FE1")
        assert timeline[-2].text == (
            "La DIAN rechazó el documento FE1: "
            "Regla: FAD06, Rechazo: El NIT del emisor no es válido"
        )
        document = session.exec(select(EDocument).where(EDocument.number == "FE1")).one()
        assert document.status == "rechazado"
        # No fiscal effect: the sale is reversed in the books, the number stays used.
        texts = [e.text for e in document_timeline(session, "FE1")]
        assert texts[-1].startswith("Se reversó su asiento contable")
        closing = {row.code: row.closing for row in trial_balance(session, level=6)}
        assert closing["130505"] == closing["413505"] == closing["240805"] == 0


def test_the_user_keeps_issuing_while_the_outbox_waits_on_a_slow_dian(
    engine: Engine, company_id: int, credentials: SigningCredentials, dian: DianStandIn
) -> None:
    import threading

    ws = DianWebService(dian.url, timeout=5)
    with company_session(engine, company_id) as session:
        for _ in range(2):
            create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
    dian.control.slow(0.4)
    reports: list[OutboxReport] = []
    worker = threading.Thread(
        target=lambda: reports.append(process_outbox(engine, T0, ws, company_id=company_id))
    )
    worker.start()
    with company_session(engine, company_id) as session:
        while worker.is_alive():  # issue as long as the outbox is talking to the DIAN
            create_document(session, bread_invoice(), issue=True, now=T0, credentials=credentials)
    worker.join()
    assert reports[0].accepted[:2] == ["FE1", "FE2"]
    with company_session(engine, company_id) as session:
        numbers = session.exec(select(EDocument.consecutive)).all()
    assert sorted(n or 0 for n in numbers) == list(range(1, len(numbers) + 1))
    assert len(numbers) > 3
