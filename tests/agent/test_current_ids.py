"""A sync asked for without its number: the planner takes the company's current one and
says which; two at once is a question; a number said, or one the thread knows, wins."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import tools.catalog  # noqa: F401  (registers every tool)
from agent.memory import open_checkpointer
from agent.planners.base import Plan, PlanRequest
from agent.planners.embedded import EmbeddedPlanner
from agent.turn import Agent
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import SyncJob
from tests.utils.companies import new_company
from tools.context import Principal
from tools.current import Current
from tools.registry import ToolSpec, all_tools

LATEST = Current((3,), "Tomo la sincronización 3, la más reciente.")
TWO_RUNNING = Current((3, 4), "Hay 2 sincronizaciones en curso, la 3 y 4: ¿cuál?")


def _plan(
    text: str,
    current: Current | None,
    *,
    before: tuple[dict[str, Any], ...] = (),
    followup: dict[str, Any] | None = None,
) -> Plan:
    def lookup(spec: ToolSpec, name: str) -> Current | None:
        return current if name in ("job_id", "batch_id") else None

    request = PlanRequest(
        messages=(*before, {"role": "user", "content": text}),
        tools=all_tools(),
        company_id=1,
        today=date(2025, 2, 15),
        followup=followup,
        current=lookup,
    )
    return EmbeddedPlanner().plan(request)


def _call(plan: Plan) -> tuple[str, dict[str, Any]] | None:
    return (plan.calls[0].tool, plan.calls[0].args) if plan.calls else None


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("¿cómo va la sincronización?", "sync_status"),
        ("¿ya terminó de importar lo de la dian?", "sync_status"),
        ("en qué va lo de la DIAN", "sync_status"),
        ("registra la sincronización en los libros", "sync_commit"),
    ],
)
def test_the_current_sync_is_taken_and_said(text: str, tool: str) -> None:
    plan = _plan(text, LATEST)
    assert _call(plan) == (tool, {"job_id": 3})
    assert plan.lead == LATEST.said


def test_undoing_the_import_takes_the_current_batch() -> None:
    batch = Current(("L-0001",), "Tomo el lote L-0001, el de la sincronización 1.")
    plan = _plan("deshaz la importación", batch)
    assert _call(plan) == ("sync_undo", {"batch_id": "L-0001"})
    assert plan.lead == batch.said


def test_a_number_said_wins_and_says_nothing_more() -> None:
    plan = _plan("como va la sincronizacion 1", LATEST)
    assert _call(plan) == ("sync_status", {"job_id": 1}) and plan.lead == ""


def test_the_sync_the_thread_just_staged_wins() -> None:
    staged = (
        {"role": "user", "content": "importa estos archivos"},
        {"role": "tool", "name": "sync_start_from_files", "content": '{"job_id": 5}'},
        {"role": "assistant", "content": "Leí los archivos."},
    )
    plan = _plan("registra la sincronización en los libros", LATEST, before=staged)
    assert _call(plan) == ("sync_commit", {"job_id": 5}) and plan.lead == ""


def test_two_running_at_once_asks_which_and_the_short_reply_answers() -> None:
    asked = _plan("¿cómo va la sincronización?", TWO_RUNNING)
    assert not asked.calls and asked.reply == TWO_RUNNING.said
    answered = _plan("la 4", TWO_RUNNING, followup=asked.followup)
    assert _call(answered) == ("sync_status", {"job_id": 4})


def test_without_any_sync_the_number_is_asked_as_before() -> None:
    plan = _plan("¿cómo va la sincronización?", Current())
    assert not plan.calls and "¿Qué sincronización?" in plan.reply
    assert not _plan("¿cómo va la sincronización?", None).calls


# --- through the graph, on the real ledger ------------------------------------------


def _job(engine: Engine, company_id: int, state: str, batch: str | None = None) -> int:
    with company_session(engine, company_id) as session:
        job = SyncJob(
            company_id=company_id, state=state, sync_date=date(2025, 3, 31), batch_id=batch
        )
        session.add(job)
        session.commit()
        assert job.id is not None
        return job.id


def test_the_reply_names_the_sync_it_took(tmp_path: Path, engine: Engine) -> None:
    company_id = new_company(engine)
    _job(engine, company_id, "done", "L-0001")
    latest = _job(engine, company_id, "failed")
    ana = Principal(company_id=company_id, user_id=1, user_name="ana@demo.co")
    settings = Settings(data_dir=tmp_path / "data")
    with open_checkpointer(settings) as saver:
        agent = Agent(
            settings=settings,
            engine=engine,
            checkpointer=saver,
            planner=EmbeddedPlanner(),
            tool_names=("sync_status", "sync_commit", "sync_undo"),
            search=None,
            today=lambda: date(2025, 4, 15),
        )
        status = agent.run_turn(ana, "t", "¿cómo va la sincronización?")
        assert status.actions[0]["args"] == {"job_id": latest}
        assert status.reply.startswith(f"Tomo la sincronización {latest}, la más reciente.")

        first, second = (
            _job(engine, company_id, "downloading"),
            _job(engine, company_id, "committing"),
        )
        asked = agent.run_turn(ana, "t2", "¿ya terminó de importar?")
        assert asked.actions == [] and f"la {first} y {second}: ¿cuál?" in asked.reply
        answered = agent.run_turn(ana, "t2", f"la {second}")
        assert answered.actions[0]["args"] == {"job_id": second}
        assert "Tomo" not in answered.reply
