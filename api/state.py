"""What every request shares: settings, the database engine and the agent.

Nothing here is per-user state; sessions, threads and deduplication live in the database
(and the agent's checkpointer), so any number of workers can serve one deployment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from cuadre.settings import Settings

if TYPE_CHECKING:
    from agent.turn import Agent


@dataclass
class AppState:
    """Process-wide services behind `app.state.cuadre`."""

    settings: Settings
    engine: Engine
    agent: Agent | None = None

    def require_agent(self) -> Agent:
        """The agent; the lifespan opens it, so a missing one is a wiring bug."""
        if self.agent is None:
            raise RuntimeError("the agent is not open (app lifespan not started)")
        return self.agent
