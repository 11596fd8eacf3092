"""The conversation graph: plan -> act -> (confirm) -> respond.

    START -> plan --calls--> act --WRITE preview--> confirm --yes--> act -> plan ...
                 \\--reply--> respond -> END        \\--no--> respond
                                                   \\--unclear--> confirm (asks again)
                                                   \\--a change--> confirm (new preview)

`act` is the only place tools run, with the principal's company whatever a planner
asked; a WRITE call never runs before `confirm` has read a yes from the person.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agent.amend import amend_pending
from agent.confirm import classify_consent
from agent.context import AgentContext
from agent.planners.base import PlanRequest
from agent.prompts import CANCELLED, TOO_MANY_STEPS
from agent.render import citations_in, render_output
from agent.state import PendingConfirmation, State
from tools.company import own_company
from tools.current import Current, current_value
from tools.errors import ToolError
from tools.registry import ToolKind, ToolSpec

log = logging.getLogger(__name__)

MAX_STEPS = 6
# Argument names a planner might use to reach another company; they are dropped unread.
COMPANY_KEYS = frozenset(
    {"company_id", "company", "empresa", "empresa_id", "company_nit", "tenant"}
)
INTERNAL_ERROR = (
    "Tuve un problema inesperado al ejecutar «{tool}». No se registró nada; intenta de nuevo "
    "en un momento."
)


def plan(state: State, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Ask the planner for the next step: tool calls, or the reply."""
    ctx = runtime.context
    steps = state.get("steps", 0)
    if steps >= MAX_STEPS:
        return {"calls": [], "reply": TOO_MANY_STEPS}
    write = runtime.stream_writer
    company_name, company_nit = _own_company(ctx)
    request = PlanRequest(
        messages=tuple(state.get("messages") or ()),
        tools=ctx.tools(),
        company_id=state.get("company_id"),
        today=ctx.today(),
        company_name=company_name,
        company_nit=company_nit,
        attachments=tuple(state.get("attachments") or ()),
        followup=state.get("followup"),
        search=ctx.search,
        current=lambda spec, name: _current(ctx, spec, name),
        on_token=(lambda text: write({"type": "token", "text": text})) if ctx.streaming else None,
    )
    decision = ctx.planner.plan(request)
    update: dict[str, Any] = {"steps": steps + 1, "calls": []}
    notices = list(state.get("notices") or [])
    if decision.notice and decision.notice not in notices:
        update["notices"] = [*notices, decision.notice]
        update["banner"] = decision.notice
        write({"type": "token", "text": decision.notice + "\n\n"})
    if decision.lead:
        # Before the results or the preview of this step's calls, and said once.
        banner = update.get("banner", state.get("banner") or "")
        update["banner"] = "\n\n".join(part for part in (banner, decision.lead) if part)
        write({"type": "token", "text": decision.lead + "\n\n"})
    if request.messages and request.messages[-1].get("role") == "user":
        update["followup"] = decision.followup
    if decision.calls:
        update["calls"] = [call.as_dict() for call in decision.calls]
        update["messages"] = [_assistant_calls(decision.calls)]
        return update
    citations = [*state.get("citations", []), *decision.citations]
    update |= {
        "reply": decision.reply,
        "citations": _unique(citations),
        "streamed": decision.streamed,
    }
    return update


def act(state: State, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Run this step's READ calls; preview the WRITE call; run a WRITE only once approved."""
    ctx = runtime.context
    thread = runtime.execution_info.thread_id if runtime.execution_info else None
    specs = {spec.name: spec for spec in ctx.tools()}
    out = _Outcome(state)
    pending = state.get("pending_confirmation")
    if pending and state.get("approved"):
        out.run(ctx, specs[pending["tool"]], pending["id"], pending["args"], thread, runtime)
        return out.update(pending_confirmation=None, approved=False)
    for call in state.get("calls") or []:
        args = {k: v for k, v in (call.get("args") or {}).items() if k not in COMPANY_KEYS}
        spec = specs.get(call["tool"])
        if spec is None:
            error = ToolError(
                "herramienta_desconocida", f"No conozco la herramienta «{call['tool']}»."
            )
            out.fail(call["id"], call["tool"], args, error)
        elif spec.kind is ToolKind.WRITE and pending is not None:
            error = ToolError(
                "una_escritura_a_la_vez",
                "Solo preparo una escritura a la vez; la anterior sigue pendiente.",
            )
            out.fail(call["id"], spec.name, args, error)
        elif spec.kind is ToolKind.WRITE:
            pending = out.preview(ctx, spec, call["id"], args)
            if pending is not None:
                out.actions.append(_action(spec.name, args, "pending", pending["summary"]))
        else:
            out.run(ctx, spec, call["id"], args, thread, runtime)
    return out.update(pending_confirmation=pending)


def confirm(state: State, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Show the preview and wait; the person's answer resumes here. A change in plain
    words ("la línea 2 va a 5135") alters the waiting call and shows the new preview."""
    pending = state.get("pending_confirmation")
    if pending is None:
        raise RuntimeError("confirm reached without a pending WRITE")
    answer = interrupt(dict(pending))
    decision = classify_consent(answer)
    text = (
        answer.get("text")
        if isinstance(answer, dict)
        else answer
        if isinstance(answer, str)
        else None
    )
    update: dict[str, Any] = {
        "consent": decision,
        "actions": [],
        "tool_results": [],
        "citations": [],
        "reply": "",
        "streamed": False,
        "steps": 0,
        "banner": "",
    }
    if decision == "unclear" and text:
        ctx = runtime.context
        spec = {spec.name: spec for spec in ctx.tools()}.get(pending["tool"])
        amended = amend_pending(dict(pending), text, spec, ctx.tool_context())
        if amended is not None:
            return update | amended
    # The answer itself stays out of the history: a user message between a tool call and
    # its result is a conversation Chat Completions endpoints refuse.
    log.info("consent %s (%r) for %s", decision, (text or "")[:40], pending["tool"])
    if decision == "approve":
        update["approved"] = True
    elif decision == "cancel":
        cancelled = {"error": {"code": "cancelado", "message": "La persona canceló la operación."}}
        update["messages"] = [_tool_message(pending["id"], pending["tool"], cancelled)]
        update["actions"] = [
            _action(pending["tool"], pending["args"], "cancelled", pending["summary"])
        ]
        update |= {"pending_confirmation": None, "reply": CANCELLED}
    return update


def respond(state: State, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Close the turn: the reply joins the history (and streams out if it did not already)."""
    reply = state.get("reply") or ""
    if not state.get("streamed"):
        for token in re.findall(r"\S+\s*", reply):
            runtime.stream_writer({"type": "token", "text": token})
    banner = state.get("banner") or ""
    full = f"{banner}\n\n{reply}" if banner else reply
    return {"messages": [{"role": "assistant", "content": full}], "reply": full, "banner": ""}


def route_after_plan(state: State) -> Literal["act", "respond"]:
    """Tool calls go to `act`; a reply ends the turn."""
    return "act" if state.get("calls") else "respond"


def route_after_act(state: State) -> Literal["confirm", "plan"]:
    """A previewed WRITE waits for consent; otherwise the planner sees the results."""
    if state.get("pending_confirmation") and not state.get("approved"):
        return "confirm"
    return "plan"


def route_after_confirm(state: State) -> Literal["act", "respond", "confirm"]:
    """Yes runs the write, no ends the turn, anything else asks again."""
    consent = state.get("consent")
    if consent == "approve":
        return "act"
    if consent == "cancel":
        return "respond"
    if consent in ("unclear", "amended"):
        return "confirm"
    raise ValueError(f"unexpected consent decision: {consent!r}")


class _Outcome:
    """What `act` produced: tool messages, results, actions and citations of the turn."""

    def __init__(self, state: State) -> None:
        self.messages: list[dict[str, Any]] = []
        self.results = list(state.get("tool_results") or [])
        self.actions = list(state.get("actions") or [])
        self.citations = list(state.get("citations") or [])

    def run(
        self,
        ctx: AgentContext,
        spec: ToolSpec,
        call_id: str,
        args: dict[str, Any],
        thread: str | None,
        runtime: Runtime[AgentContext],
    ) -> None:
        runtime.stream_writer({"type": "tool_start", "tool": spec.name, "args": args})
        try:
            output = spec.handler(ctx.tool_context(), spec.parse_args(args)).model_dump(mode="json")
        except ToolError as error:
            self.fail(call_id, spec.name, args, error)
        except Exception:
            log.exception("tool %s failed on thread %s", spec.name, thread)
            internal = ToolError("error_interno", INTERNAL_ERROR.format(tool=spec.name))
            self.fail(call_id, spec.name, args, internal)
        else:
            summary = render_output(output).split("\n")[0][:200]
            self.messages.append(_tool_message(call_id, spec.name, output))
            self.results.append({"tool": spec.name, "args": args, "status": "ok", "output": output})
            self.actions.append(_action(spec.name, args, "ok", summary))
            self.citations = _unique([*self.citations, *citations_in(output)])
        runtime.stream_writer({"type": "tool_end", **self.actions[-1]})

    def preview(
        self, ctx: AgentContext, spec: ToolSpec, call_id: str, args: dict[str, Any]
    ) -> PendingConfirmation | None:
        if spec.preview is None:
            raise RuntimeError(f"WRITE tool {spec.name} has no preview")
        try:
            shown = spec.preview(ctx.tool_context(), spec.parse_args(args))
        except ToolError as error:
            self.fail(call_id, spec.name, args, error)
            return None
        return {
            "id": call_id,
            "tool": spec.name,
            "args": args,
            "summary": shown.summary,
            "preview": shown.model_dump(mode="json"),
        }

    def fail(self, call_id: str, tool: str, args: dict[str, Any], error: ToolError) -> None:
        self.messages.append(_tool_message(call_id, tool, {"error": error.as_dict()}))
        self.results.append(
            {"tool": tool, "args": args, "status": "error", "error": error.as_dict()}
        )
        self.actions.append(_action(tool, args, "error", error.message_es))

    def update(self, **extra: Any) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "tool_results": self.results,
            "actions": self.actions,
            "citations": self.citations,
            "calls": [],
            **extra,
        }


def _own_company(ctx: AgentContext) -> tuple[str, str]:
    # Without it a planner still refuses "the other company"; it only cannot tell a
    # business named in a message from the caller's own.
    try:
        return own_company(ctx.tool_context())
    except Exception:
        log.exception("could not read the caller's company")
        return "", ""


def _current(ctx: AgentContext, spec: ToolSpec, name: str) -> Current | None:
    # A failed lookup only means the planner asks for the identifier instead.
    try:
        return current_value(ctx.tool_context(), spec.input_model, name)
    except Exception:
        log.exception("could not find the current %s for %s", name, spec.name)
        return None


def _assistant_calls(calls: Any) -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.tool, "arguments": json.dumps(call.args, default=str)},
            }
            for call in calls
        ],
    }


def _tool_message(call_id: str, tool: str, payload: Any) -> dict[str, Any]:
    content = json.dumps(payload, ensure_ascii=False, default=str)
    return {"role": "tool", "tool_call_id": call_id, "name": tool, "content": content}


def _action(tool: str, args: dict[str, Any], status: str, summary: str) -> dict[str, Any]:
    return {"tool": tool, "args": args, "status": status, "summary": summary}


def _unique(citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for cite in citations:
        seen.setdefault((str(cite.get("doc_id")), str(cite.get("section"))), dict(cite))
    return list(seen.values())


def build_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None,
) -> CompiledStateGraph[Any, Any, Any, Any]:
    """The compiled graph; conversations persist in `checkpointer` (required for consent)."""
    builder = StateGraph(State, context_schema=AgentContext)
    builder.add_node("plan", plan)
    builder.add_node("act", act)
    builder.add_node("confirm", confirm)
    builder.add_node("respond", respond)
    builder.add_edge(START, "plan")
    builder.add_conditional_edges("plan", route_after_plan)
    builder.add_conditional_edges("act", route_after_act)
    builder.add_conditional_edges("confirm", route_after_confirm)
    builder.add_edge("respond", END)
    return builder.compile(checkpointer=checkpointer, name="cuadre")
