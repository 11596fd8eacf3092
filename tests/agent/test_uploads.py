"""The uploads a company's conversations still need: what a thread waits on, always; its
current turn, while the conversation is active; its history, never."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from langgraph.types import Interrupt

from agent.memory import open_checkpointer
from agent.planners import EmbeddedPlanner
from agent.turn import Agent
from agent.uploads import conversation_references, state_references
from cuadre.settings import Settings
from ledger.companies import create_company
from ledger.db import admin_session, init_db, make_engine
from tests.tools.sync.docs import OURS
from tests.tools.sync.test_job import year_files
from tools.context import Principal
from tools.files import save_upload

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def ref(letter: str) -> str:
    return f"upload:{letter * 24}/f.zip"


# One thread's latest checkpoint: each channel names its own upload.
STATE = {
    "messages": [{"role": "user", "content": f"concilia esto\n\n[Adjuntos: {ref('d')}]"}],
    "tool_results": [{"tool": "reconcile_dian", "args": {"files": [ref("d")]}}],
    "pending_confirmation": {"tool": "sync_start_from_files", "args": {"files": [ref("a")]}},
    "followup": {"tool": "reconcile_dian", "args": {"files": [ref("b")]}, "last": True},
    "attachments": [ref("c")],
}
WRITES = [("task-1", "__interrupt__", [Interrupt(value={"args": {"files": [ref("f")]}})])]


def ids(written_at: datetime, state: dict[str, object] = STATE) -> set[str]:
    found = state_references(state, WRITES, written_at=written_at, now=NOW, holder="conversación")
    return {r.upload_id[0] for r in found}


def test_an_idle_thread_keeps_only_what_it_waits_on() -> None:
    assert ids(NOW - timedelta(days=40)) == {"a", "f"}


def test_an_active_thread_also_keeps_its_current_turn_but_never_its_history() -> None:
    assert ids(NOW - timedelta(hours=2)) == {"a", "b", "c", "f"}


def test_a_question_waiting_for_its_answer_keeps_its_files_however_old() -> None:
    asking = {"followup": {"tool": "reconcile_dian", "args": {"files": [ref("e")]}}}
    assert ids(NOW - timedelta(days=90), asking) == {"e", "f"}


def test_a_preview_left_waiting_in_a_real_thread_keeps_its_upload(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", environment="test")
    engine = make_engine(settings.sqlalchemy_url)
    init_db(engine)
    with admin_session(engine) as session:
        company = create_company(session, nit=f"{OURS.nit}-{OURS.dv}", name=OURS.name)
    assert company.id is not None
    (tmp_path / "src").mkdir()
    files = year_files(tmp_path / "src")[:2]
    refs = save_upload(engine, company.id, [(p.name, p.read_bytes()) for p in files])
    upload_id = refs[0].split(":")[1].split("/")[0]
    ana = Principal(company_id=company.id, user_id=7, user_name="Ana", channel="api")
    later = datetime.now(UTC) + timedelta(days=40)
    with open_checkpointer(settings) as saver:
        agent = Agent(
            settings=settings,
            engine=engine,
            checkpointer=saver,
            planner=EmbeddedPlanner(),
            tool_names=("sync_start_from_files",),
            search=None,
        )
        asked = agent.run_turn(ana, None, "importa estos archivos de la dian", tuple(refs))
        assert asked.pending_confirmation is not None
        waiting = conversation_references(saver, company.id, now=later)
        assert {r.upload_id for r in waiting} == {upload_id}
        assert all("vista previa" in r.holder for r in waiting)
        assert conversation_references(saver, company.id + 1, now=later) == []

        pending = asked.pending_confirmation
        agent.confirm(ana, asked.thread_id, pending["id"], approve=True)  # read and staged
        assert conversation_references(saver, company.id, now=later) == []
        assert conversation_references(saver, company.id, now=datetime.now(UTC))  # active
    engine.dispose()
