"""`cuadre serve`: the HTTP API, chat, side panel and webhooks under uvicorn."""

from __future__ import annotations

import os
import sys

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
    with cli_errors():
        open_engine(get_settings()).dispose()  # migrate once, before any worker starts
    # Replace this process with a plain uvicorn: its workers then start from a clean
    # interpreter (spawned from the CLI process, which has loaded every command group,
    # extra workers kept dying on start). A worker imports the agent and retrieval before
    # it answers health checks, which on a busy machine takes longer than the 5 s default.
    argv = [
        sys.executable, "-m", "uvicorn", "cuadre.cli.serve:build_app", "--factory",
        "--host", host, "--port", str(port), "--workers", str(workers),
        "--timeout-worker-healthcheck", "120",
    ]  # fmt: skip
    os.execv(sys.executable, argv)
