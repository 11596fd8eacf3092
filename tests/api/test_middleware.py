"""Request time limit, body size limit and the SSE relay (heartbeats, client disconnect)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from agent.turn import TurnEvent
from api.errors import install_error_handlers
from api.middleware import BodyLimitMiddleware, TimeoutMiddleware
from api.routes.chat import stream_events


def _app(timeout: float, max_bytes: int) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/lento")
    async def slow() -> dict[str, str]:
        await asyncio.sleep(2)
        return {"ok": "tarde"}

    @app.post("/eco")
    async def echo(body: dict[str, Any]) -> dict[str, Any]:
        return body

    app.add_middleware(TimeoutMiddleware, seconds=timeout)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_bytes)
    return app


def test_slow_request_gets_504_in_spanish() -> None:
    with TestClient(_app(0.2, 1000)) as client:
        response = client.get("/lento")
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "tiempo_agotado"


def test_body_over_the_limit_gets_413_even_without_content_length() -> None:
    with TestClient(_app(5, 100)) as client:
        assert client.post("/eco", json={"a": "b"}).status_code == 200
        big = client.post("/eco", json={"a": "x" * 500})
        assert big.status_code == 413

        def chunks() -> Iterator[bytes]:
            yield b'{"a": "'
            yield b"x" * 500
            yield b'"}'

        streamed = client.post(
            "/eco", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413


class _Request:
    """Just enough of a Starlette request: `is_disconnected()` after `after` checks."""

    def __init__(self, after: int) -> None:
        self.checks = 0
        self.after = after

    async def is_disconnected(self) -> bool:
        self.checks += 1
        return self.checks > self.after


def _slow_turn(closed: threading.Event, pause: float) -> Iterator[TurnEvent]:
    try:
        for word in ("uno ", "dos ", "tres "):
            time.sleep(pause)
            yield TurnEvent("token", {"text": word})
    finally:
        closed.set()


async def _collect(request: _Request, events: Iterator[TurnEvent], heartbeat: float) -> list[bytes]:
    return [frame async for frame in stream_events(request, events, heartbeat)]  # type: ignore[arg-type]


def test_stream_sends_heartbeats_while_the_turn_thinks() -> None:
    closed = threading.Event()
    frames = asyncio.run(_collect(_Request(after=100), _slow_turn(closed, 0.3), 0.1))
    assert b": heartbeat\n\n" in frames
    tokens = [f for f in frames if f.startswith(b"event: token")]
    assert len(tokens) == 3
    assert closed.wait(2)


def test_stream_stops_the_turn_when_the_client_leaves() -> None:
    closed = threading.Event()
    started = time.monotonic()
    frames = asyncio.run(_collect(_Request(after=1), _slow_turn(closed, 0.5), 0.1))
    assert not any(f.startswith(b"event: token") and b"tres" in f for f in frames)
    assert closed.wait(3), "the turn's generator was not closed after the disconnect"
    assert time.monotonic() - started < 3
