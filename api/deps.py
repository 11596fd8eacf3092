"""Dependencies as `Annotated` aliases: `StateDep`, `CurrentPrincipal`, `SessionDep`, `ToolCtx`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import APIKeyCookie, HTTPBasic, HTTPBearer
from sqlmodel import Session

from api.auth.principal import authenticate
from api.state import AppState
from ledger.db import company_session
from tools.context import Principal, ToolContext

# Declared so OpenAPI shows the three ways in; `authenticate` does the checking.
_bearer = HTTPBearer(auto_error=False, description="Token de API: `cdr_...`")
_basic = HTTPBasic(auto_error=False, description="Correo del usuario y token de API.")
_cookie = APIKeyCookie(name="cuadre_session", auto_error=False, description="Sesión del panel.")


def get_state(request: Request) -> AppState:
    """The process-wide services."""
    state: AppState = request.app.state.cuadre
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_principal(
    request: Request,
    state: StateDep,
    _b: Annotated[object, Depends(_bearer)] = None,
    _u: Annotated[object, Depends(_basic)] = None,
    _c: Annotated[object, Depends(_cookie)] = None,
) -> Principal:
    """The authenticated caller (401 otherwise)."""
    return authenticate(request, state)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def get_session(state: StateDep, principal: CurrentPrincipal) -> Iterator[Session]:
    """A session scoped to the caller's company: other companies' rows are invisible."""
    assert principal.company_id is not None
    with company_session(state.engine, principal.company_id) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_tool_context(state: StateDep, principal: CurrentPrincipal) -> ToolContext:
    """The context tools run with: the caller's company, never one from the request."""
    return ToolContext(principal=principal, engine=state.engine, settings=state.settings)


ToolCtx = Annotated[ToolContext, Depends(get_tool_context)]

# Row ids in paths: positive and within a 32-bit column on every backend.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Id de la fila.")]
