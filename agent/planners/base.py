"""The one interface both planners share: given the conversation, call tools or answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from agent.context import SearchFn
from tools.current import Current
from tools.registry import ToolSpec

# The company's current value(s) of a tool's identifier field nobody named ("¿cómo va la
# sincronización?": the latest sync), or None when the field has no such notion.
CurrentFn = Callable[[ToolSpec, str], Current | None]


@dataclass(frozen=True)
class ToolCall:
    """One call a planner asks for; the graph decides whether and how it runs."""

    id: str
    tool: str
    args: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """The state form `{id, tool, args}`."""
        return {"id": self.id, "tool": self.tool, "args": self.args}


@dataclass(frozen=True)
class PlanRequest:
    """What a planner sees: the history (Chat Completions shape) and what it may use."""

    messages: tuple[dict[str, Any], ...]
    tools: tuple[ToolSpec, ...]
    company_id: int | None
    today: date
    company_name: str = ""  # the caller's company, so "the other one" can be told apart
    company_nit: str = ""
    attachments: tuple[str, ...] = ()
    followup: dict[str, Any] | None = None
    search: SearchFn | None = None
    current: CurrentFn | None = None
    on_token: Callable[[str], None] | None = None


@dataclass(frozen=True)
class Plan:
    """Tool calls to run next, or the reply that ends the turn."""

    calls: tuple[ToolCall, ...] = ()
    reply: str = ""
    citations: tuple[dict[str, str], ...] = ()
    followup: dict[str, Any] | None = None
    lead: str = ""  # said before this step's results or preview («Tomo la sincronización 3…»)
    notice: str = ""  # said once per thread (e.g. "sigo sin el modelo de lenguaje")
    streamed: bool = False  # the reply already went out token by token
    planner: str = field(default="", compare=False)


class Planner(Protocol):
    """Embedded (rules + retrieval) or LLM (tool calling); the graph does not care which."""

    name: str

    def plan(self, request: PlanRequest) -> Plan:
        """The next step of the conversation."""
        ...


def last_user_text(messages: tuple[dict[str, Any], ...]) -> str:
    """The content of the latest user message ('' when there is none)."""
    for message in reversed(messages):
        if message.get("role") == "user":
            return str(message.get("content") or "")
    return ""


def tool_messages_since_user(messages: tuple[dict[str, Any], ...]) -> list[dict[str, Any]]:
    """The tool results of the current turn, oldest first."""
    found: list[dict[str, Any]] = []
    for message in reversed(messages):
        if message.get("role") == "user":
            break
        if message.get("role") == "tool":
            found.append(message)
    return list(reversed(found))
