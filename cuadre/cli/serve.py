"""`cuadre serve`: the HTTP API, chat, side panel and webhooks under uvicorn."""

from __future__ import annotations

import typer

from cuadre.cli.context import cli_errors, open_engine
from cuadre.settings import get_settings


def build_app() -> object:
    """uvicorn factory (`api.app:create_app` with the environment's settings)."""
    from api.app import create_app

    return create_app(get_settings())


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interfaz donde escuchar."),
    port: int = typer.Option(8000, "--port", help="Puerto."),
    workers: int = typer.Option(1, "--workers", min=1, help="Procesos (sin estado; comparten BD)."),
) -> None:
    """Sirve la API, el chat, el panel web y los webhooks de Slack y WhatsApp."""
    import uvicorn

    with cli_errors():
        open_engine(get_settings()).dispose()  # migrate once before workers start
    uvicorn.run("cuadre.cli.serve:build_app", factory=True, host=host, port=port, workers=workers)
