"""API tokens from the settings page ("integraciones con otros sistemas"): list, create, revoke.

A payroll product connects with the user's e-mail and one of these tokens (HTTP Basic).
The token's text is shown once, when it is created; only its hash is stored.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.auth.tokens import create_token, list_tokens, revoke_token
from api.deps import CurrentPrincipal, StateDep
from api.errors import not_found

router = APIRouter(prefix="/tokens", tags=["tokens"])


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=80, examples=["nómina"])


class TokenCreated(BaseModel):
    prefix: str
    name: str
    token: str = Field(description="Se muestra solo ahora: guárdalo en el sistema de nómina.")


class TokenOut(BaseModel):
    prefix: str
    name: str
    user_email: str
    created_at: datetime
    revoked_at: datetime | None


class RevokeIn(BaseModel):
    prefix: str = Field(min_length=1, max_length=20)


@router.get("", response_model=list[TokenOut])
def tokens(state: StateDep, principal: CurrentPrincipal) -> list[TokenOut]:
    """The company's API tokens (never their secret)."""
    company_id = principal.company_id
    assert company_id is not None  # an authenticated principal always has its company
    return [TokenOut(**vars(info)) for info in list_tokens(state.engine, company_id=company_id)]


@router.post("", response_model=TokenCreated, status_code=201)
def new_token(state: StateDep, principal: CurrentPrincipal, body: TokenIn) -> TokenCreated:
    """Create a token for the caller; its text is in this answer and nowhere else."""
    assert principal.company_id is not None and principal.user_id is not None
    issued = create_token(
        state.engine, company_id=principal.company_id, user_id=principal.user_id, name=body.name
    )
    return TokenCreated(prefix=issued.prefix, name=issued.name, token=issued.token)


@router.post("/revoke", status_code=204)
def revoke(state: StateDep, principal: CurrentPrincipal, body: RevokeIn) -> None:
    """Revoke one of the company's tokens; requests with it are refused from now on."""
    assert principal.company_id is not None
    if not revoke_token(state.engine, company_id=principal.company_id, prefix=body.prefix):
        raise not_found("El token")
