"""The FastAPI application factory: `create_app(settings)`.

Stateless by design: the app holds only the engine and the agent (whose memory is the
checkpointer in the database), so `cuadre serve --workers N` and several machines can
serve one deployment.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

import tools.catalog  # noqa: F401  (registers every tool)
from api.errors import install_error_handlers
from api.middleware import BodyLimitMiddleware, TimeoutMiddleware
from api.routes import (
    accounts,
    auth,
    chat,
    companies,
    contacts,
    cost_centers,
    documents,
    expense_agent,
    help_pages,
    imports,
    inbox,
    integration,
    invoices,
    items,
    journal,
    reconciliation,
    reports,
    suggestions,
    sync,
    tokens,
)
from api.state import AppState
from cuadre.settings import Settings
from ledger.db import make_engine

if TYPE_CHECKING:
    from agent.turn import Agent

STATIC = Path(__file__).resolve().parent / "static"
API_ROUTERS = (
    auth.router,
    companies.router,
    accounts.router,
    contacts.router,
    items.router,
    cost_centers.router,
    documents.router,
    journal.router,
    reports.router,
    imports.router,
    suggestions.router,
    tokens.router,
    invoices.router,
    chat.router,
    integration.router,
    sync.router,
    inbox.router,
    expense_agent.router,
    reconciliation.router,
)


def create_app(
    settings: Settings, *, engine: Engine | None = None, agent: Agent | None = None
) -> FastAPI:
    """Build the app; without `agent`, the lifespan opens one on the settings' checkpointer."""
    state = AppState(settings=settings, engine=engine or make_engine(settings.sqlalchemy_url))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        with ExitStack() as stack:
            if agent is None and state.agent is None:
                from agent.turn import Agent

                settings.ensure_data_dir()
                state.agent = stack.enter_context(Agent.open(settings, state.engine))
            yield

    app = FastAPI(
        title="Cuadre",
        description="Asistente contable conversacional: API REST, chat y canales.",
        version="0.1.0",
        lifespan=lifespan,
    )
    state.agent = agent
    app.state.cuadre = state
    install_error_handlers(app)
    v1 = APIRouter(prefix="/api/v1")
    for router in API_ROUTERS:
        v1.include_router(router)
    app.include_router(v1)
    app.include_router(help_pages.router)
    _mount_channels(app, state)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def panel() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.add_middleware(TimeoutMiddleware, seconds=settings.request_timeout_seconds)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes)
    return app


def _mount_channels(app: FastAPI, state: AppState) -> None:
    """Slack and WhatsApp webhooks, when their secrets are configured."""
    if state.settings.slack_signing_secret and state.settings.slack_bot_token:
        from api.channels.slack import mount_slack

        mount_slack(app, state)
    if state.settings.whatsapp_app_secret and state.settings.whatsapp_verify_token:
        from api.channels.whatsapp import mount_whatsapp

        mount_whatsapp(app, state)
