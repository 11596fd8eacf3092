"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it accepts."""

from __future__ import annotations

import email
import socket
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = b"cuadre", b"s3creta"


class Mailbox:
    """Messages accepted for delivery; refuses `@no-existe.co` like a real MTA would."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.endswith("@no-existe.co"):
            return "550 5.1.1 Buzón inexistente"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER, PASSWORD)
    # handled=False: aiosmtpd answers 535 itself on failure.
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def smtp_server(mailbox: Mailbox, port: int) -> Controller:
    """An (unstarted) SMTP server with AUTH PLAIN/LOGIN over plain text, for tests."""
    return Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_require_tls=False,
    )
