"""`cuadre knowledge ...`: build the help index, search it, add a company's own pages."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cuadre.settings import Settings, get_settings

knowledge_app = typer.Typer(help="Ayuda de Cuadre: índice, búsqueda y páginas propias.")
console = Console()


def _company_id_from_nit(settings: Settings, nit: str) -> int:
    # The ledger resolves NITs; until it is present, `--company-id` is the way in.
    try:
        from sqlmodel import select

        from ledger.db import admin_session, make_engine
        from ledger.models import Company
    except ImportError:
        raise typer.BadParameter(
            "El libro contable aún no está instalado; usa --company-id."
        ) from None
    digits = "".join(ch for ch in nit.split("-")[0] if ch.isdigit())
    with admin_session(make_engine(settings.sqlalchemy_url)) as session:
        for company in session.exec(select(Company)).all():
            if "".join(ch for ch in str(company.nit).split("-")[0] if ch.isdigit()) == digits:
                assert company.id is not None  # a stored company always has an id
                return company.id
    raise typer.BadParameter(f"No hay una empresa con NIT {nit}.")


def _resolve_company(settings: Settings, nit: str | None, company_id: int | None) -> int | None:
    if nit:
        return _company_id_from_nit(settings, nit)
    return company_id


@knowledge_app.command("index")
def index_cmd(
    force: Annotated[
        bool, typer.Option("--force", help="Re-indexa todo, no solo lo cambiado.")
    ] = False,
) -> None:
    """Construye o actualiza el índice de la ayuda (solo las secciones que cambiaron)."""
    from knowledge import index

    started = time.perf_counter()
    report = index.rebuild(get_settings(), force=force)
    console.print(
        f"Índice listo en {time.perf_counter() - started:.1f} s: {report.added} nuevas, "
        f"{report.updated} actualizadas, {report.removed} eliminadas, "
        f"{report.unchanged} sin cambios."
    )


@knowledge_app.command("search")
def search_cmd(
    question: Annotated[str, typer.Argument(help="La pregunta, como la escribirías.")],
    k: Annotated[int, typer.Option("-k", help="Cuántos pasajes mostrar.")] = 5,
    company_nit: Annotated[str | None, typer.Option("--company-nit")] = None,
    company_id: Annotated[int | None, typer.Option("--company-id")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Salida en JSON.")] = False,
) -> None:
    """Busca en la ayuda y muestra los pasajes con su cita."""
    from knowledge import index

    settings = get_settings()
    company = _resolve_company(settings, company_nit, company_id)
    passages = index.search(question, k=k, company_id=company, settings=settings)
    if as_json:
        print(
            json.dumps([asdict(p) | {"citation": p.citation} for p in passages], ensure_ascii=False)
        )
        return
    if not passages:
        console.print("No encontré nada sobre eso en la ayuda.")
        return
    for rank, p in enumerate(passages, 1):
        console.print(
            f"[bold]{rank}. {p.title} › {p.section}[/bold]  [dim]{p.citation} · {p.score:.4f}[/dim]"
        )
        console.print(f"   {p.snippet}\n")


@knowledge_app.command("add")
def add_cmd(
    path: Annotated[Path, typer.Argument(help="Archivo .md, .html, .txt o una carpeta.")],
    company_nit: Annotated[str | None, typer.Option("--company-nit")] = None,
    company_id: Annotated[int | None, typer.Option("--company-id")] = None,
) -> None:
    """Agrega páginas propias de una empresa; solo esa empresa las verá."""
    from knowledge import index
    from knowledge.loader import LoaderError

    settings = get_settings()
    company = _resolve_company(settings, company_nit, company_id)
    if company is None:
        raise typer.BadParameter("Indica la empresa con --company-nit (o --company-id).")
    try:
        report = index.add_company_pages(path, company, settings)
    except LoaderError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=1) from None
    console.print(
        f"Páginas de la empresa {company}: {report.added} secciones nuevas, "
        f"{report.updated} actualizadas, {report.removed} eliminadas, "
        f"{report.unchanged} sin cambios."
    )


@knowledge_app.command("prebuild")
def prebuild_cmd() -> None:
    """Regenera los vectores incluidos de la ayuda (knowledge/prebuilt/use-m3.npz)."""
    from knowledge.chunker import chunk_documents
    from knowledge.embedder import UseEmbeddingFunction
    from knowledge.loader import load_product_docs
    from knowledge.prebuilt import PREBUILT_PATH, write_prebuilt
    from knowledge.store import embedding_units

    started = time.perf_counter()
    texts = [u for c in chunk_documents(load_product_docs()) for u in embedding_units(c)]
    count = write_prebuilt(texts, UseEmbeddingFunction(threads=2))
    console.print(
        f"{count} vectores en {PREBUILT_PATH.name} ({time.perf_counter() - started:.1f} s)."
    )
