"""The LLM planner: any OpenAI-compatible Chat Completions endpoint with tool calling.

The client retries 429 and 5xx with exponential backoff and gives up after a timeout;
then this planner hands the step to the embedded planner and stays away from the
endpoint for a cool-down, so a dead server costs one timeout, not one per message.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import openai
from openai import OpenAI

from agent.memory import sanitize_history
from agent.planners.base import Plan, Planner, PlanRequest, ToolCall
from agent.prompts import FALLBACK_NOTICE, system_prompt

log = logging.getLogger(__name__)

MESSAGE_KEYS = ("role", "content", "tool_calls", "tool_call_id", "name")
# After the client's own retries, these mean "no model today": the embedded planner answers.
# A 400 is not among them: it is a bug in what we sent, and it must show as one.
UNREACHABLE = (
    openai.APIConnectionError,  # includes APITimeoutError
    openai.RateLimitError,
    openai.InternalServerError,
    openai.AuthenticationError,
    openai.PermissionDeniedError,
    openai.NotFoundError,
)


class LLMPlanner:
    """Tool calling through the `openai` client; falls back to `fallback` when unreachable."""

    name = "llm"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None,
        model: str,
        fallback: Planner,
        timeout: float = 30.0,
        max_retries: int = 2,
        cooldown: float = 60.0,
    ) -> None:
        self.client = OpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        self.model = model
        self.fallback = fallback
        self.cooldown = cooldown
        self._down_until = 0.0

    def plan(self, request: PlanRequest) -> Plan:
        """Ask the model; on an unreachable endpoint, the embedded planner answers."""
        if time.monotonic() < self._down_until:
            return self._fallback(request)
        try:
            return self._ask(request)
        except UNREACHABLE as exc:
            log.warning("model endpoint unreachable (%s); using the embedded planner", exc)
            self._down_until = time.monotonic() + self.cooldown
            return self._fallback(request)

    def _fallback(self, request: PlanRequest) -> Plan:
        plan = self.fallback.plan(request)
        return Plan(
            calls=plan.calls,
            reply=plan.reply,
            citations=plan.citations,
            followup=plan.followup,
            notice=FALLBACK_NOTICE,
            planner=self.fallback.name,
        )

    def _ask(self, request: PlanRequest) -> Plan:
        messages = [
            {
                "role": "system",
                "content": system_prompt(company_id=request.company_id, today=request.today),
            },
            *(_wire(message) for message in sanitize_history(list(request.messages))),
        ]
        tools = [spec.json_schema() for spec in request.tools]
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages}
        if tools:
            kwargs["tools"] = tools
        if request.on_token is None:
            response = self.client.chat.completions.create(**kwargs)
            message = response.choices[0].message
            calls = [
                (call.id, call.function.name, call.function.arguments)
                for call in message.tool_calls or []
                if call.type == "function"
            ]
            return _plan(message.content or "", calls, streamed=False)
        content, calls = self._stream(kwargs, request.on_token)
        return _plan(content, calls, streamed=bool(content) and not calls)

    def _stream(
        self, kwargs: dict[str, Any], on_token: Any
    ) -> tuple[str, list[tuple[str, str, str]]]:
        text: list[str] = []
        partial: dict[int, dict[str, str]] = {}
        for chunk in self.client.chat.completions.create(**kwargs, stream=True):
            if not chunk.choices:
                continue
            delta = chunk.choices[0].delta
            if delta.content:
                text.append(delta.content)
                on_token(delta.content)
            for call in delta.tool_calls or []:
                slot = partial.setdefault(call.index, {"id": "", "name": "", "arguments": ""})
                slot["id"] = call.id or slot["id"]
                if call.function is not None:
                    slot["name"] += call.function.name or ""
                    slot["arguments"] += call.function.arguments or ""
        calls = [(c["id"], c["name"], c["arguments"]) for _, c in sorted(partial.items())]
        return "".join(text), calls


def _plan(content: str, calls: list[tuple[str, str, str]], *, streamed: bool) -> Plan:
    if calls:
        return Plan(
            calls=tuple(
                ToolCall(call_id or f"call_{i}", name, _arguments(raw))
                for i, (call_id, name, raw) in enumerate(calls)
            ),
            planner="llm",
        )
    return Plan(reply=content.strip(), streamed=streamed, planner="llm")


def _arguments(raw: str) -> dict[str, Any]:
    # Malformed JSON from a model becomes arguments the registry rejects in Spanish.
    try:
        value = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return {"_argumentos_no_json": raw}
    return value if isinstance(value, dict) else {"_argumentos_no_json": raw}


def _wire(message: dict[str, Any]) -> dict[str, Any]:
    return {
        key: message[key] for key in MESSAGE_KEYS if key in message and message[key] is not None
    }
