"""What a tool runs with: who is asking, for which company, and where the data lives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from cuadre.settings import Settings
from tools.errors import ToolError


@dataclass(frozen=True)
class Principal:
    """The authenticated caller. The company comes from here, never from a model."""

    company_id: int | None
    user_id: int | None = None
    user_name: str = ""
    role: str = "owner"
    channel: str = "cli"


@dataclass(frozen=True)
class ToolContext:
    """Run-time context handed to every tool call."""

    principal: Principal
    engine: Engine
    settings: Settings = field(default_factory=Settings)
    # The caller's calendar: a conversation replayed on a fixed date (the demo, the evals)
    # dates what its tools do on that day.
    today: Callable[[], date] = date.today

    @property
    def company_id(self) -> int:
        """The caller's company; tools that need one raise a Spanish error without it."""
        if self.principal.company_id is None:
            raise ToolError(
                "sin_empresa",
                "Esta consulta necesita una empresa. Crea una con `cuadre companies create` "
                "o indica `--company-nit`.",
            )
        return self.principal.company_id

    def session(self) -> Session:
        """A database session scoped to the caller's company (tenancy enforced there)."""
        from ledger.db import company_session

        return company_session(self.engine, self.company_id)
