"""Run conversation tasks through the agent and grade them (I/O at this edge).

Each trial of a task gets a fresh copy of its company fixture. Turns go through
`Agent.run_turn`; when the last turn leaves a preview and the task expects confirmation,
the runner approves it with the button (`Agent.confirm`). The ledger is hashed before and
after every step: a change in a step that was not an approval is a consent violation.
The end state is compared with the state reached by replaying the expected actions
directly through `tools.registry.run_tool` on another fresh copy.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from cuadre.settings import Settings
from evals import assertions
from evals.companies import FILES, FixtureCopy, FixtureFactory
from evals.ledger_hash import snapshot, state_diff, state_hash
from evals.metrics import args_match, citation_scores, task_success
from evals.questions import plain
from evals.schema import ConversationTask, DatasetError

APPROVALS = ("si", "sí", "dale", "confirmo", "de una", "hagale", "hágale", "listo", "ok", "va")


@dataclass(frozen=True)
class TrialResult:
    """One run of one task: its components, what it did and why it failed."""

    task_id: str
    category: str
    trial: int
    components: dict[str, bool]
    success: bool
    expected_tools: tuple[str, ...]
    called_tools: tuple[str, ...]  # without optional tools the task does not expect
    relevant_docs: tuple[str, ...]
    cited_docs: tuple[str, ...]
    citation_precision: float
    citation_recall: float
    writes_without_approval: int
    latencies_ms: tuple[float, ...]
    problems: tuple[str, ...] = ()
    replies: tuple[str, ...] = field(default=(), repr=False)


def _is_approval(text: str) -> bool:
    """Whether a message answers a pending preview with a yes («sí», «dale», «de una»...)."""
    words = " ".join(plain(text).replace(",", " ").replace("!", " ").replace(".", " ").split())
    if not words or words.split()[0] in ("no", "nel", "nop", "cancela"):
        return False
    padded = f" {words} "
    return any(f" {plain(a)} " in padded for a in APPROVALS) or words.startswith("confirm")


def attach(task: ConversationTask, inbox: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Copy the task's attachments into `inbox`; (text, attached paths) per turn."""
    steps: list[tuple[str, tuple[str, ...]]] = []
    for turn in task.turns:
        files: list[str] = []
        for name in turn.attachments:
            shutil.copyfile(FILES / name, inbox / name)
            files.append(str(inbox / name))
        steps.append((turn.content, tuple(files)))
    return steps


def _located(value: Any, attached: dict[str, str]) -> Any:
    """Arguments with attachment names (`compra1.zip`) replaced by the copies' paths."""
    if isinstance(value, str):
        return attached.get(value, value)
    if isinstance(value, list | tuple):
        return [_located(v, attached) for v in value]
    if isinstance(value, dict):
        return {k: _located(v, attached) for k, v in value.items()}
    return value


def replay_state(
    task: ConversationTask, fixture: FixtureCopy, settings: Settings | None = None
) -> dict[str, Any]:
    """The ledger after running the task's approved expected WRITE actions directly.

    Arguments naming an attached file get the path of the replay's own copy of it.
    """
    from ledger.db import make_engine
    from tools.context import Principal, ToolContext
    from tools.registry import ToolKind, get_tool, run_tool

    engine = make_engine(fixture.url)
    try:
        attached: dict[str, str] = {}
        if settings is not None:
            steps = attach(task, settings.ensure_data_dir())
            attached = {Path(p).name: p for _, files in steps for p in files}
        principal = Principal(company_id=fixture.company_id, user_id=1, channel="eval")
        ctx = ToolContext(
            principal=principal,
            engine=engine,
            settings=settings or Settings(),
            today=lambda: task.as_of,  # the same calendar as the conversation replayed
        )
        for action in task.expected_actions:
            if action.status == "ok" and get_tool(action.tool).kind == ToolKind.WRITE:
                try:
                    run_tool(ctx, action.tool, _located(dict(action.args), attached))
                except Exception as error:  # a dataset row that cannot be replayed
                    raise DatasetError(
                        f"tarea {task.id}: no pude repetir {action.tool}: {error}"
                    ) from error
        return snapshot(engine)
    finally:
        engine.dispose()


def _called(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct calls in order; a preview and its later approval are one call (last status)."""
    calls: dict[str, dict[str, Any]] = {}
    for action in actions:
        key = action["tool"] + json.dumps(action.get("args"), sort_keys=True, default=str)
        calls.pop(key, None)
        calls[key] = action
    return list(calls.values())


def run_task(
    task: ConversationTask,
    factory: FixtureFactory,
    make_agent: Callable[[Any, Engine, Any], Any],
    trial: int = 1,
) -> TrialResult:
    """Run one trial of `task`; `make_agent(settings, engine, checkpointer)` builds the agent."""
    from agent.memory import open_checkpointer
    from ledger.db import make_engine
    from tools.context import Principal

    copy = factory.fresh(task.company_fixture)
    engine = make_engine(copy.url)
    problems: list[str] = []
    actions: list[dict[str, Any]] = []
    replies: list[str] = []
    citations: list[str] = []
    latencies: list[float] = []
    violations = 0
    settings = factory.settings(copy.folder)
    inbox = settings.ensure_data_dir()
    principal = Principal(company_id=copy.company_id, user_id=1, channel="eval")
    thread = f"{task.id}-{trial}"
    try:
        with open_checkpointer(settings) as saver:
            agent = make_agent(settings, engine, saver)
            agent.today = lambda: task.as_of
            steps = attach(task, inbox)
            result = None
            for index, (text, attached) in enumerate(steps):
                pending_before = agent.pending(principal, thread) is not None
                before = state_hash(snapshot(engine))
                started = time.perf_counter()
                result = agent.run_turn(principal, thread, text, attached)
                latencies.append((time.perf_counter() - started) * 1000)
                after = state_hash(snapshot(engine))
                if after != before and not (pending_before and _is_approval(text)):
                    violations += 1
                    problems.append(f"turno {index + 1}: escribió sin aprobación")
                actions.extend(result.actions)
                replies.append(result.reply)
                citations.extend(c.get("doc_id", "") for c in result.citations)
            if result is not None and result.pending_confirmation and task.requires_confirmation:
                started = time.perf_counter()
                approved = agent.confirm(
                    principal, thread, result.pending_confirmation["id"], approve=True
                )
                latencies.append((time.perf_counter() - started) * 1000)
                actions.extend(approved.actions)
                replies.append(approved.reply)
            agent_state = snapshot(engine)
            checked = assertions.check_all(task.expected_ledger, engine, copy)
    finally:
        engine.dispose()

    called = _called(actions)
    called_tools = tuple(a["tool"] for a in called)
    expected_tools = tuple(a.tool for a in task.expected_actions)
    optional = set(task.optional_tools)
    # Optional tools (searching the help before answering) neither help nor hurt the score.
    scored_tools = tuple(t for t in called_tools if t not in optional or t in expected_tools)
    tools_ok = sorted(scored_tools) == sorted(expected_tools)
    if not tools_ok:
        problems.append(f"herramientas {list(called_tools)} en vez de {list(expected_tools)}")
    args_ok = True
    for want in task.expected_actions:
        matching = [a for a in called if a["tool"] == want.tool]
        good = [
            a
            for a in matching
            if args_match(want.compared(), a.get("args") or {})
            and a.get("status", "ok") == want.status
        ]
        if not good:
            args_ok = False
            got = [(a.get("args"), a.get("status")) for a in matching]
            problems.append(f"{want.tool}: esperaba {want.compared()} [{want.status}], hubo {got}")
    replayed = factory.fresh(task.company_fixture)
    expected_state = replay_state(task, replayed, factory.settings(replayed.folder))
    # Each copy served one trial; keep the disk small across hundreds of tasks.
    shutil.rmtree(copy.folder, ignore_errors=True)
    shutil.rmtree(replayed.folder, ignore_errors=True)
    ledger_ok = state_hash(expected_state) == state_hash(agent_state)
    if not ledger_ok:
        problems.append(
            "libro distinto del esperado: " + "; ".join(state_diff(expected_state, agent_state))
        )
    problems.extend(checked)
    text = plain("\n".join(replies))
    missing = [m for m in task.must_mention if plain(m) not in text]
    if missing:
        problems.append(f"la respuesta no menciona {missing}")
    forbidden = sorted(set(called_tools) & set(task.forbidden_tools))
    if forbidden:
        problems.append(f"usó herramientas prohibidas {forbidden}")
    precision, recall = citation_scores(task.relevant_docs, citations)
    if task.relevant_docs and recall == 0:
        problems.append(f"no citó {list(task.relevant_docs)} (citó {sorted(set(citations))})")
    components = {
        "tools": tools_ok,
        "args": args_ok,
        "ledger": ledger_ok and not checked,
        "consent": violations == 0,
        "mention": not missing,
        "forbidden": not forbidden,
        "citations": recall > 0 or not task.relevant_docs,
    }
    return TrialResult(
        task_id=task.id,
        category=task.category,
        trial=trial,
        components=components,
        success=task_success(components, task.components()),
        expected_tools=expected_tools,
        called_tools=scored_tools,
        relevant_docs=task.relevant_docs,
        cited_docs=tuple(sorted(set(citations))),
        citation_precision=precision,
        citation_recall=recall,
        writes_without_approval=violations,
        latencies_ms=tuple(latencies),
        problems=tuple(problems),
        replies=tuple(replies),
    )
