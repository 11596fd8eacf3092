"""Threads: namespacing, trimming, listing, deletion, resume after restart, one turn at a time."""

from __future__ import annotations

import threading
import time
from typing import Any

from sqlalchemy import Engine

from agent.locks import ThreadLocks
from agent.memory import open_checkpointer, sanitize_history, thread_key, trim_history
from agent.planners import EmbeddedPlanner, Plan, PlanRequest
from agent.turn import Agent
from cuadre.settings import Settings
from tests.agent.conftest import ANA, OTHER_COMPANY, make_agent
from tests.agent.toolbox import expense_count
from tools.context import Principal


def test_thread_ids_live_in_the_principals_namespace() -> None:
    assert thread_key(ANA) == "1:7:cli"
    assert thread_key(ANA, "caja") == "1:7:cli:caja"
    assert thread_key(ANA, "1:7:cli:caja") == "1:7:cli:caja"
    # Another person's full id becomes a name inside one's own namespace.
    assert thread_key(OTHER_COMPANY, "1:7:cli:caja") == "2:9:cli:1:7:cli:caja"
    assert thread_key(Principal(company_id=None, channel="slack")) == "none:anon:slack"


def _turn(n: int, with_tool: bool) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = [{"role": "user", "content": f"pregunta {n}"}]
    if with_tool:
        call = {"id": f"c{n}", "type": "function", "function": {"name": "t", "arguments": "{}"}}
        messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        messages.append({"role": "tool", "tool_call_id": f"c{n}", "content": "{}"})
    messages.append({"role": "assistant", "content": f"respuesta {n}"})
    return messages


def test_trimming_never_orphans_tool_messages() -> None:
    history = [m for n in range(30) for m in _turn(n, with_tool=n % 2 == 0)]
    for budget in range(1, 45):
        kept = trim_history(history, budget)
        assert kept[0]["role"] == "user"
        assert len(kept) <= max(budget, 4)
        calls = {c["id"] for m in kept for c in m.get("tool_calls") or []}
        answered = {m["tool_call_id"] for m in kept if m["role"] == "tool"}
        assert calls == answered
    assert trim_history(history[:5], 40) == history[:5]


def test_history_is_trimmed_in_the_checkpoint(agent: Agent) -> None:
    for n in range(25):
        agent.run_turn(ANA, "largo", f"cuanto gaste en marzo {n}")
    history = agent.history(ANA, "largo")
    assert len(history) <= 40
    assert history[0]["role"] == "user"


def test_threads_are_listed_per_principal_and_deleted_with_checkpoints(agent: Agent) -> None:
    agent.run_turn(ANA, "uno", "hola")
    agent.run_turn(ANA, "dos", "cuanto gaste en marzo")
    agent.run_turn(OTHER_COMPANY, "tres", "hola")
    assert agent.list_threads(ANA) == ["1:7:cli:dos", "1:7:cli:uno"]
    assert agent.list_threads(OTHER_COMPANY) == ["2:9:cli:tres"]
    assert agent.delete_thread(ANA, "dos") == "1:7:cli:dos"
    assert agent.list_threads(ANA) == ["1:7:cli:uno"]
    assert agent.history(ANA, "dos") == []
    with agent.checkpointer.cursor(transaction=False) as cur:  # type: ignore[attr-defined]
        cur.execute("SELECT count(*) FROM writes WHERE thread_id = '1:7:cli:dos'")
        assert cur.fetchone()[0] == 0


def test_a_pending_confirmation_survives_a_process_restart(
    settings: Settings, books: Engine
) -> None:
    with open_checkpointer(settings) as saver:
        asked = make_agent(settings, books, saver).run_turn(
            ANA, "caja", "registra un gasto de 70.000 en aseo"
        )
    assert asked.pending_confirmation is not None
    with open_checkpointer(settings) as saver:  # a new process: new graph, same SQLite file
        fresh = make_agent(settings, books, saver)
        assert fresh.pending(ANA, "caja")["id"] == asked.pending_confirmation["id"]  # type: ignore[index]
        done = fresh.run_turn(ANA, "caja", "confirmo")
    assert done.actions[-1]["status"] == "ok"
    assert expense_count(books, 1) == 3


class SlowPlanner:
    """The embedded planner, slowed down, recording how many plans overlap per thread."""

    name = "slow"

    def __init__(self) -> None:
        self.inner = EmbeddedPlanner()
        self.active = 0
        self.most = 0
        self.guard = threading.Lock()

    def plan(self, request: PlanRequest) -> Plan:
        with self.guard:
            self.active += 1
            self.most = max(self.most, self.active)
        time.sleep(0.05)
        try:
            return self.inner.plan(request)
        finally:
            with self.guard:
                self.active -= 1


def test_two_messages_on_one_thread_are_serialized(settings: Settings, books: Engine) -> None:
    planner = SlowPlanner()
    with open_checkpointer(settings) as saver:
        agent = make_agent(settings, books, saver, planner=planner)
        results = []
        workers = [
            threading.Thread(target=lambda m=m: results.append(agent.run_turn(ANA, "caja", m)))
            for m in ("cuanto gaste en marzo", "busca la factura FE-120", "hola", "el mes pasado")
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        history = agent.history(ANA, "caja")
    assert planner.most == 1
    assert len(results) == 4
    # Each user message is followed by its own answer: turns never interleave.
    roles = [m["role"] for m in history if m["role"] in ("user", "assistant") and m.get("content")]
    assert roles == ["user", "assistant"] * 4


def test_file_locks_serialize_across_lock_owners(settings: Settings) -> None:
    # Two ThreadLocks on one data directory stand for two processes (flock is per open file).
    first, second = ThreadLocks(settings), ThreadLocks(settings)
    order: list[str] = []
    with first.hold("1:7:cli"):
        waiter = threading.Thread(target=lambda: _hold(second, order))
        waiter.start()
        time.sleep(0.1)
        order.append("first done")
    waiter.join()
    assert order == ["first done", "second"]


def _hold(locks: ThreadLocks, order: list[str]) -> None:
    with locks.hold("1:7:cli"):
        order.append("second")


class BrokenPlanner:
    name = "broken"

    def plan(self, request: PlanRequest) -> Plan:
        raise KeyError("planner bug with secret detail /srv/cuadre/x.py")


def test_an_unexpected_error_is_a_polite_apology(
    settings: Settings, books: Engine, caplog: Any
) -> None:
    with open_checkpointer(settings) as saver:
        agent = make_agent(settings, books, saver, planner=BrokenPlanner())
        result = agent.run_turn(ANA, "caja", "hola")
    assert result.reply.startswith("Lo siento")
    assert "KeyError" not in result.reply and "/srv" not in result.reply
    assert any("1:7:cli:caja" in record.getMessage() for record in caplog.records)


def test_stream_turn_yields_tokens_tools_confirmation_and_final(agent: Agent) -> None:
    events = list(agent.stream_turn(ANA, "caja", "cuanto gaste en marzo"))
    kinds = [event.type for event in events]
    assert kinds[0] == "tool_start" and "tool_end" in kinds and kinds[-1] == "final"
    tokens = "".join(e.data["text"] for e in events if e.type == "token")
    assert tokens == events[-1].result.reply  # type: ignore[union-attr]
    asking = list(agent.stream_turn(ANA, "caja", "registra un gasto de 5.000 en tinto"))
    assert [e.type for e in asking][-2:] == ["confirmation", "final"]
    assert asking[-2].data["summary"].startswith("Registrar un gasto")


def test_history_sent_to_a_model_has_no_unanswered_calls() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "t", "arguments": "{}"}}
    waiting = {"id": "c2", "type": "function", "function": {"name": "w", "arguments": "{}"}}
    history = [
        {"role": "tool", "tool_call_id": "c0", "content": "{}"},
        {"role": "user", "content": "hola"},
        {"role": "assistant", "content": None, "tool_calls": [call, waiting]},
        {"role": "tool", "tool_call_id": "c1", "content": "{}"},
        {"role": "assistant", "content": None, "tool_calls": [{**waiting, "id": "c3"}]},
        {"role": "user", "content": "¿y?"},
    ]
    assert sanitize_history(history) == [
        {"role": "user", "content": "hola"},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": "{}"},
        {"role": "user", "content": "¿y?"},
    ]


def test_a_thread_works_again_after_a_crashed_turn(settings: Settings, books: Engine) -> None:
    with open_checkpointer(settings) as saver:
        broken = make_agent(settings, books, saver, planner=BrokenPlanner())
        assert broken.run_turn(ANA, "caja", "hola").reply.startswith("Lo siento")
        healthy = make_agent(settings, books, saver)
        result = healthy.run_turn(ANA, "caja", "cuanto gaste en marzo")
        history = healthy.history(ANA, "caja")
    assert result.actions[0]["status"] == "ok"
    assert [m["content"] for m in history if m["role"] == "user"] == [
        "hola",
        "cuanto gaste en marzo",
    ]
