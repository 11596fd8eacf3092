"""One message through the embedded planner, as the graph would hand it over."""

from __future__ import annotations

from datetime import date
from typing import Any

import tools.catalog  # noqa: F401  (registers every tool)
from agent.planners.base import Plan, PlanRequest
from agent.planners.embedded import EmbeddedPlanner
from tools.registry import all_tools

TODAY = date(2025, 2, 15)


def plan_message(text: str, *, company_id: int | None = 1, **request: Any) -> Plan:
    """The plan for `text` with every registered tool (`request`: other PlanRequest fields)."""
    return EmbeddedPlanner().plan(
        PlanRequest(
            messages=({"role": "user", "content": text},),
            tools=all_tools(),
            company_id=company_id,
            today=request.pop("today", TODAY),
            **request,
        )
    )


def planned_tool(text: str, **request: Any) -> str | None:
    """The tool the plan for `text` calls first, or None."""
    plan = plan_message(text, **request)
    return plan.calls[0].tool if plan.calls else None
