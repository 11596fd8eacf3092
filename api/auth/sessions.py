"""Panel sessions: a signed cookie (HttpOnly, SameSite) plus a double-submit CSRF token.

Stateless: the cookie carries user, company, expiry and a nonce, signed with HMAC-SHA256
under `settings.secret_key`, so any worker can check it. The CSRF token is derived from
the nonce; the page reads it from a non-HttpOnly cookie and echoes it in `X-CSRF-Token`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

SESSION_COOKIE = "cuadre_session"
CSRF_COOKIE = "cuadre_csrf"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class PanelSession:
    """What a valid session cookie says."""

    user_id: int
    company_id: int
    expires_at: int
    nonce: str


def _sign(secret: str, payload: bytes) -> str:
    mac = hmac.new(secret.encode(), payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def issue(secret: str, *, user_id: int, company_id: int, max_age: int) -> tuple[str, PanelSession]:
    """A new cookie value and the session it encodes."""
    session = PanelSession(user_id, company_id, int(time.time()) + max_age, secrets.token_hex(16))
    raw = json.dumps(
        {"u": user_id, "c": company_id, "e": session.expires_at, "n": session.nonce},
        separators=(",", ":"),
    ).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{payload}.{_sign(secret, payload.encode())}", session


def read(secret: str, cookie: str | None) -> PanelSession | None:
    """The session in a cookie, or None when it is missing, forged or expired."""
    if not cookie or cookie.count(".") != 1 or len(cookie) > 1000:
        return None
    payload, signature = cookie.split(".")
    if not hmac.compare_digest(signature, _sign(secret, payload.encode())):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        session = PanelSession(int(data["u"]), int(data["c"]), int(data["e"]), str(data["n"]))
    except (ValueError, KeyError, TypeError):
        return None
    return session if session.expires_at > time.time() else None


def csrf_token(secret: str, session: PanelSession) -> str:
    """The CSRF token bound to this session."""
    return _sign(secret, f"csrf:{session.nonce}".encode())


def csrf_ok(secret: str, session: PanelSession, cookie: str | None, header: str | None) -> bool:
    """Double submit: the header equals the cookie, and both belong to this session."""
    if not cookie or not header:
        return False
    expected = csrf_token(secret, session)
    return hmac.compare_digest(cookie, header) and hmac.compare_digest(header, expected)
