"""Run-time context of a graph run: who is asking, the database, the planner, retrieval.

Handed to `graph.invoke(..., context=AgentContext(...))` on every turn; nothing here is
checkpointed, so a process restart supplies a fresh one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Engine

from cuadre.settings import Settings
from tools.context import Principal, ToolContext
from tools.registry import ToolSpec, all_tools


class SearchFn(Protocol):
    """`knowledge.search`: passages with doc_id, title, section, snippet, score."""

    def __call__(self, query: str, k: int, company_id: int | None) -> list[Any]: ...


@dataclass(kw_only=True)
class AgentContext:
    """Everything a node needs that is not conversation state."""

    principal: Principal = field(metadata={"description": "The authenticated caller."})
    engine: Engine = field(metadata={"description": "The ledger's database."})
    settings: Settings = field(metadata={"description": "Run-time configuration."})
    planner: Any = field(metadata={"description": "A `Planner` (embedded or LLM)."})
    tool_names: tuple[str, ...] | None = field(
        default=None, metadata={"description": "Tools this agent may use; all when None."}
    )
    search: SearchFn | None = field(
        default=None, metadata={"description": "Help retrieval; None when unavailable."}
    )
    today: Callable[[], date] = field(default=date.today)
    streaming: bool = field(
        default=False, metadata={"description": "Ask the model for tokens as they come."}
    )

    def tools(self) -> tuple[ToolSpec, ...]:
        """The registered tools this agent may call."""
        specs = all_tools()
        if self.tool_names is None:
            return specs
        return tuple(spec for spec in specs if spec.name in self.tool_names)

    def tool_context(self) -> ToolContext:
        """The tool context: the company is the principal's, whatever a planner asked."""
        return ToolContext(
            principal=self.principal,
            engine=self.engine,
            settings=self.settings,
            today=self.today,
        )


def llm_endpoint(settings: Settings) -> tuple[str, str | None] | None:
    """(api_key, base_url) of the OpenAI-compatible endpoint, or None when not configured.

    `CUADRE_OPENAI_*` settings win; the standard `OPENAI_API_KEY`/`OPENAI_BASE_URL` count too.
    """
    key = settings.openai_api_key or os.environ.get("OPENAI_API_KEY")
    base = settings.openai_base_url or os.environ.get("OPENAI_BASE_URL")
    if not (key or base):
        return None
    # Local servers often need no key, but the client insists on one.
    return key or "sin-clave", base


def default_search() -> SearchFn | None:
    """`knowledge.search` when the knowledge package provides it."""
    try:
        import knowledge
    except ImportError:
        return None
    search = getattr(knowledge, "search", None)
    return search if callable(search) else None
