"""The expenses agent in a conversation: switch it on and off, look at the inbox, send a
purchase invoice, change its accounts in plain words, consent, correct, and learn.

Every turn goes through `agent.run_turn`/`confirm` with the embedded planner and every
registered tool, on the real ledger; invoices are real DIAN XML (tests/fixtures/dian).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.turn import Agent, TurnResult
from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session, company_session
from ledger.models import Account, InboxEntry, Item, JournalEntry, JournalLine
from tests.fixtures.dian.build import DocSpec, LineSpec
from tests.fixtures.dian.containers import attached_document
from tests.tools.sync.docs import D, spec
from tools.context import Principal

FIXTURES = Path(__file__).parents[1] / "fixtures" / "dian"
# The real DIAN sample: invoice SETP990000002 from the DIAN (800197268) to an optician.
REAL_INVOICE = FIXTURES / "invoice_signed_dian_v2.xml"


def company(engine: Engine, nit: str, name: str, ciiu: str) -> Principal:
    with admin_session(engine) as session:
        created = create_company(session, nit=nit, name=name, ciiu_codes=(ciiu,))
        assert created.id is not None
    return Principal(company_id=created.id, user_id=1, user_name="Ana María", channel="cli")


@pytest.fixture
def optician(engine: Engine) -> Principal:
    """The receiver of the real sample: an optician's shop (retail, CIIU 4774)."""
    return company(engine, "900108281-3", "OPTICAS GMO COLOMBIA S A S", "4774")


@pytest.fixture
def hardware(engine: Engine) -> Principal:
    """CUADRE DEMO S.A.S., a hardware retailer: buyer of the built fixture invoices."""
    return company(engine, "830048145-8", "CUADRE DEMO S.A.S.", "4752")


@pytest.fixture
def agent(tmp_path: Path, engine: Engine) -> Iterator[Agent]:
    settings = Settings(data_dir=tmp_path / "data", openai_api_key=None, openai_base_url=None)
    with open_checkpointer(settings) as saver:
        yield Agent(
            settings=settings,
            engine=engine,
            checkpointer=saver,
            planner=EmbeddedPlanner(),
            search=None,
            today=lambda: date(2026, 11, 20),
        )


def say(agent: Agent, who: Principal, text: str, *files: Path) -> TurnResult:
    return agent.run_turn(who, "t", text, attachments=tuple(str(f) for f in files))


def yes(agent: Agent, who: Principal, result: TurnResult) -> TurnResult:
    assert result.pending_confirmation is not None, result.reply
    return agent.confirm(who, "t", result.pending_confirmation["id"], approve=True)


def entry_lines(engine: Engine, who: Principal, entry_id: int) -> list[tuple[str, str, str]]:
    with company_session(engine, who.company_id or 0) as session:
        rows = session.exec(
            select(Account.code, JournalLine.debit, JournalLine.credit)
            .join(Account, Account.id == JournalLine.account_id)  # type: ignore[arg-type]
            .where(JournalLine.entry_id == entry_id)
        ).all()
    return [(code, str(debit), str(credit)) for code, debit, credit in rows]


def live_entries(engine: Engine, who: Principal) -> list[JournalEntry]:
    with company_session(engine, who.company_id or 0) as session:
        return list(
            session.exec(
                select(JournalEntry).where(JournalEntry.reversed_by_id.is_(None))  # type: ignore[union-attr]
            ).all()
        )


def test_the_agent_is_switched_on_paused_and_asked_about_in_informal_spanish(
    agent: Agent, optician: Principal
) -> None:
    on = say(agent, optician, "activa el agente de gastos")
    assert on.pending_confirmation and on.pending_confirmation["tool"] == "expense_agent_activate"
    done = yes(agent, optician, on)
    assert "Hola, Ana" in done.reply and "Registrar los documentos de compra" in done.reply

    status = say(agent, optician, "como va el agente de gastos")
    assert [a["tool"] for a in status.actions] == ["expense_agent_status"]
    assert "Agente de gastos: activo" in status.reply

    off = say(agent, optician, "pausa el agente")
    assert off.pending_confirmation and off.pending_confirmation["tool"] == "expense_agent_pause"
    assert "en pausa" in agent.run_turn(optician, "t", "dale").reply
    assert "Agente de gastos: en pausa" in say(agent, optician, "como va el agente de gastos").reply

    again = say(agent, optician, "prende el registro automatico de facturas de compra")
    assert again.pending_confirmation
    assert again.pending_confirmation["tool"] == "expense_agent_activate"
    agent.run_turn(optician, "t", "no")

    inbox = say(agent, optician, "que hay en la bandeja")
    assert [a["tool"] for a in inbox.actions] == ["inbox_list"]
    assert "No encontré registros" in inbox.reply


def test_an_invoice_sent_in_chat_is_previewed_changed_in_plain_words_and_registered(
    agent: Agent, engine: Engine, optician: Principal, tmp_path: Path
) -> None:
    sent = tmp_path / "factura-dian.xml"
    shutil.copy(REAL_INVOICE, sent)
    shown = say(agent, optician, "registra esta factura de compra porfa", sent)
    pending = shown.pending_confirmation
    assert pending and pending["tool"] == "register_purchase"
    assert pending["preview"]["details"]["lineas"][0]["cuenta"] == "143505"
    # The preview names the item, the account and the reason for every line.
    assert "LENTE DE CONTATO" in shown.reply and "| 143505 |" in shown.reply
    assert "un comercio (actividad 4774)" in shown.reply and "ítem nuevo" in shown.reply

    changed = agent.run_turn(optician, "t", "la línea 2 va a 5135")
    lines = changed.pending_confirmation["preview"]["details"]["lineas"]  # type: ignore[index]
    assert [line["cuenta"] for line in lines] == ["143505", "513595"]
    assert "5135 Servicios es un grupo; uso 513595" in lines[1]["motivo"]
    assert "cambié la línea 2" in changed.reply

    unknown = agent.run_turn(optician, "t", "la linea 1 va a cuenta de marcianos")
    assert "No encontré una cuenta" in unknown.reply and unknown.pending_confirmation
    assert (agent.pending(optician, "t") or {})["args"]["accounts"] == {2: "5135"}

    # The sample carries a prepayment, which the agent leaves to a person: the preview
    # says so before the yes, and the yes leaves it for review with nothing written.
    assert "anticipos" in shown.reply
    agent.run_turn(optician, "t", "la linea 1 es la cuenta 143505")
    left = agent.run_turn(optician, "t", "sí")
    assert "quedó por revisar" in left.reply and "anticipos" in left.reply
    with company_session(engine, optician.company_id or 0) as session:
        entry = session.exec(select(InboxEntry)).one()
        items = {item.name for item in session.exec(select(Item)).all()}
    assert entry.status == "needs_review" and entry.source == "upload"
    assert [line["account_code"] for line in json.loads(entry.lines)] == ["143505", "513595"]
    assert live_entries(engine, optician) == [] and "Bolsa" not in items


def test_a_change_after_registration_is_a_correction_the_next_invoice_follows(
    agent: Agent, engine: Engine, hardware: Principal, tmp_path: Path
) -> None:
    first = tmp_path / "FE1001.xml"
    first.write_text(attached_document(spec()), encoding="utf-8")
    shown = say(agent, hardware, "regístrame esta factura del proveedor", first)
    assert [
        line["cuenta"] for line in shown.pending_confirmation["preview"]["details"]["lineas"]
    ] == [  # type: ignore[index]
        "143505",
        "143505",
    ]
    assert "registré la compra FE1001" in agent.run_turn(hardware, "t", "dale").reply

    # "Codo PVC" was for the shop's own plumbing, not for sale: maintenance.
    fix = agent.run_turn(hardware, "t", "la línea 2 va a la 514510")
    assert fix.pending_confirmation and fix.pending_confirmation["tool"] == "correct_purchase"
    assert (agent.pending(hardware, "t") or {})["args"]["line"] == 2
    assert "514510" in fix.reply and "antes 143505" in fix.reply
    fixed = yes(agent, hardware, fix)
    assert "quedó en 514510" in fixed.reply
    # Reversal plus a new entry: the original is reversed, the new one has the new account.
    live = {entry.source: entry for entry in live_entries(engine, hardware)}
    assert sorted(live) == ["expense_agent_fix", "reversal"]
    assert ("514510", "30000.00", "0.00") in entry_lines(
        engine, hardware, live["expense_agent_fix"].id or 0
    )

    second = tmp_path / "FE1002.xml"
    later = spec(number="FE1002", issue_date="2024-04-15", due_date="2024-05-15")
    second.write_text(attached_document(later), encoding="utf-8")
    shown = say(agent, hardware, "registra esta factura de compra", second)
    lines = shown.pending_confirmation["preview"]["details"]["lineas"]  # type: ignore[index]
    assert [line["cuenta"] for line in lines] == ["143505", "514510"]
    assert "usted lo corrigió así en la factura FE1001" in lines[1]["motivo"]


def test_one_line_invoice_changed_by_account_name_only(
    agent: Agent, engine: Engine, hardware: Principal, tmp_path: Path
) -> None:
    rent = DocSpec(
        number="FE2001", lines=[LineSpec("Servicio mes de marzo local 3", D("1"), D("2500000"))]
    )
    path = tmp_path / "arriendo.xml"
    path.write_text(attached_document(rent), encoding="utf-8")
    shown = say(agent, hardware, "te mando la factura de compra para que la registres", path)
    [line] = shown.pending_confirmation["preview"]["details"]["lineas"]  # type: ignore[index]
    assert line["cuenta"] == "513595" and not line["segura"]
    changed = agent.run_turn(hardware, "t", "cámbialo a arrendamientos")
    [line] = changed.pending_confirmation["preview"]["details"]["lineas"]  # type: ignore[index]
    assert line["cuenta"] == "512010" and "5120 Arrendamientos es un grupo" in line["motivo"]
    assert "registré la compra FE2001" in agent.run_turn(hardware, "t", "sí").reply
    [live] = live_entries(engine, hardware)
    assert ("512010", "2500000.00", "0.00") in entry_lines(engine, hardware, live.id or 0)


def test_a_change_before_the_yes_is_learnt_too(
    agent: Agent, engine: Engine, hardware: Principal, tmp_path: Path
) -> None:
    first = tmp_path / "FE1001.xml"
    first.write_text(attached_document(spec()), encoding="utf-8")
    say(agent, hardware, "registra esta factura de compra", first)
    changed = agent.run_turn(hardware, "t", "la linea 2 es la cuenta 514510")
    lines = changed.pending_confirmation["preview"]["details"]["lineas"]  # type: ignore[index]
    assert [line["cuenta"] for line in lines] == ["143505", "514510"]
    assert "registré la compra FE1001" in agent.run_turn(hardware, "t", "sí").reply
    [posted] = live_entries(engine, hardware)
    assert ("514510", "30000.00", "0.00") in entry_lines(engine, hardware, posted.id or 0)

    second = tmp_path / "FE1002.xml"
    second.write_text(attached_document(spec(number="FE1002")), encoding="utf-8")
    shown = say(agent, hardware, "regístrame esta factura de compra adjunta", second)
    lines = shown.pending_confirmation["preview"]["details"]["lineas"]  # type: ignore[index]
    assert [line["cuenta"] for line in lines] == ["143505", "514510"]
    assert "usted lo corrigió así en la factura FE1001" in lines[1]["motivo"]


def test_an_invoice_for_another_company_is_refused_before_any_yes(
    agent: Agent, engine: Engine, hardware: Principal, tmp_path: Path
) -> None:
    sent = tmp_path / "factura-de-otro.xml"
    shutil.copy(REAL_INVOICE, sent)  # addressed to OPTICAS GMO, not to CUADRE DEMO
    result = say(agent, hardware, "registra esta factura de compra", sent)
    assert result.pending_confirmation is None
    assert "No registro SETP990000002" in result.reply
    with company_session(engine, hardware.company_id or 0) as session:
        assert session.exec(select(InboxEntry)).all() == []
