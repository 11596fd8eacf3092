"""The graph's state: one conversation thread, checkpointed after every step.

Messages use the Chat Completions shape (`role`, `content`, `tool_calls`,
`tool_call_id`), so the LLM planner sends them as they are. The company and the user
come from the authenticated principal on every turn, never from a planner.
"""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

from agent.memory import Message, add_messages


class PendingConfirmation(TypedDict):
    """A WRITE call waiting for a yes/no: the preview the person sees and the call itself."""

    id: str
    tool: str
    args: dict[str, Any]
    summary: str
    preview: dict[str, Any]


class InputState(TypedDict, total=False):
    """What a turn brings in: the new message and who is asking."""

    messages: Annotated[list[Message], add_messages]
    company_id: int | None
    user_id: int | None
    attachments: list[str]


class State(InputState, total=False):
    """Everything a thread remembers between steps and turns."""

    calls: list[dict[str, Any]]  # tool calls planned in this step: {id, tool, args}
    pending_confirmation: PendingConfirmation | None
    approved: bool  # the pending WRITE was approved; `act` runs it
    consent: str  # last consent decision: approve | cancel | unclear
    tool_results: list[dict[str, Any]]  # this turn: {tool, args, status, output|error}
    actions: list[dict[str, Any]]  # this turn: {tool, args, status, summary}
    citations: list[dict[str, Any]]  # this turn: {doc_id, title, section, snippet}
    reply: str
    streamed: bool  # the reply already went out as tokens
    steps: int  # plan steps this turn (loop guard)
    followup: dict[str, Any] | None  # embedded planner: a tool waiting for missing slots
    notices: list[str]  # things said once per thread (e.g. the LLM fallback)
    banner: str  # a notice to put before this turn's reply


def turn_input(
    message: str, company_id: int | None, user_id: int | None, attachments: tuple[str, ...]
) -> dict[str, Any]:
    """The state update that starts a turn (clears the previous turn's results)."""
    content = message
    if attachments:
        content += "\n\n[Adjuntos: " + ", ".join(attachments) + "]"
    return {
        "messages": [{"role": "user", "content": content}],
        "company_id": company_id,
        "user_id": user_id,
        "attachments": list(attachments),
        "calls": [],
        "tool_results": [],
        "actions": [],
        "citations": [],
        "reply": "",
        "streamed": False,
        "steps": 0,
        "approved": False,
        "consent": "",
        "banner": "",
    }
