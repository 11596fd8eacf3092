"""A local stand-in for an OpenAI-compatible Chat Completions server (127.0.0.1, random port).

It speaks the real wire protocol (JSON responses, `stream: true` as SSE chunks, function
tool calls, HTTP errors) and replays scripted model turns in order, recording every
request body so tests can check what the client sent.

    with ChatCompletionsServer([ModelTurn(tool_calls=[("trial_balance", {"start": ...})]),
                                ModelTurn(content="Listo.")]) as server:
        client = OpenAI(base_url=server.base_url, api_key="x")
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class ModelTurn:
    """One scripted response: text, tool calls, or an HTTP error status."""

    content: str = ""
    tool_calls: tuple[tuple[str, dict[str, Any]], ...] | list[tuple[str, dict[str, Any]]] = ()
    status: int = 200
    delay: float = 0.0


@dataclass
class ChatCompletionsServer:
    """The server; `requests` holds every decoded request body, in order."""

    script: list[ModelTurn]
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._calls = 0

    @property
    def base_url(self) -> str:
        """The `base_url` to give an OpenAI client (`http://127.0.0.1:PORT/v1`)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> ChatCompletionsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self, body: dict[str, Any]) -> ModelTurn:
        with self._lock:
            self.requests.append(body)
            if not self.script:
                return ModelTurn(content="(sin guion)")
            return self.script.pop(0)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet tests
                pass

            def do_POST(self) -> None:
                if not self.path.endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                problem = _protocol_error(body.get("messages") or [])
                if problem:  # what the real service answers to a malformed conversation
                    server.requests.append(body)
                    self._json(
                        400, {"error": {"message": problem, "type": "invalid_request_error"}}
                    )
                    return
                turn = server._next(body)
                if turn.delay:
                    time.sleep(turn.delay)
                if turn.status != 200:
                    self._json(
                        turn.status,
                        {"error": {"message": "scripted failure", "type": "server_error"}},
                    )
                    return
                if body.get("stream"):
                    self._stream(body, turn)
                else:
                    self._json(200, _completion(body, turn))

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, body: dict[str, Any], turn: ModelTurn) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.end_headers()
                for chunk in _chunks(body, turn):
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


def _protocol_error(messages: list[dict[str, Any]]) -> str:
    """Why the real endpoint would refuse this conversation ('' when it would not).

    Every assistant `tool_calls` must be answered by `tool` messages right after it, and a
    `tool` message must answer a call of the assistant message just before.
    """
    waiting: set[str] = set()
    for message in messages:
        role = message.get("role")
        if role == "tool":
            if message.get("tool_call_id") not in waiting:
                return "messages with role 'tool' must be a response to a preceding 'tool_calls'"
            waiting.discard(message["tool_call_id"])
            continue
        if waiting:
            return "an assistant message with 'tool_calls' must be followed by tool messages"
        if role == "assistant":
            waiting = {call["id"] for call in message.get("tool_calls") or []}
    return ""


def _completion(body: dict[str, Any], turn: ModelTurn) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": turn.content or None}
    if turn.tool_calls:
        message["tool_calls"] = [
            {
                "id": f"call_{i}_{int(time.time() * 1000)}",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(args)},
            }
            for i, (name, args) in enumerate(turn.tool_calls)
        ]
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "stand-in"),
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if turn.tool_calls else "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunks(body: dict[str, Any], turn: ModelTurn) -> list[dict[str, Any]]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": "chatcmpl-standin",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "stand-in"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    chunks = [chunk({"role": "assistant", "content": ""})]
    words = turn.content.split(" ") if turn.content else []
    for i, word in enumerate(words):
        chunks.append(chunk({"content": word if i == len(words) - 1 else word + " "}))
    for i, (name, args) in enumerate(turn.tool_calls):
        arguments = json.dumps(args)
        half = len(arguments) // 2
        start = {
            "index": i,
            "id": f"call_s{i}",
            "type": "function",
            "function": {"name": name, "arguments": arguments[:half]},
        }
        chunks.append(chunk({"tool_calls": [start]}))
        chunks.append(
            chunk({"tool_calls": [{"index": i, "function": {"arguments": arguments[half:]}}]})
        )
    chunks.append(chunk({}, "tool_calls" if turn.tool_calls else "stop"))
    return chunks
