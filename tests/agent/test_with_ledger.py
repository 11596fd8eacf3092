"""The agent on the real ledger and its tools (trial balance, account ledger, manual entry)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.planners.llm import LLMPlanner
from agent.turn import Agent
from cuadre.settings import Settings
from ledger.db import company_session, init_db, make_engine
from ledger.models import JournalEntry
from tests.stand_ins.chat_completions import ChatCompletionsServer, ModelTurn
from tests.utils.companies import new_company
from tests.utils.journal import post_journal
from tools.context import Principal

JOURNAL = """
2025-01-15 Aporte de capital
  111005  10000000.00
  311505           10000000.00
2025-03-10 Resma de papel
  519530  50000.00
  110505           50000.00
"""
LEDGER_TOOLS = (
    "trial_balance",
    "account_ledger",
    "list_accounts",
    "list_documents",
    "post_manual_entry",
)


@pytest.fixture(scope="module")
def ledger_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('agent-ledger') / 'ledger.db'}")
    init_db(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def company(ledger_engine: Engine) -> Principal:
    company_id = new_company(ledger_engine, "FERRETERÍA EL TORNILLO FELIZ SAS")
    with company_session(ledger_engine, company_id) as session:
        post_journal(session, JOURNAL)
        session.commit()
    return Principal(company_id=company_id, user_id=1, user_name="ana@tornillo.co")


def entries(engine: Engine, company_id: int) -> int:
    with company_session(engine, company_id) as session:
        return int(session.exec(select(func.count()).select_from(JournalEntry)).one())


def agent_for(settings: Settings, engine: Engine, saver: object, planner: object) -> Agent:
    return Agent(
        settings=settings,
        engine=engine,
        checkpointer=saver,  # type: ignore[arg-type]
        planner=planner,
        tool_names=LEDGER_TOOLS,
        search=None,
        today=lambda: date(2025, 4, 15),
    )


def test_embedded_reports_in_informal_spanish(
    tmp_path: Path, ledger_engine: Engine, company: Principal
) -> None:
    settings = Settings(data_dir=tmp_path)
    with open_checkpointer(settings) as saver:
        agent = agent_for(settings, ledger_engine, saver, EmbeddedPlanner())
        march = agent.run_turn(company, "t", "oye muestrame el balance de marzo porfa")
        assert march.actions[0]["args"] == {"start": "2025-03-01", "end": "2025-03-31"}
        assert "débitos $ 50.000,00" in march.reply and "cuadra" in march.reply
        by_class = agent.run_turn(company, "t", "balance por clases del primer trimestre")
        assert by_class.actions[0]["args"]["level"] == 1
        aux = agent.run_turn(company, "t", "auxiliar de la 519530 de marzo")
        assert aux.actions[0]["args"] == {
            "account_code": "519530",
            "start": "2025-03-01",
            "end": "2025-03-31",
        }
        assert "$ 50.000,00" in aux.reply and "10/03/2025" in aux.reply
        accounts = agent.run_turn(company, "t", "q cuentas de caja tengo")
        assert (
            accounts.actions[0]["args"] == {"search": "caja"} and "Cajas menores" in accounts.reply
        )
        manual = agent.run_turn(company, "t", "registra un asiento manual")
        assert manual.pending_confirmation is None and "débito 519530" in manual.reply
    assert entries(ledger_engine, company.company_id or 0) == 2


def test_llm_manual_entry_is_previewed_then_posted_on_yes(
    tmp_path: Path, ledger_engine: Engine, company: Principal
) -> None:
    lines = [
        {"account_code": "110510", "debit": "200000"},
        {"account_code": "111005", "credit": "200000"},
    ]
    entry = {"date": "2025-04-14", "description": "Traslado a caja menor", "lines": lines}
    script = [
        ModelTurn(tool_calls=[("post_manual_entry", entry)]),
        ModelTurn(content="Listo: registré el traslado a la caja menor."),
    ]
    settings = Settings(data_dir=tmp_path)
    company_id = company.company_id or 0
    with ChatCompletionsServer(script) as server, open_checkpointer(settings) as saver:
        planner = LLMPlanner(
            api_key="k", base_url=server.base_url, model="m", fallback=EmbeddedPlanner()
        )
        agent = agent_for(settings, ledger_engine, saver, planner)
        asked = agent.run_turn(
            company, "t", "registra que saqué 200 mil del banco para la caja menor"
        )
        assert asked.pending_confirmation is not None
        assert "110510" in asked.reply and "$ 200.000,00" in asked.reply
        assert entries(ledger_engine, company_id) == 2
        done = agent.run_turn(company, "t", "dale")
    assert done.reply == "Listo: registré el traslado a la caja menor."
    assert done.actions[-1]["status"] == "ok"
    assert entries(ledger_engine, company_id) == 3


def test_embedded_manual_entry_asks_previews_and_posts_only_on_yes(
    tmp_path: Path, ledger_engine: Engine, company: Principal
) -> None:
    settings = Settings(data_dir=tmp_path)
    company_id = company.company_id or 0
    with open_checkpointer(settings) as saver:
        agent = agent_for(settings, ledger_engine, saver, EmbeddedPlanner())
        lines = agent.run_turn(
            company, "t", "haz un asiento: débito 519530 por 50.000 y crédito 110505"
        )
        assert lines.actions == [] and "en palabras" in lines.reply
        when = agent.run_turn(company, "t", "papelería de la oficina")
        assert "¿Con qué fecha?" in when.reply
        asked = agent.run_turn(company, "t", "hoy")
        assert asked.pending_confirmation is not None
        assert asked.actions[0]["args"] == {
            "lines": [
                {"account_code": "519530", "debit": "50000.00"},
                {"account_code": "110505", "credit": "50000.00"},
            ],
            "description": "papelería de la oficina",
            "date": "2025-04-15",
        }
        assert "Útiles, papelería y fotocopias" in asked.reply
        assert entries(ledger_engine, company_id) == 2
        cancelled = agent.run_turn(company, "t", "no")
        assert cancelled.reply == "Listo, no registré nada."
        again = agent.run_turn(
            company,
            "t",
            "debita 110510 por 200 mil y acredita la 111005 por el traslado a caja menor "
            "del 14/04/2025",
        )
        assert again.pending_confirmation is not None
        assert again.actions[0]["args"]["description"] == "traslado a caja menor"
        assert entries(ledger_engine, company_id) == 2
        done = agent.run_turn(company, "t", "de una")
    assert done.actions[-1]["status"] == "ok" and "registrado el 14/04/2025" in done.reply
    assert entries(ledger_engine, company_id) == 3


def test_embedded_tells_the_callers_company_from_another_one(
    tmp_path: Path, ledger_engine: Engine, company: Principal
) -> None:
    settings = Settings(data_dir=tmp_path)
    with open_checkpointer(settings) as saver:
        agent = agent_for(settings, ledger_engine, saver, EmbeddedPlanner())
        other = agent.run_turn(company, "t", "dame el balance de marzo de DROGUERIA LA 80")
        assert not other.actions and other.reply.startswith("Solo puedo ver")
        own = agent.run_turn(company, "t", "dame el balance de marzo de la ferreteria")
        assert own.actions[0]["tool"] == "trial_balance"
