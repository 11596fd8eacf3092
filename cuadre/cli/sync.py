"""`cuadre sync ...` and `cuadre worker`: the DIAN initial-data sync from the terminal.

A sync started here is queued when a `cuadre worker` is running, and otherwise runs in
the foreground with a progress bar; either way its state lives in the database.
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table

from cuadre.cli.context import (
    CliContext,
    CliError,
    CompanyNitOption,
    cli_errors,
    console,
    open_context,
    parse_date,
    print_json,
)
from cuadre.jobs import default_tasks, run_worker, worker_running
from cuadre.settings import get_settings
from ledger.models.base import utcnow
from ledger.money import format_cop, format_date
from tools.sync.job import KINDS, advance, commit_job, create_job, load_job
from tools.sync.preview import commit_preview
from tools.sync.recovery import resumed_note
from tools.sync.review import ReviewFilter, review, review_contacts, set_selected
from tools.sync.runs import hand_to_queue
from tools.sync.summary import SyncSummary, build_summary
from tools.sync.undo import undo_batch

sync_app = typer.Typer(help="Sincronización de datos iniciales desde la DIAN.")
STATE_ES = {
    "connecting": "conectando",
    "downloading": "descargando",
    "staged": "lista para revisar",
    "committing": "registrando",
    "done": "terminada",
    "failed": "fallida",
}
KIND_ES = {
    "sales_invoice": "Factura de venta",
    "purchase_invoice": "Factura de compra",
    "support_document": "Documento soporte",
    "credit_note": "Nota crédito",
    "debit_note": "Nota débito",
    "adjustment_note": "Nota de ajuste",
}
STATUS_ES = {
    "new": "nuevo",
    "already_in_books": "ya en libros",
    "conflicting": "en conflicto",
    "rejected_by_dian": "rechazado DIAN",
}


def run_foreground(ctx: CliContext, job_id: int, *, commit: bool = False) -> str:
    """Advance (or commit) a job here, with a rich progress bar."""
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Leyendo documentos…", total=None)

        def progress(state: str, done: int, total: int) -> None:
            label = "Registrando" if state == "committing" else "Leyendo documentos"
            bar.update(task, description=f"{label}… {done:,}".replace(",", "."), completed=done)
            if total:
                bar.update(task, total=total)

        if commit:
            return commit_job(ctx.engine, ctx.company_id, job_id, on_progress=progress, actor="cli")
        return advance(
            ctx.engine, ctx.company_id, job_id, on_progress=progress, settings=ctx.settings
        )


def _dispatch(ctx: CliContext, job_id: int) -> str:
    if worker_running(ctx.settings):
        token = hand_to_queue(ctx.engine, ctx.company_id, job_id)
        default_tasks().advance_sync(job_id, ctx.company_id, ctx.settings.sqlalchemy_url, token)
        console.print(f"Sincronización {job_id} en cola: la procesa `cuadre worker`.")
        return "queued"
    return run_foreground(ctx, job_id)


@sync_app.command("start")
def start(
    files: list[Path] = typer.Option([], "--file", help="Listado DIAN (.xlsx/.zip) o XML/ZIP."),
    token_link: str | None = typer.Option(None, "--token-link", help="Enlace de acceso DIAN."),
    start_on: str | None = typer.Option(None, "--from", help="Desde (con --token-link)."),
    end_on: str | None = typer.Option(None, "--to", help="Hasta (con --token-link)."),
    kinds: list[str] = typer.Option(list(KINDS), "--kinds", help="sales, purchases, ..."),
    sync_date: str | None = typer.Option(None, "--as-of", help="Fecha para pagos vencidos."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Lee los documentos de la DIAN y los deja listos para revisar (no registra nada)."""
    with cli_errors():
        ctx = open_context(company_nit)
        portal = None
        period = None
        if token_link:
            first, last = parse_date(start_on), parse_date(end_on)
            if first is None or last is None:
                raise CliError("Con --token-link indica el periodo con --from y --to.")
            portal, period = {"link": token_link}, (first, last)
        elif not files:
            raise CliError("Indica --file con el listado o los documentos, o --token-link.")
        split = [k.strip() for item in kinds for k in item.split(",") if k.strip()]
        job_id = create_job(
            ctx.engine,
            ctx.company_id,
            files=files,
            portal=portal,
            kinds=split,
            sync_date=parse_date(sync_date),
            period=period,
            actor="cli",
        )
        state = _dispatch(ctx, job_id)
        if state != "queued":
            print_status(ctx, job_id)


def print_status(ctx: CliContext, job_id: int) -> None:
    """The job's state and, when staged or done, its summary."""
    with ctx.session() as session:
        job = load_job(session, job_id)
        summary = build_summary(session, job)
        page = review(session, job_id, ReviewFilter(), page_size=1)
    period = (
        f"{format_date(job.period_start)} a {format_date(job.period_end)}"
        if job.period_start and job.period_end
        else "sin periodo"
    )
    console.print(
        f"[bold]Sincronización {job_id}[/bold]: {STATE_ES.get(job.state, job.state)} "
        f"({job.progress} %), periodo {period}."
    )
    if job.reason:
        console.print(f"[red]{job.reason}[/red]")
    resumed = resumed_note(job.auto_resumed_at, job.auto_resumes, utcnow())
    if resumed:
        console.print(resumed)
    if job.state == "staged":
        console.print(
            f"{page.total_rows} documentos encontrados; {page.selected} marcados por "
            f"{format_cop(page.selected_total)}; {page.contacts_new} terceros nuevos. "
            f"Revisa con `cuadre sync review {job_id}` y confirma con "
            f"`cuadre sync commit {job_id}`."
        )
    render_summary(summary)


def render_summary(summary: SyncSummary) -> None:
    """Counts by kind, payments, skipped and the points to keep in mind."""
    if summary.documents:
        table = Table(title=f"Registrado en el lote {summary.batch_id}")
        for header in ("Tipo", "Documentos", "Total"):
            table.add_column(header, justify="right" if header != "Tipo" else "left")
        for row in summary.by_kind:
            table.add_row(
                KIND_ES.get(row.kind, row.kind),
                f"{row.count:,}".replace(",", "."),
                format_cop(row.total),
            )
        console.print(table)
        console.print(
            f"Pagos automáticos a «Banco 1»: {summary.payments} por "
            f"{format_cop(summary.payments_total)}."
        )
    for skipped in summary.skipped:
        console.print(f"- {skipped.count} omitidos: {skipped.reason}.")
    if summary.state in ("staged", "done"):
        console.print("[bold]Ten en cuenta:[/bold]")
        for point in summary.points:
            console.print(f"- {escape(point.text)} [dim]{escape(f'[{point.help}]')}[/dim]")


@sync_app.command("status")
def status(job_id: int, company_nit: str | None = CompanyNitOption) -> None:
    """Estado y resumen de una sincronización."""
    with cli_errors():
        print_status(open_context(company_nit), job_id)


@sync_app.command("review")
def review_command(
    job_id: int,
    kind: str = typer.Option("", help="ventas o compras"),
    document_type: str = typer.Option("", "--type", help="sales_invoice, credit_note, ..."),
    status_filter: str = typer.Option("", "--status", help="new, already_in_books, ..."),
    start_on: str | None = typer.Option(None, "--from"),
    end_on: str | None = typer.Option(None, "--to"),
    text: str = typer.Option("", "--text", help="Número, NIT o nombre."),
    page: int = typer.Option(1, "--page"),
    page_size: int = typer.Option(30, "--page-size"),
    contacts: bool = typer.Option(False, "--contacts", help="Lista los terceros encontrados."),
    as_json: bool = typer.Option(False, "--json"),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Lista los documentos (o los terceros) encontrados, con filtros y por páginas."""
    with cli_errors():
        ctx = open_context(company_nit)
        if contacts:
            with ctx.session() as session:
                found = review_contacts(session, job_id, text=text, page=page, page_size=page_size)
            if as_json:
                print_json(list(found))
                return
            table = Table(title=f"Sincronización {job_id}: terceros (página {page})")
            for header in ("NIT", "Nombre", "Cliente", "Proveedor", "Estado"):
                table.add_column(header)
            for c in found:
                table.add_row(
                    c.nit, c.name, "sí" if c.is_customer else "", "sí" if c.is_supplier else "",
                    STATUS_ES.get(c.status, c.status),
                )  # fmt: skip
            console.print(table)
            return
        flt = ReviewFilter(
            kind=kind,
            document_type=document_type,
            status=status_filter,
            start=parse_date(start_on),
            end=parse_date(end_on),
            text=text,
        )
        with ctx.session() as session:
            result = review(session, job_id, flt, page=page, page_size=page_size)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"Sincronización {job_id}: {result.total_rows} documentos (página {page})")
    for header in ("Id", "✓", "Fecha", "Tipo", "Número", "Tercero", "Total", "Estado"):
        table.add_column(header)
    for row in result.rows:
        table.add_row(
            str(row.id),
            "✓" if row.selected else "",
            format_date(row.issue_date) if row.issue_date else "",
            KIND_ES.get(row.kind, row.kind),
            row.number,
            f"{row.name} ({row.nit})",
            format_cop(row.total),
            STATUS_ES.get(row.status, row.status),
        )
    console.print(table)


def _filters(values: list[str]) -> list[ReviewFilter]:
    """`kind=ventas`, `type=credit_note`, `month=2024-03`, `status=new`, `text=...`."""
    out = []
    for value in values:
        fields: dict[str, object] = {}
        for part in value.split(","):
            name, _, raw = part.partition("=")
            name = name.strip()
            if name == "month":
                year, month = (int(x) for x in raw.split("-"))
                fields["start"] = date(year, month, 1)
                fields["end"] = date(year, month, calendar.monthrange(year, month)[1])
            elif name in ("kind", "status", "text"):
                fields[name] = raw
            elif name == "type":
                fields["document_type"] = raw
            else:
                raise CliError(f"No entiendo el filtro «{part}»: usa kind=, type=, month=, ...")
        out.append(ReviewFilter.model_validate(fields))
    return out


@sync_app.command("commit")
def commit(
    job_id: int,
    only: list[str] = typer.Option([], "--only", help="Solo lo que cumpla: kind=compras,..."),
    exclude: list[str] = typer.Option([], "--exclude", help="Excluir: type=credit_note,..."),
    yes: bool = typer.Option(False, "--yes", help="Sin pedir confirmación."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Registra en los libros lo marcado, en un lote (pide confirmación con la vista previa)."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            if only:
                set_selected(session, job_id, ReviewFilter(), False)
                for flt in _filters(only):
                    set_selected(session, job_id, flt, True)
            for flt in _filters(exclude):
                set_selected(session, job_id, flt, False)
            plan = commit_preview(session, job_id)
        console.print(
            f"Vista previa: {plan.documents} documentos por {format_cop(plan.total)} · débitos "
            f"{format_cop(plan.debit)} = créditos {format_cop(plan.credit)} · "
            f"{plan.payments} pagos automáticos por {format_cop(plan.payments_total)}."
        )
        if not yes and not typer.confirm("¿Los registro?"):
            raise typer.Exit(code=0)
        run_foreground(ctx, job_id, commit=True)
        print_status(ctx, job_id)


@sync_app.command("undo")
def undo(
    batch_id: str,
    on: str | None = typer.Option(None, "--on", help="Fecha de las reversiones (hoy)."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Deshace un lote: reversa sus asientos y anula los pagos automáticos."""
    with cli_errors():
        ctx = open_context(company_nit)
        counts = undo_batch(
            ctx.engine, ctx.company_id, batch_id, on=parse_date(on) or date.today(), actor="cli"
        )
    console.print(
        f"Lote {batch_id} deshecho: {counts['entries']} asientos reversados, "
        f"{counts['documents']} documentos anulados, {counts['contacts']} terceros desactivados."
    )


def worker(workers: int = typer.Option(1, "--workers")) -> None:
    """Procesa las tareas en segundo plano (sincronizaciones con la DIAN)."""
    run_worker(get_settings(), workers)


DEMO_YEAR, DEMO_DOCUMENTS = 2024, 400


def demo_year_synced(ctx: CliContext) -> str | None:
    """The batch id of the demo company's committed (not undone) DIAN sync, if any."""
    from sqlmodel import col, select

    from ledger.models import SyncJob

    with ctx.session() as session:
        done = session.exec(
            select(SyncJob).where(SyncJob.state == "done", col(SyncJob.undone).is_(False))
        ).first()
    return None if done is None else (done.batch_id or str(done.id))


def write_demo_year(ctx: CliContext) -> tuple[Path, Path]:
    """`cuadre demo`: a generated DIAN year for the demo company (listing, documents)."""
    from tools.sync.generate import write_year
    from tools.sync.ubl_writer import GenParty

    company = ctx.company
    party = GenParty(company.nit, company.check_digit, company.name)
    year = write_year(
        ctx.settings.ensure_data_dir() / "demo_dian", party, DEMO_YEAR, DEMO_DOCUMENTS
    )
    return year.listing, year.documents
