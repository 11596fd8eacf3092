"""WhatsApp Cloud API webhook at /whatsapp/webhook.

GET answers Meta's verification challenge. POST checks `X-Hub-Signature-256` (HMAC-SHA256
of the raw body under the app secret), answers 200 at once, and handles each message in
the background: deduplicated by message id, serialized per number in arrival order.
Text goes to the agent; a document (XML/ZIP) is downloaded into the company's uploads and
given to the agent as an attachment; a preview asks for consent with reply buttons.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import PlainTextResponse, Response

from agent.turn import TurnResult
from api.channels.dedup import first_delivery
from api.channels.graph import GraphClient
from api.channels.links import principal_for_number
from api.channels.serial import SerialQueues
from api.errors import ApiError
from api.state import AppState
from tools.context import Principal
from tools.errors import ToolError
from tools.files import safe_name, save_upload

log = logging.getLogger(__name__)

NOT_LINKED = (
    "Hola, soy Cuadre. Este número no está vinculado a ninguna empresa; pídele al "
    "administrador de tu empresa que lo vincule."
)
APPROVE, CANCEL = "si", "no"
# What a bare document means: the words the agent maps to reading DIAN files.
DOCUMENT_REQUEST = "Revisa las facturas que me llegaron en este archivo"


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """True when `X-Hub-Signature-256` is `sha256=<hex hmac of the raw body>`."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256="), expected)


def messages_in(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The user messages of a webhook delivery (statuses and other changes skipped)."""
    found: list[dict[str, Any]] = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            found.extend(m for m in value.get("messages") or [] if isinstance(m, dict))
    return found


class WhatsAppChannel:
    """Handles one message at a time per number."""

    def __init__(self, state: AppState, graph: GraphClient) -> None:
        self.state = state
        self.graph = graph
        self.queues = SerialQueues()

    def accept(self, message: dict[str, Any]) -> None:
        """Queue a message unless its id was seen before."""
        message_id = str(message.get("id") or "")
        number = str(message.get("from") or "")
        if not message_id or not number:
            return
        if not first_delivery(self.state.engine, "whatsapp", message_id):
            return
        self.queues.submit(number, lambda: self.handle(number, message))

    def handle(self, number: str, message: dict[str, Any]) -> None:
        """Answer one message (runs in the number's queue)."""
        principal = principal_for_number(self.state.engine, number)
        if principal is None:
            self.graph.send_text(number, NOT_LINKED)
            return
        agent = self.state.require_agent()
        kind = message.get("type")
        if kind == "interactive":
            reply = (message.get("interactive") or {}).get("button_reply") or {}
            decision, _, confirmation_id = str(reply.get("id", "")).partition(":")
            result = agent.confirm(principal, number, confirmation_id, decision == APPROVE)
        elif kind == "document":
            result = self._document(principal, number, message.get("document") or {})
        elif kind == "text":
            text = str((message.get("text") or {}).get("body") or "")
            result = agent.run_turn(principal, number, text)
        else:
            self.graph.send_text(number, "Por ahora leo mensajes de texto y archivos XML o ZIP.")
            return
        self.send_result(number, result)

    def _document(self, principal: Principal, number: str, doc: dict[str, Any]) -> TurnResult:
        agent = self.state.require_agent()
        try:
            name = safe_name(str(doc.get("filename") or "documento.xml"))
        except ToolError as exc:
            return TurnResult(thread_id=number, reply=exc.message_es)
        assert principal.company_id is not None
        data = self.graph.download_media(str(doc.get("id")))
        if len(data) > self.state.settings.max_upload_bytes:
            return TurnResult(thread_id=number, reply="El archivo supera el tamaño máximo.")
        # Stored in the database: the agent's thread keeps the reference, not a local path.
        files = tuple(save_upload(self.state.engine, principal.company_id, [(name, data)]))
        caption = str(doc.get("caption") or DOCUMENT_REQUEST)
        return agent.run_turn(principal, number, caption, files)

    def send_result(self, number: str, result: TurnResult) -> None:
        """The reply as text, or with Sí / No buttons when it waits for consent."""
        pending = result.pending_confirmation
        if pending:
            buttons = [
                (f"{APPROVE}:{pending['id']}", "Sí, confirmar"),
                (f"{CANCEL}:{pending['id']}", "Cancelar"),
            ]
            self.graph.send_buttons(number, result.reply, buttons)
        else:
            self.graph.send_text(number, result.reply)


def mount_whatsapp(app: FastAPI, state: AppState) -> WhatsAppChannel:
    """Add GET/POST /whatsapp/webhook; returns the channel (tests wait on its queues)."""
    channel = WhatsAppChannel(state, GraphClient(state.settings))
    app.state.whatsapp = channel

    @app.get("/whatsapp/webhook", include_in_schema=False)
    def verify(
        mode: str = Query("", alias="hub.mode"),
        token: str = Query("", alias="hub.verify_token"),
        challenge: str = Query("", alias="hub.challenge", max_length=200),
    ) -> PlainTextResponse:
        expected = state.settings.whatsapp_verify_token or ""
        if mode == "subscribe" and expected and hmac.compare_digest(token, expected):
            return PlainTextResponse(challenge)
        raise ApiError(403, "verificacion_fallida", "El token de verificación no coincide.")

    @app.post("/whatsapp/webhook", include_in_schema=False)
    async def receive(request: Request) -> Response:
        body = await request.body()
        secret = state.settings.whatsapp_app_secret or ""
        if not signature_ok(secret, body, request.headers.get("x-hub-signature-256")):
            raise ApiError(401, "firma_invalida", "La firma del webhook no es válida.")
        try:
            payload = json.loads(body)
        except ValueError:
            raise ApiError(400, "json_invalido", "El cuerpo no es JSON válido.") from None
        for message in messages_in(payload if isinstance(payload, dict) else {}):
            channel.accept(message)
        return Response(status_code=200)

    return channel
