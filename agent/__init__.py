"""Cuadre's conversational agent.

    import agent
    result = agent.run_turn(principal, None, "balance de marzo de 2025")
    for event in agent.stream_turn(principal, None, "¿por qué no se movió el inventario?"): ...
    agent.confirm(principal, result.thread_id, result.pending_confirmation["id"], approve=True)

The module-level functions use one process-wide `Agent` built from `get_settings()`;
tests and servers that need their own database build `Agent(...)` or `Agent.open(...)`.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

from agent.turn import Agent, TurnEvent, TurnResult
from tools.context import Principal

_lock = threading.Lock()
_default: Agent | None = None
_stack = ExitStack()
atexit.register(_stack.close)


def default_agent() -> Agent:
    """The process-wide agent (opened on first use, closed at exit)."""
    global _default
    with _lock:
        if _default is None:
            _default = _stack.enter_context(Agent.open())
        return _default


def use_agent(agent: Agent | None) -> None:
    """Make `agent` the process-wide one (the CLI does this with its own engine)."""
    global _default
    with _lock:
        _default = agent


def run_turn(
    principal: Principal, thread_id: str | None, message: str, attachments: tuple[str, ...] = ()
) -> TurnResult:
    """One message in, one `TurnResult` out (see `agent.turn`)."""
    return default_agent().run_turn(principal, thread_id, message, attachments)


def stream_turn(
    principal: Principal, thread_id: str | None, message: str, attachments: tuple[str, ...] = ()
) -> Iterator[TurnEvent]:
    """The turn as events: token, tool_start, tool_end, confirmation, final."""
    return default_agent().stream_turn(principal, thread_id, message, attachments)


def confirm(
    principal: Principal, thread_id: str | None, confirmation_id: str, approve: bool
) -> TurnResult:
    """Answer a pending confirmation (a button or `approve=true` in the API)."""
    return default_agent().confirm(principal, thread_id, confirmation_id, approve)


def list_threads(principal: Principal) -> list[str]:
    """The principal's conversation threads."""
    return default_agent().list_threads(principal)


def delete_thread(principal: Principal, thread_id: str | None) -> str:
    """Delete one of the principal's threads with its checkpoints."""
    return default_agent().delete_thread(principal, thread_id)


__all__: list[Any] = [
    "Agent",
    "TurnEvent",
    "TurnResult",
    "confirm",
    "default_agent",
    "delete_thread",
    "list_threads",
    "run_turn",
    "stream_turn",
    "use_agent",
]
