"""Uploads a company's conversations still need, for the retention of stored files.

Each thread's latest checkpoint is read (never its history). What it is waiting on
always counts: the preview waiting for a «sí» (`pending_confirmation`, and the interrupt
that shows it) and a question waiting for its answer (a `followup` without `last`). A
thread written to within `ACTIVE` also keeps its current turn's attachments, planned
calls and the arguments a follow-up («¿y de febrero?») would repeat. Messages already
answered do not count: asking later for an expired file gets the tool's Spanish «No
encuentro …» and the person sends it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from agent.memory import list_threads
from tools.files_retention import Reference, aware

ACTIVE = timedelta(days=1)
_UPLOAD = re.compile(r"upload:([0-9a-f]{24})/")
WAITING = ("pending_confirmation", "__interrupt__")
CURRENT_TURN = ("attachments", "calls", "followup")


def upload_ids(value: Any) -> Iterator[str]:
    """Every upload id named (`upload:<id>/<name>`) anywhere inside `value`."""
    if isinstance(value, str):
        yield from _UPLOAD.findall(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from upload_ids(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from upload_ids(item)
    elif hasattr(value, "value"):  # langgraph's Interrupt
        yield from upload_ids(value.value)


def state_references(
    values: dict[str, Any],
    pending_writes: list[tuple[str, str, Any]],
    *,
    written_at: datetime,
    now: datetime,
    holder: str,
) -> list[Reference]:
    """The references of one thread's latest checkpoint (pure; see the module docstring)."""
    channels: dict[str, list[Any]] = {}
    for name, value in values.items():
        channels.setdefault(name, []).append(value)
    for _task, name, value in pending_writes:
        channels.setdefault(name, []).append(value)
    found: list[Reference] = []

    def add(names: tuple[str, ...], why: str) -> None:
        for name in names:
            for upload_id in upload_ids(channels.get(name, [])):
                found.append(Reference(upload_id, f"{holder} ({why})"))

    add(WAITING, "vista previa esperando confirmación")
    waiting = [f for f in channels.get("followup", []) if isinstance(f, dict) and not f.get("last")]
    for upload_id in upload_ids(waiting):
        found.append(Reference(upload_id, f"{holder} (pregunta esperando respuesta)"))
    if aware(now) - aware(written_at) < ACTIVE:
        add(CURRENT_TURN, "conversación activa")
    return found


def conversation_references(
    saver: BaseCheckpointSaver[Any], company_id: int, *, now: datetime
) -> list[Reference]:
    """The uploads the company's conversations still need (all its users and channels)."""
    found: list[Reference] = []
    for thread_id in list_threads(saver, f"{company_id}:"):
        latest = saver.get_tuple({"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}})
        if latest is None:
            continue
        found.extend(
            state_references(
                dict(latest.checkpoint.get("channel_values") or {}),
                list(latest.pending_writes or []),
                written_at=datetime.fromisoformat(latest.checkpoint["ts"]),
                now=now,
                holder=f"conversación {thread_id}",
            )
        )
    return found
