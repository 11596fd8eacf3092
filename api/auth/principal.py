"""Turn a request's credentials into a `Principal` (company and user), or refuse.

Order: `Authorization: Bearer <token>`, `Authorization: Basic <email:token>` (the
integration API, as payroll products send it), then the panel session cookie. Cookie
requests that change something must carry the CSRF token.
"""

from __future__ import annotations

import base64
import binascii

from fastapi import Request
from sqlmodel import select

from api.auth import sessions
from api.auth.tokens import verify_token
from api.errors import ApiError
from api.state import AppState
from ledger.db import admin_session
from ledger.models import User, UserCompany
from tools.context import Principal

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def unauthorized(message: str = "Inicia sesión o envía un token válido.") -> ApiError:
    """401 with the challenge an integration client expects."""
    error = ApiError(401, "no_autenticado", message)
    error.headers = {"WWW-Authenticate": 'Bearer, Basic realm="cuadre"'}
    return error


def principal_for(state: AppState, user_id: int, company_id: int, channel: str) -> Principal:
    """The principal of a member of a company; 401 when the membership is gone."""
    with admin_session(state.engine) as session:
        row = session.exec(
            select(User, UserCompany)
            .join(UserCompany, UserCompany.user_id == User.id)  # type: ignore[arg-type]
            .where(User.id == user_id, UserCompany.company_id == company_id)
        ).first()
    if row is None:
        raise unauthorized()
    user, member = row
    return Principal(
        company_id=company_id,
        user_id=user_id,
        user_name=user.name or user.email,
        role=member.role,
        channel=channel,
    )


def authenticate(request: Request, state: AppState) -> Principal:
    """The caller's principal; raises 401 (or 403 for a missing CSRF token)."""
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    scheme = scheme.lower()
    if scheme == "bearer":
        owner = verify_token(state.engine, credentials.strip())
        if owner is None:
            raise unauthorized("El token no es válido o fue revocado.")
        return principal_for(state, owner.user_id, owner.company_id, "api")
    if scheme == "basic":
        try:
            decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise unauthorized("Credenciales Basic mal formadas.") from None
        email, _, token = decoded.partition(":")
        owner = verify_token(state.engine, token, email=email)
        if owner is None:
            raise unauthorized("El correo o el token no son válidos.")
        return principal_for(state, owner.user_id, owner.company_id, "api")
    secret = state.settings.secret_key
    panel = sessions.read(secret, request.cookies.get(sessions.SESSION_COOKIE))
    if panel is None:
        raise unauthorized()
    if request.method not in SAFE_METHODS and not sessions.csrf_ok(
        secret,
        panel,
        request.cookies.get(sessions.CSRF_COOKIE),
        request.headers.get(sessions.CSRF_HEADER),
    ):
        raise ApiError(
            403, "csrf_invalido", "Falta el token CSRF o no coincide; recarga la página."
        )
    return principal_for(state, panel.user_id, panel.company_id, "web")
