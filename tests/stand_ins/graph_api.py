"""A local stand-in of the WhatsApp Cloud (Graph) API: messages, media lookup, media bytes."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class GraphApiServer:
    """`sent` holds each message body posted to `/<number id>/messages`, in order."""

    media: dict[str, bytes] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)
    token_seen: list[str] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v21.0/"

    def __enter__(self) -> GraphApiServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, status: int, body: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                owner.token_seen.append(self.headers.get("Authorization", ""))
                parts = self.path.strip("/").split("/")
                if parts[0] == "files" and parts[-1] in owner.media:
                    self._reply(200, owner.media[parts[-1]], "application/octet-stream")
                elif parts[-1] in owner.media:
                    url = f"http://127.0.0.1:{owner._server.server_address[1]}/files/{parts[-1]}"  # type: ignore[union-attr]
                    self._reply(200, json.dumps({"url": url, "id": parts[-1]}).encode())
                else:
                    self._reply(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                owner.token_seen.append(self.headers.get("Authorization", ""))
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with owner._arrived:
                    owner.sent.append(json.loads(raw))
                    owner._arrived.notify_all()
                self._reply(200, b'{"messages": [{"id": "wamid.out"}]}')

            def log_message(self, *_args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict[str, Any]]:
        """Block until `count` messages were sent (or the timeout passed)."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.sent) >= count, timeout=timeout)
            return list(self.sent)
