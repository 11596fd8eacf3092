"""A local stand-in for the DIAN portal (FastAPI on 127.0.0.1) serving generated documents.

Same routes as `tools.sync.portal` documents. `StandIn.mode` makes it misbehave:
`ok`, `expired` (every token answers the DIAN's "ya no es válido" page), `down` (503),
`flaky` (every other request 503), `stall` (sleeps past the client's timeout) and
`garbage` (lists and files that are not JSON nor ZIP). Tokens also expire after
`token_ttl` seconds, as the DIAN's do after an hour.

    with run_standin(StandIn(company, docs)) as base_url: ...
"""

from __future__ import annotations

import io
import socket
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from tools.sync.generate import write_listing
from tools.sync.ubl_writer import GenDoc, GenParty, attached_xml

EXPIRED_PAGE = (
    "<html><body><h3>Facturación Electrónica</h3><p>El token de acceso ya no es válido. "
    "Solicite uno nuevo.</p></body></html>"
)
PAGE_SIZE = 50


@dataclass
class StandIn:
    """The portal's state: the company, its documents, issued tokens, and the mode."""

    company: GenParty
    documents: list[GenDoc]
    token_ttl: float = 3600.0
    mode: str = "ok"
    stall_seconds: float = 3.0
    tokens: dict[str, float] = field(default_factory=dict)
    requests: int = 0

    def new_link(self, base_url: str) -> str:
        """A fresh access link, as the DIAN e-mails it."""
        token = str(uuid.uuid4())
        self.tokens[token] = time.monotonic()
        nit = self.company.nit
        return f"{base_url}/User/AuthToken?pk=10910094|{nit}&rk={nit}&token={token}"

    def group_of(self, doc: GenDoc) -> str:
        support = doc.type_code in ("05", "95")
        issuer = doc.customer if support else doc.supplier
        return "issued" if issuer.nit == self.company.nit else "received"


def make_app(state: StandIn) -> FastAPI:
    """The stand-in's routes over `state`."""
    app = FastAPI(title="Stand-in del portal DIAN")

    @app.middleware("http")
    async def misbehave(request: Request, call_next: Any) -> Response:
        state.requests += 1
        if state.mode == "down" or (state.mode == "flaky" and state.requests % 2):
            return Response("Service Unavailable", status_code=503)
        if state.mode == "stall":
            time.sleep(state.stall_seconds)
        response: Response = await call_next(request)
        return response

    def _period(request: Request) -> tuple[str, date, date]:
        q = request.query_params
        return (
            q.get("group", "received"),
            date.fromisoformat(q["from"]),
            date.fromisoformat(q["to"]),
        )

    def _selected(request: Request) -> list[GenDoc]:
        group, start, end = _period(request)
        return [
            d
            for d in state.documents
            if state.group_of(d) == group and start <= d.issue_date <= end
        ]

    def _session_ok(request: Request) -> bool:
        return request.cookies.get("dian_session") in state.tokens

    @app.get("/User/AuthToken")
    def auth(token: str = "") -> Response:
        issued = state.tokens.get(token)
        if state.mode == "expired" or issued is None or time.monotonic() - issued > state.token_ttl:
            return HTMLResponse(EXPIRED_PAGE)
        response = RedirectResponse("/Document/Received", status_code=302)
        response.set_cookie("dian_session", token, httponly=True)
        return response

    @app.get("/Document/List")
    def listing(request: Request, page: int = 1) -> Response:
        if not _session_ok(request):
            return HTMLResponse(EXPIRED_PAGE)
        if state.mode == "garbage":
            return Response("<html>Error interno</html>", media_type="application/json")
        rows = _selected(request)
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        chunk = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return JSONResponse(
            {
                "page": page,
                "pages": pages,
                "documents": [
                    {"trackId": d.cufe, "number": d.number, "type": d.type_code,
                     "issueDate": d.issue_date.isoformat(), "total": str(d.payable)}
                    for d in chunk
                ],
            }
        )  # fmt: skip

    @app.get("/Document/Export")
    def export(request: Request) -> Response:
        if not _session_ok(request):
            return HTMLResponse(EXPIRED_PAGE)
        with tempfile.TemporaryDirectory() as folder:
            path = write_listing(Path(folder) / "listado.xlsx", _selected(request), state.company)
            content = path.read_bytes()
        return Response(content, media_type="application/vnd.ms-excel")

    @app.get("/Document/DownloadZipFiles")
    def download(request: Request, trackId: str) -> Response:
        if not _session_ok(request):
            return HTMLResponse(EXPIRED_PAGE)
        if state.mode == "garbage":
            return Response(b"\x00garbage", media_type="application/zip")
        doc = next((d for d in state.documents if d.cufe == trackId), None)
        if doc is None:
            return Response("No encontrado", status_code=404)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"ad{doc.supplier.nit}{doc.number}.xml", attached_xml(doc))
        return Response(buffer.getvalue(), media_type="application/zip")

    return app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def run_standin(state: StandIn) -> Iterator[str]:
    """Serve the stand-in in a thread on 127.0.0.1; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(make_app(state), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
