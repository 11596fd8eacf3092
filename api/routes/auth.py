"""Panel login and logout: a signed session cookie plus the CSRF cookie."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlmodel import col, select

from api.auth import sessions, throttle
from api.auth.passwords import verify_password
from api.deps import CurrentPrincipal, StateDep
from api.errors import ApiError
from ledger.companies import split_nit
from ledger.db import admin_session
from ledger.models import Company, User, UserCompany

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    company_nit: str | None = Field(default=None, max_length=20)


class SessionOut(BaseModel):
    user_id: int
    user_name: str
    company_id: int
    company_name: str
    csrf_token: str


class MeOut(BaseModel):
    user_id: int | None
    user_name: str
    company_id: int | None
    role: str
    channel: str


BAD_LOGIN = "Correo o contraseña incorrectos."


@router.post("/login", response_model=SessionOut)
def login(body: LoginIn, state: StateDep, request: Request, response: Response) -> SessionOut:
    """Log in to the panel: sets the session and CSRF cookies (429 after repeated failures)."""
    limits = throttle.Limits.of(state.settings)
    address = request.client.host if request.client else "desconocida"
    now = datetime.now(UTC)
    wait = throttle.retry_after(state.engine, body.email, address, limits, now)
    if wait is not None:
        raise throttle.too_many(wait)
    with admin_session(state.engine) as session:
        user = session.exec(select(User).where(User.email == body.email.strip().lower())).first()
        if not verify_password(body.password, user.password_hash if user else None) or not user:
            session.rollback()  # end the read first: SQLite lets one writer at a time
            throttle.record_failure(state.engine, body.email, address, limits, now)
            raise ApiError(401, "credenciales_invalidas", BAD_LOGIN)
        query = (
            select(Company)
            .join(UserCompany, col(UserCompany.company_id) == Company.id)
            .where(UserCompany.user_id == user.id)
            .order_by(col(Company.id))
        )
        if body.company_nit:
            try:
                nit, _ = split_nit(body.company_nit)
            except Exception:
                raise ApiError(400, "nit_invalido", "El NIT no es válido.") from None
            query = query.where(Company.nit == nit)
        company = session.exec(query).first()
        if company is None or company.id is None or user.id is None:
            raise ApiError(403, "sin_empresa", "Tu usuario no tiene acceso a esa empresa.")
    throttle.clear(state.engine, body.email)
    secret = state.settings.secret_key
    max_age = state.settings.session_max_age_seconds
    cookie, panel = sessions.issue(secret, user_id=user.id, company_id=company.id, max_age=max_age)
    csrf = sessions.csrf_token(secret, panel)
    secure = state.settings.cookie_secure
    response.set_cookie(
        sessions.SESSION_COOKIE,
        cookie,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
    )
    response.set_cookie(
        sessions.CSRF_COOKIE,
        csrf,
        max_age=max_age,
        httponly=False,
        samesite="strict",
        secure=secure,
        path="/",
    )
    return SessionOut(
        user_id=user.id,
        user_name=user.name or user.email,
        company_id=company.id,
        company_name=company.name,
        csrf_token=csrf,
    )


@router.post("/logout", status_code=204)
def logout(_principal: CurrentPrincipal, response: Response) -> Response:
    """Log out of the panel (clears both cookies)."""
    response.status_code = 204
    response.delete_cookie(sessions.SESSION_COOKIE, path="/")
    response.delete_cookie(sessions.CSRF_COOKIE, path="/")
    return response


@router.get("/me", response_model=MeOut)
def me(principal: CurrentPrincipal) -> MeOut:
    """Who is calling, for which company."""
    return MeOut(
        user_id=principal.user_id,
        user_name=principal.user_name,
        company_id=principal.company_id,
        role=principal.role,
        channel=principal.channel,
    )
