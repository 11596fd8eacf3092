"""One turn contract for every channel (CLI, API, Slack, WhatsApp).

agent.run_turn(principal, thread_id, message, attachments=()) -> TurnResult
agent.stream_turn(...) -> Iterator[TurnEvent]  # token, tool_start/end, confirmation, final
agent.confirm(principal, thread_id, confirmation_id, approve) -> TurnResult
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from agent import memory
from agent.context import AgentContext, SearchFn, default_search
from agent.graph import build_graph
from agent.locks import ThreadLocks
from agent.planners import make_planner
from agent.prompts import APOLOGY, CONFIRM_QUESTION, REASK
from agent.render import render_preview
from agent.state import turn_input
from cuadre.settings import Settings, get_settings
from tools.context import Principal
from tools.engines import open_engine

log = logging.getLogger(__name__)

NO_PENDING = "No hay ninguna operación esperando tu confirmación con ese identificador."


class TurnResult(BaseModel):
    """What a channel shows after one turn."""

    model_config = ConfigDict(frozen=True)

    thread_id: str
    reply: str
    citations: list[dict[str, str]] = []
    actions: list[dict[str, Any]] = []
    pending_confirmation: dict[str, Any] | None = None


@dataclass(frozen=True)
class TurnEvent:
    """A streamed event: `token` {text}, `tool_start` {tool, args}, `tool_end` {tool, args,
    status, summary}, `confirmation` {id, summary, preview}, `final` {result}."""

    type: str
    data: dict[str, Any] = field(default_factory=dict)
    result: TurnResult | None = None


_SENTINEL = object()


class Agent:
    """The graph bound to a checkpointer, a database, a planner and per-thread locks."""

    def __init__(
        self,
        *,
        settings: Settings,
        engine: Engine,
        checkpointer: BaseCheckpointSaver[Any],
        planner: Any = None,
        tool_names: tuple[str, ...] | None = None,
        search: SearchFn | object | None = _SENTINEL,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.checkpointer = checkpointer
        self.planner = planner or make_planner(settings)
        self.tool_names = tool_names
        self.search: SearchFn | None = default_search() if search is _SENTINEL else search  # type: ignore[assignment]
        self.today = today
        self.graph = build_graph(checkpointer)
        self.locks = ThreadLocks(settings)

    @classmethod
    @contextmanager
    def open(
        cls, settings: Settings | None = None, engine: Engine | None = None, **options: Any
    ) -> Iterator[Agent]:
        """An agent on the settings' checkpointer (SQLite in the data directory or PostgreSQL)."""
        settings = settings or get_settings()
        engine = engine or default_engine(settings)
        with memory.open_checkpointer(settings) as saver:
            yield cls(settings=settings, engine=engine, checkpointer=saver, **options)

    def run_turn(
        self,
        principal: Principal,
        thread_id: str | None,
        message: str,
        attachments: tuple[str, ...] = (),
    ) -> TurnResult:
        """One message in, one `TurnResult` out."""
        return _last(self._turn(principal, thread_id, message, attachments, streaming=False))

    def stream_turn(
        self,
        principal: Principal,
        thread_id: str | None,
        message: str,
        attachments: tuple[str, ...] = (),
    ) -> Iterator[TurnEvent]:
        """The turn as events; the last one is `final` with the `TurnResult`."""
        return self._turn(principal, thread_id, message, attachments, streaming=True)

    def _turn(
        self,
        principal: Principal,
        thread_id: str | None,
        message: str,
        attachments: tuple[str, ...],
        *,
        streaming: bool,
    ) -> Iterator[TurnEvent]:
        key = memory.thread_key(principal, thread_id)
        with self.locks.hold(key):
            config = _config(key)
            if self.graph.get_state(config).interrupts:
                payload: Any = Command(resume={"text": message})
            else:
                payload = turn_input(
                    message, principal.company_id, principal.user_id, tuple(attachments)
                )
            yield from self._drive(principal, key, payload, streaming=streaming)

    def confirm(
        self, principal: Principal, thread_id: str | None, confirmation_id: str, approve: bool
    ) -> TurnResult:
        """Answer a pending confirmation with a button (approve=True/False)."""
        key = memory.thread_key(principal, thread_id)
        with self.locks.hold(key):
            pending = self.pending(principal, key)
            if pending is None or pending["id"] != confirmation_id:
                return TurnResult(
                    thread_id=key,
                    reply=NO_PENDING,
                    pending_confirmation=pending and _shown(pending),
                )
            return _last(self._drive(principal, key, Command(resume={"approve": approve})))

    def pending(self, principal: Principal, thread_id: str | None) -> dict[str, Any] | None:
        """The WRITE waiting for consent on this thread, if any."""
        snapshot = self.graph.get_state(_config(memory.thread_key(principal, thread_id)))
        return dict(snapshot.interrupts[0].value) if snapshot.interrupts else None

    def history(self, principal: Principal, thread_id: str | None) -> list[dict[str, Any]]:
        """The thread's (trimmed) messages."""
        snapshot = self.graph.get_state(_config(memory.thread_key(principal, thread_id)))
        return list(snapshot.values.get("messages") or [])

    def list_threads(self, principal: Principal) -> list[str]:
        """This principal's threads."""
        prefix = memory.thread_prefix(principal)
        return [
            t
            for t in memory.list_threads(self.checkpointer, prefix)
            if t == prefix or t.startswith(prefix + ":")
        ]

    def delete_thread(self, principal: Principal, thread_id: str | None) -> str:
        """Forget one of this principal's threads with all its checkpoints; returns its id."""
        key = memory.thread_key(principal, thread_id)
        with self.locks.hold(key):
            memory.delete_thread(self.checkpointer, key)
        return key

    def _drive(
        self, principal: Principal, key: str, payload: Any, *, streaming: bool = False
    ) -> Iterator[TurnEvent]:
        config = _config(key)
        context = AgentContext(
            principal=principal,
            engine=self.engine,
            settings=self.settings,
            planner=self.planner,
            tool_names=self.tool_names,
            search=self.search,
            today=self.today,
            streaming=streaming,
        )
        try:
            for chunk in self.graph.stream(payload, config, context=context, stream_mode="custom"):
                event = dict(chunk)
                yield TurnEvent(str(event.pop("type")), event)
            result = self._result(key)
        except Exception:
            log.exception("turn failed on thread %s", key)
            pending = self.graph.get_state(config).interrupts
            result = TurnResult(
                thread_id=key,
                reply=APOLOGY,
                pending_confirmation=_shown(pending[0].value) if pending else None,
            )
        if result.pending_confirmation:
            yield TurnEvent("confirmation", dict(result.pending_confirmation))
        yield TurnEvent("final", {"result": result.model_dump()}, result)

    def _result(self, key: str) -> TurnResult:
        snapshot = self.graph.get_state(_config(key))
        values = snapshot.values
        common = {
            "thread_id": key,
            "citations": values.get("citations") or [],
            "actions": values.get("actions") or [],
        }
        if snapshot.interrupts:
            pending = dict(snapshot.interrupts[0].value)
            lead = REASK if values.get("consent") == "unclear" else ""
            banner = values.get("banner") or ""
            reply = "\n\n".join(
                p for p in (banner, lead, render_preview(pending["preview"]), CONFIRM_QUESTION) if p
            )
            return TurnResult(**common, reply=reply, pending_confirmation=_shown(pending))
        return TurnResult(**common, reply=values.get("reply") or "")


def default_engine(settings: Settings) -> Engine:
    """The ledger's engine on the settings' database, through `tools` (the agent's layer
    below): for `agent.run_turn` used on its own; the CLI and the API pass theirs."""
    return open_engine(settings)


def _shown(pending: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": pending["id"],
        "summary": pending["summary"],
        "preview": pending["preview"],
        "tool": pending["tool"],
    }


def _config(key: str) -> RunnableConfig:
    return {"configurable": {"thread_id": key}}


def _last(events: Iterator[TurnEvent]) -> TurnResult:
    result = None
    for event in events:
        if event.result is not None:
            result = event.result
    if result is None:
        raise RuntimeError("a turn ended without a final event")
    return result
