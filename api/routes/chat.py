"""Chat with Cuadre: one turn as JSON, as Server-Sent Events, and the consent buttons.

Thread ids always live under the caller's `company:user:channel` prefix (the agent's
`memory.thread_key` adds it); a client can name a thread, never choose another's.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from agent.turn import TurnEvent, TurnResult
from api.deps import CurrentPrincipal, StateDep
from tools.files import upload_refs

router = APIRouter(prefix="/chat", tags=["chat"])

HEARTBEAT_SECONDS = 10.0
ThreadName = Field(default=None, pattern=r"^[A-Za-z0-9_.:-]{1,200}$")


class ChatIn(BaseModel):
    thread_id: str | None = ThreadName
    message: str = Field(min_length=1, max_length=4000)
    upload_ids: list[str] = Field(default=[], max_length=5, description="Ids de /imports.")


class ConfirmIn(BaseModel):
    thread_id: str = Field(pattern=r"^[A-Za-z0-9_.:-]{1,200}$")
    confirmation_id: str = Field(min_length=1, max_length=100)
    approve: bool


def _attachments(state: Any, company_id: int, upload_ids: list[str]) -> tuple[str, ...]:
    """The uploads' references (`upload:<id>/<name>`): the checkpointed thread keeps
    these, so any worker (on any machine) can read the files when the turn resumes."""
    refs: list[str] = []
    for upload_id in upload_ids:
        refs.extend(upload_refs(state.engine, company_id, upload_id))
    return tuple(refs)


@router.post("", response_model=TurnResult)
def chat(body: ChatIn, principal: CurrentPrincipal, state: StateDep) -> TurnResult:
    """One message in, Cuadre's answer out (reply, citations, pending confirmation)."""
    assert principal.company_id is not None
    files = _attachments(state, principal.company_id, body.upload_ids)
    return state.require_agent().run_turn(principal, body.thread_id, body.message, files)


@router.post("/confirm", response_model=TurnResult)
def confirm(body: ConfirmIn, principal: CurrentPrincipal, state: StateDep) -> TurnResult:
    """Answer a preview with Confirmar (approve=true) or Cancelar (approve=false)."""
    return state.require_agent().confirm(
        principal, body.thread_id, body.confirmation_id, body.approve
    )


def sse(event: str, data: dict[str, Any]) -> bytes:
    """One Server-Sent Event frame."""
    payload = json.dumps(data, ensure_ascii=False, default=str)
    return f"event: {event}\ndata: {payload}\n\n".encode()


def _frame(event: TurnEvent) -> bytes:
    if event.type in ("tool_start", "tool_end"):
        phase = "start" if event.type == "tool_start" else "end"
        return sse("tool", {"phase": phase, **event.data})
    return sse(event.type, event.data)


async def stream_events(
    request: Request, events: Iterator[TurnEvent], heartbeat: float
) -> AsyncIterator[bytes]:
    """Relay a blocking event iterator as SSE; stop it when the client goes away."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[TurnEvent | None] = asyncio.Queue()
    stop = threading.Event()

    def post(item: TurnEvent | None) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the response already ended and its loop is gone
            stop.set()

    def produce() -> None:
        try:
            for event in events:
                if stop.is_set():
                    break
                post(event)
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                close()  # runs the generator's cleanup (locks, checkpoints)
            post(None)

    worker = threading.Thread(target=produce, name="chat-stream", daemon=True)
    worker.start()
    try:
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=heartbeat)
            except TimeoutError:
                if await request.is_disconnected():
                    return
                yield b": heartbeat\n\n"
                continue
            if event is None:
                return
            yield _frame(event)
    finally:
        stop.set()


@router.post(
    "/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Eventos SSE."}},
)
def chat_stream(
    body: ChatIn, principal: CurrentPrincipal, state: StateDep, request: Request
) -> StreamingResponse:
    """The turn as Server-Sent Events: token, tool, confirmation, final (and heartbeats)."""
    assert principal.company_id is not None
    files = _attachments(state, principal.company_id, body.upload_ids)
    events = state.require_agent().stream_turn(principal, body.thread_id, body.message, files)
    heartbeat = getattr(request.app.state, "heartbeat_seconds", HEARTBEAT_SECONDS)
    return StreamingResponse(
        stream_events(request, events, heartbeat),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
