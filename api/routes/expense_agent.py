"""The expenses agent over REST: activate, pause, today's status and stored daily summaries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import SessionDep, ToolCtx
from api.errors import ApiError
from tools.inbox.agent import BOGOTA
from tools.inbox.summaries import DaySummary, Unregistered, daily_summaries, unregistered_of
from tools.inbox.tool_agent import (
    ActivateInput,
    ActivateOutput,
    PauseOutput,
    StatusInput,
    StatusOutput,
)
from tools.registry import run_tool

router = APIRouter(prefix="/expense-agent", tags=["expense-agent"])
DEFAULT_DAYS = 30
MAX_DAYS = 366


class AgentStatusOut(BaseModel):
    active: bool
    day: date
    registered: int
    minutes_saved: int
    unregistered: list[Unregistered]
    text: str


class SummariesOut(BaseModel):
    start: date
    end: date
    summaries: list[DaySummary]


class ActivateIn(BaseModel):
    only_recent: bool = Field(
        default=True, description="Registrar solo los documentos que lleguen desde ahora."
    )


def _status(ctx: ToolCtx, day: date | None) -> AgentStatusOut:
    shown = run_tool(ctx, "expense_agent_status", StatusInput(day=day))
    assert isinstance(shown, StatusOutput)
    return AgentStatusOut(
        active=shown.active,
        day=shown.day,
        registered=shown.registered,
        minutes_saved=shown.minutes_saved,
        unregistered=unregistered_of(shown.not_registered),
        text=shown.text,
    )


@router.post("/activate", response_model=ActivateOutput)
def activate(ctx: ToolCtx, body: ActivateIn | None = None) -> ActivateOutput:
    """Switch the agent on (or resume it): greeting and the tasks it takes on."""
    args = ActivateInput(only_recent=body.only_recent if body else True)
    result = run_tool(ctx, "expense_agent_activate", args)
    assert isinstance(result, ActivateOutput)
    return result


@router.post("/pause", response_model=PauseOutput)
def pause(ctx: ToolCtx) -> PauseOutput:
    """Pause the agent: what arrives meanwhile is left for a person."""
    result = run_tool(ctx, "expense_agent_pause", {})
    assert isinstance(result, PauseOutput)
    return result


@router.get("/status", response_model=AgentStatusOut)
def status(
    ctx: ToolCtx,
    day: Annotated[
        date | None,
        Query(ge=date(2000, 1, 1), le=date(9998, 12, 31), description="Día (AAAA-MM-DD)."),
    ] = None,
) -> AgentStatusOut:
    """Active or paused, and the day's figures (today in Bogotá by default)."""
    return _status(ctx, day)


@router.get("/summaries", response_model=SummariesOut)
def summaries(
    ctx: ToolCtx,
    session: SessionDep,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> SummariesOut:
    """The daily summaries stored at 00:00 Bogotá (the last 30 days by default)."""
    last = end or datetime.now(UTC).astimezone(BOGOTA).date()
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise ApiError(400, "periodo_invalido", "La fecha final es anterior a la inicial.")
    if (last - first).days >= MAX_DAYS:
        raise ApiError(400, "periodo_muy_largo", "Pide como máximo un año de resúmenes.")
    rows = daily_summaries(session, ctx.company_id, first, last)
    return SummariesOut(start=first, end=last, summaries=rows)
