"""WhatsApp Cloud API client (httpx): text, reply buttons and media downloads."""

from __future__ import annotations

from typing import Any

import httpx

from cuadre.settings import Settings

MAX_MEDIA_BYTES = 20 * 1024 * 1024


class GraphClient:
    """Sends from the business number to users; base URL from `whatsapp_api_url`."""

    def __init__(self, settings: Settings, timeout: float = 15.0) -> None:
        self.settings = settings
        self.http = httpx.Client(
            base_url=settings.whatsapp_api_url,
            headers={"Authorization": f"Bearer {settings.whatsapp_access_token or ''}"},
            timeout=timeout,
        )

    def _send(self, payload: dict[str, Any]) -> dict[str, Any]:
        number_id = self.settings.whatsapp_phone_number_id or ""
        response = self.http.post(
            f"{number_id}/messages", json={"messaging_product": "whatsapp", **payload}
        )
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def send_text(self, to: str, text: str) -> dict[str, Any]:
        """A plain text message (WhatsApp caps bodies at 4096 characters)."""
        return self._send({"to": to, "type": "text", "text": {"body": text[:4096]}})

    def send_buttons(self, to: str, text: str, buttons: list[tuple[str, str]]) -> dict[str, Any]:
        """An interactive message with up to three reply buttons `(id, title)`."""
        return self._send(
            {
                "to": to,
                "type": "interactive",
                "interactive": {
                    "type": "button",
                    "body": {"text": text[:1024]},
                    "action": {
                        "buttons": [
                            {"type": "reply", "reply": {"id": bid, "title": title[:20]}}
                            for bid, title in buttons[:3]
                        ]
                    },
                },
            }
        )

    def download_media(self, media_id: str) -> bytes:
        """The bytes of a media object: look up its URL, then fetch it (size-capped)."""
        meta = self.http.get(media_id)
        meta.raise_for_status()
        url = str(meta.json()["url"])
        with self.http.stream("GET", url) as response:
            response.raise_for_status()
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_MEDIA_BYTES:
                    raise ValueError("media too large")
                chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Release the connection pool."""
        self.http.close()
