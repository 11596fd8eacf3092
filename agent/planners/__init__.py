"""Planners: the embedded one (default) and the LLM one (when an endpoint is configured)."""

from __future__ import annotations

from agent.context import llm_endpoint
from agent.planners.base import Plan, Planner, PlanRequest, ToolCall
from agent.planners.embedded import EmbeddedPlanner
from cuadre.settings import Settings


def make_planner(settings: Settings) -> Planner:
    """The LLM planner when an OpenAI-compatible endpoint is configured, else the embedded one."""
    embedded = EmbeddedPlanner()
    endpoint = llm_endpoint(settings)
    if endpoint is None:
        return embedded
    from agent.planners.llm import LLMPlanner

    api_key, base_url = endpoint
    return LLMPlanner(
        api_key=api_key, base_url=base_url, model=settings.model_name, fallback=embedded
    )


__all__ = ["EmbeddedPlanner", "Plan", "PlanRequest", "Planner", "ToolCall", "make_planner"]
