"""`cuadre files prune`: retention of stored uploads and of this machine's cache.

A preview by default (what would go, per company, in files and MB); `--apply` deletes.
The same pass runs every day on the worker (`cuadre.jobs`, task `prune_uploads`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from cuadre.cli.context import CliError, cli_errors, console, open_engine, print_json
from cuadre.settings import get_settings
from ledger.companies import find_company
from ledger.db import admin_session

if TYPE_CHECKING:
    from cuadre.uploads import PruneReport

files_app = typer.Typer(help="Archivos cargados: retención y caché.", no_args_is_help=True)
HOLDERS_SHOWN = 10


def megabytes(size: int) -> str:
    """Bytes as es-CO megabytes: `1.234,57 MB`, `0,01 MB`."""
    text = f"{size / 1_048_576:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + " MB"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _verb(count: int, applied: bool) -> str:
    """«se borró / se borraron» after the fact, «se borraría / se borrarían» in a preview."""
    if applied:
        return "se borró" if count == 1 else "se borraron"
    return "se borraría" if count == 1 else "se borrarían"


@files_app.command("prune")
def prune(
    apply: bool = typer.Option(
        False,
        "--apply/--dry-run",
        help="Borra de verdad; sin --apply solo muestra qué se borraría.",
    ),
    days: int | None = typer.Option(
        None, "--days", min=1, help="Días de retención (por defecto CUADRE_UPLOADS_RETENTION_DAYS)."
    ),
    cache_days: int | None = typer.Option(
        None,
        "--cache-days",
        min=1,
        help="Días sin uso de una copia en caché (CUADRE_UPLOADS_CACHE_DAYS).",
    ),
    company_nit: str | None = typer.Option(
        None, "--company-nit", help="Solo esta empresa; sin él, todas."
    ),
    cache_only: bool = typer.Option(
        False, "--cache-only", help="Solo la caché de esta máquina (máquinas sin worker)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Salida JSON."),
) -> None:
    """Borra las cargas viejas que nada usa y las copias en caché que sobran."""
    from cuadre.uploads import prune_uploads  # the agent's checkpointer: only when run

    with cli_errors():
        overrides = {
            key: value
            for key, value in (("uploads_retention_days", days), ("uploads_cache_days", cache_days))
            if value is not None
        }
        settings = get_settings().model_copy(update=overrides)
        engine = open_engine(settings)
        company_ids = None
        if company_nit:
            with admin_session(engine) as session:
                company = find_company(session, company_nit)
            if company is None or company.id is None:
                raise CliError(f"No hay ninguna empresa con NIT {company_nit}.")
            company_ids = (company.id,)
        report = prune_uploads(
            settings, engine, apply=apply, company_ids=company_ids, stored=not cache_only
        )
    if as_json:
        print_json(_as_json(report))
    else:
        _show(report, cache_only=cache_only)


def _as_json(report: PruneReport) -> dict[str, object]:
    return {
        **report.summary(),
        "dias_retencion": report.retention_days,
        "dias_cache": report.cache_days,
        "empresas": [
            {
                "nit": company.nit,
                "nombre": company.name,
                "cargas": [upload.upload_id for upload in company.plan.delete],
                "archivos": company.plan.files,
                "bytes": company.plan.size,
                "en_uso": {
                    upload.upload_id: list(holders) for upload, holders in company.plan.in_use
                },
            }
            for company in report.companies
        ],
    }


def _show(report: PruneReport, *, cache_only: bool) -> None:
    if not report.applied:
        console.print("[bold]Vista previa:[/bold] no se borró nada.")
    if not cache_only:
        console.print(
            f"Cargas de más de {report.retention_days} días que nada está usando, por empresa:"
        )
        table = Table("Empresa", "NIT", "Cargas", "Archivos", "Tamaño", "En uso (se conservan)")
        for company in report.companies:
            table.add_row(
                company.name,
                company.nit,
                str(len(company.plan.delete)),
                str(company.plan.files),
                megabytes(company.plan.size),
                str(len(company.plan.in_use)),
            )
        console.print(table)
        uploads = sum(len(company.plan.delete) for company in report.companies)
        if uploads:
            console.print(
                f"{_verb(uploads, report.applied).capitalize()} "
                f"{_plural(uploads, 'carga', 'cargas')} "
                f"({_plural(report.files, 'archivo', 'archivos')}, {megabytes(report.size)})."
            )
        else:
            console.print("No hay cargas para borrar.")
        for company in report.companies:
            for upload, holders in company.plan.in_use[:HOLDERS_SHOWN]:
                console.print(
                    f"  Se conserva la carga {upload.upload_id} de {company.name}: "
                    f"la usa {'; '.join(holders)}.",
                    highlight=False,
                    soft_wrap=True,
                )
            hidden = len(company.plan.in_use) - HOLDERS_SHOWN
            if hidden > 0:
                console.print(f"  … y {hidden} cargas más en uso de {company.name} (ver --json).")
    if report.cache is not None:
        evicted = report.cache.files
        console.print(
            f"Caché de esta máquina (copias sin usar en {report.cache_days} días o cuya carga "
            f"ya no existe): {_verb(evicted, report.applied)} "
            f"{_plural(evicted, 'copia', 'copias')} ({megabytes(report.cache.size)}); "
            f"se conservan {report.cache.kept}.",
            soft_wrap=True,
        )
    if not report.applied:
        console.print("Para borrar de verdad: [bold]cuadre files prune --apply[/bold]")
