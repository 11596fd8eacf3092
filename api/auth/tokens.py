"""API tokens: `cdr_<prefix>_<secret>`; only sha256 of the whole token is stored.

The prefix is a public id (lists, revocation); the secret never leaves `create_token`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import col, select

from ledger.db import admin_session, company_session
from ledger.models import ApiToken, User, UserCompany
from ledger.models.base import utcnow
from tools.errors import ToolError

TOKEN_SCHEME = "cdr"


@dataclass(frozen=True)
class IssuedToken:
    """A token just created: the only moment its plain text exists."""

    prefix: str
    name: str
    token: str


@dataclass(frozen=True)
class TokenInfo:
    """What a token list shows (never the secret)."""

    prefix: str
    name: str
    user_email: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class TokenOwner:
    """Whom a valid token authenticates."""

    user_id: int
    company_id: int
    email: str


def hash_token(token: str) -> str:
    """sha256 hex of the presented token: the stored form."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, *, company_id: int, user_id: int, name: str) -> IssuedToken:
    """Issue a token for a member of the company; raises `ToolError` for a non-member."""
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    with company_session(engine, company_id) as session:
        member = session.exec(select(UserCompany).where(UserCompany.user_id == user_id)).first()
        if member is None:
            raise ToolError("no_es_miembro", "Ese usuario no pertenece a la empresa.")
        session.add(
            ApiToken(
                company_id=company_id,
                user_id=user_id,
                name=name,
                prefix=prefix,
                token_hash=hash_token(token),
            )
        )
        session.commit()
    return IssuedToken(prefix=prefix, name=name, token=token)


def list_tokens(engine: Engine, *, company_id: int) -> list[TokenInfo]:
    """The company's tokens, newest first."""
    with company_session(engine, company_id) as session:
        rows = session.exec(
            select(ApiToken, User)
            .join(User, col(User.id) == ApiToken.user_id)
            .order_by(col(ApiToken.created_at).desc())
        ).all()
        return [TokenInfo(t.prefix, t.name, u.email, t.created_at, t.revoked_at) for t, u in rows]


def revoke_token(engine: Engine, *, company_id: int, prefix: str) -> bool:
    """Revoke the company's token with that prefix; False when there is none to revoke."""
    with company_session(engine, company_id) as session:
        token = session.exec(
            select(ApiToken).where(ApiToken.prefix == prefix, col(ApiToken.revoked_at).is_(None))
        ).first()
        if token is None:
            return False
        token.revoked_at = utcnow()
        session.add(token)
        session.commit()
        return True


def verify_token(engine: Engine, token: str, *, email: str | None = None) -> TokenOwner | None:
    """The owner of a live token (and, for HTTP Basic, only if the e-mail is theirs)."""
    if not token.startswith(TOKEN_SCHEME + "_") or len(token) > 200:
        return None
    digest = hash_token(token)
    with admin_session(engine) as session:
        row = session.exec(
            select(ApiToken, User)
            .join(User, col(User.id) == ApiToken.user_id)
            .where(ApiToken.token_hash == digest, col(ApiToken.revoked_at).is_(None))
        ).first()
        if row is None:
            return None
        api_token, user = row
        if not hmac.compare_digest(api_token.token_hash, digest):
            return None
        if email is not None and user.email.lower() != email.strip().lower():
            return None
        member = session.exec(
            select(UserCompany).where(
                UserCompany.user_id == api_token.user_id,
                UserCompany.company_id == api_token.company_id,
            )
        ).first()
        if member is None:
            return None
        return TokenOwner(api_token.user_id, api_token.company_id, user.email)
