"""Turn latency of the embedded agent on the real ledger and help corpus.

    python -m benchmarks.agent_turns              # the real run (200 turns per kind)
    python -m benchmarks.agent_turns --turns 20   # a quick one while developing

Kinds of turn, each on its own thread of a demo-like company (SQLite ledger, SQLite
checkpointer in a temporary data directory):
  report    trial balance / account ledger / accounts by period ("balance de marzo")
  help      a question answered from the help corpus with citations
  slots     slot extraction alone (pure), per message
Results go to benchmarks/results/agent_turns.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.slots import extract_slots
from agent.turn import Agent
from cuadre.settings import Settings
from evals.questions import load_questions
from ledger.companies import create_company
from ledger.db import admin_session, company_session, init_db, make_engine
from ledger.journal_text import parse_journal
from ledger.posting import post_entry
from tools.context import Principal

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "agent_turns.json"
JOURNAL = """
2025-01-02 Aporte de capital
  111005  20000000.00
  311505             20000000.00
2025-02-18 Venta de contado FE-1001
  110505   2380000.00
  413505             2000000.00
  240805              380000.00
2025-03-10 Papelería
  519530     50000.00
  110505               50000.00
"""
REPORTS = (
    "balance de marzo",
    "oye como quedo el balance de prueba este año porfa",
    "movimientos de la cuenta 111005",
    "auxiliar de la 519530 del primer trimestre",
    "q cuentas de caja tengo",
    "balance por clases del 1 al 15 de febrero",
)


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/max in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    options = parser.parse_args()
    questions = [c.question for c in load_questions(ROOT / "evals/datasets/questions.jsonl")]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder))
        engine = make_engine(settings.sqlalchemy_url)
        init_db(engine)
        with admin_session(engine) as session:
            company = create_company(session, nit="901458723-1", name="FERRETERÍA DE PRUEBA SAS")
            company_id = company.id
        with company_session(engine, company_id) as session:
            for proposal in parse_journal(JOURNAL):
                post_entry(session, proposal, actor="benchmark")
            session.commit()
        principal = Principal(company_id=company_id, user_id=1, channel="bench")
        timings: dict[str, list[float]] = {"report": [], "help": []}
        with open_checkpointer(settings) as saver:
            agent = Agent(
                settings=settings,
                engine=engine,
                checkpointer=saver,
                planner=EmbeddedPlanner(),
                today=lambda: date(2025, 4, 15),
            )
            agent.run_turn(principal, "warm", "cuanto dura el link de la dian")  # loads the index
            for i in range(options.turns):
                for kind, pool in (("report", REPORTS), ("help", questions)):
                    started = time.perf_counter()
                    agent.run_turn(principal, f"{kind}-{i % 10}", pool[i % len(pool)])
                    timings[kind].append(time.perf_counter() - started)
        messages = [*REPORTS, *questions]
        started = time.perf_counter()
        for message in messages:
            extract_slots(message, today=date(2025, 4, 15))
        slots_ms = (time.perf_counter() - started) / len(messages) * 1000
    result = {
        "turns_per_kind": options.turns,
        "report_turn": percentiles(timings["report"]),
        "help_turn": percentiles(timings["help"]),
        "slot_extraction_ms_per_message": round(slots_ms, 3),
        "checkpointer": "sqlite",
        "machine": f"{platform.machine()} · {os.cpu_count()} cpu · load {os.getloadavg()[0]:.1f}",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
