"""`cuadre invoices ...`: issue e-invoices, follow them through the DIAN, contingency."""

from __future__ import annotations

from datetime import UTC, datetime

import typer
from rich.table import Table
from sqlmodel import col, select

import tools.invoicing.tool  # noqa: F401  (registers resend_document)
from cuadre.cli.context import (
    CliError,
    CompanyNitOption,
    cli_errors,
    console,
    open_context,
    parse_date,
    print_json,
)
from cuadre.settings import Settings
from ledger.errors import LedgerError
from ledger.models import EDocument
from ledger.money import format_cop, format_date
from tools.einvoice.signing import CertificateError, SigningCredentials, credentials_from_settings
from tools.invoicing.codec import loads
from tools.invoicing.contingency_mode import (
    contingency_deadlines,
    contingency_state,
    set_contingency,
)
from tools.invoicing.issuing import InvoiceRequest, create_document, issue_document, issue_drafts
from tools.invoicing.issuing import request_total as total_of
from tools.invoicing.numbering import ResolutionKind, add_resolution, list_resolutions
from tools.invoicing.numbering import numbering_alerts as alerts_of
from tools.invoicing.profile import configure_profile
from tools.invoicing.requests import build_request, customer_party, parse_line
from tools.invoicing.tasks import run_outbox_once
from tools.invoicing.timeline import document_label, document_timeline
from tools.registry import run_tool

invoices_app = typer.Typer(
    help="Facturación electrónica: emitir, seguir y reenviar.", no_args_is_help=True
)
resolution_app = typer.Typer(help="Resoluciones de numeración de la DIAN.", no_args_is_help=True)
invoices_app.add_typer(resolution_app, name="resolution")


def _now() -> datetime:
    return datetime.now(UTC)


def _credentials(settings: Settings) -> SigningCredentials:
    try:
        return credentials_from_settings(settings)
    except CertificateError as exc:
        raise CliError(exc.message_es) from exc


@invoices_app.command("setup")
def setup(
    address: str = typer.Option(..., "--address", help="Dirección de la empresa."),
    email: str = typer.Option(..., "--email", help="Correo de facturación."),
    software_id: str = typer.Option(..., "--software-id", help="Identificador del software DIAN."),
    pin: str = typer.Option(..., "--pin", help="PIN del software."),
    phone: str = typer.Option("", "--phone"),
    city_code: str = typer.Option("11001", "--city-code", help="Código DANE del municipio."),
    city_name: str = typer.Option("Bogotá, D.C.", "--city-name"),
    department_code: str = typer.Option("11", "--department-code"),
    department_name: str = typer.Option("Bogotá", "--department-name"),
    production: bool = typer.Option(False, "--production", help="Ambiente de producción."),
    auto_send: bool | None = typer.Option(
        None, "--auto-send/--no-auto-send", help="Envío automático (en Colombia: sí)."
    ),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Configura los datos de facturación electrónica de la empresa."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            configure_profile(
                session, address_line=address, email=email, software_id=software_id,
                software_pin=pin, phone=phone, city_code=city_code, city_name=city_name,
                department_code=department_code, department_name=department_name,
                environment="1" if production else "2", auto_send=auto_send,
            )  # fmt: skip
    console.print(f"Facturación electrónica configurada para {ctx.company.name}.")


@resolution_app.command("add")
def resolution_add(
    number: str = typer.Option(..., "--number", help="Número de la resolución."),
    prefix: str = typer.Option(..., "--prefix", help="Prefijo autorizado (FE, NC, ...)."),
    range_from: int = typer.Option(..., "--from", help="Primer número autorizado."),
    range_to: int = typer.Option(..., "--to", help="Último número autorizado."),
    valid_from: str = typer.Option(..., "--valid-from", help="Vigente desde (AAAA-MM-DD)."),
    valid_to: str = typer.Option(..., "--valid-to", help="Vigente hasta (AAAA-MM-DD)."),
    technical_key: str = typer.Option("", "--technical-key", help="Clave técnica."),
    kind: ResolutionKind = typer.Option(ResolutionKind.INVOICE, "--kind"),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Registra una resolución de numeración (facturas, contingencia, notas)."""
    with cli_errors():
        ctx = open_context(company_nit)
        start, end = parse_date(valid_from), parse_date(valid_to)
        assert start is not None and end is not None
        with ctx.session() as session:
            row = add_resolution(
                session, kind=kind, resolution_number=number, prefix=prefix,
                range_from=range_from, range_to=range_to, valid_from=start, valid_to=end,
                technical_key=technical_key,
            )  # fmt: skip
            alerts = alerts_of(session, _now().date())
    console.print(f"Resolución {row.resolution_number}: {row.prefix}{row.range_from} a "
                  f"{row.prefix}{row.range_to}.")  # fmt: skip
    for alert in alerts:
        console.print(f"[yellow]Aviso:[/yellow] {alert}")


@resolution_app.command("list")
def resolution_list(company_nit: str | None = CompanyNitOption) -> None:
    """Lista las resoluciones y avisa si se agotan o vencen."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            rows = list_resolutions(session)
            alerts = alerts_of(session, _now().date())
    for row in rows:
        console.print(
            f"{row.kind:<12} {row.prefix:<5} {row.range_from}-{row.range_to} siguiente "
            f"{row.next_number} vigente {format_date(row.valid_from)} a "
            f"{format_date(row.valid_to)}{'' if row.active else ' (inactiva)'}"
        )
    for alert in alerts:
        console.print(f"[yellow]Aviso:[/yellow] {alert}")


@invoices_app.command("create")
def create(
    customer_nit: str = typer.Option(..., "--customer-nit", help="NIT del cliente."),
    lines: list[str] = typer.Option(..., "--line", help='"descripción:cantidad:precio:iva"'),
    customer_name: str | None = typer.Option(None, "--customer-name"),
    customer_email: str | None = typer.Option(None, "--customer-email"),
    kind: str = typer.Option("factura", "--kind", help="factura, nota_credito o nota_debito."),
    invoice: str | None = typer.Option(None, "--invoice", help="Factura que corrige la nota."),
    reason: str = typer.Option("", "--reason", help="Motivo de la nota."),
    due: str | None = typer.Option(None, "--due", help="Vencimiento (venta a crédito)."),
    draft: bool = typer.Option(False, "--draft", help="Guardar como borrador sin emitir."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Crea una factura o nota: la emite, o la guarda como borrador con --draft."""
    with cli_errors():
        ctx = open_context(company_nit)
        credentials = None if draft else _credentials(ctx.settings)
        with ctx.session() as session:
            try:
                customer = customer_party(
                    session, nit=customer_nit, name=customer_name, email=customer_email
                )
                request = build_request(
                    session, kind=kind, customer=customer,
                    lines=[parse_line(text) for text in lines], invoice_number=invoice,
                    reason=reason, due_date=parse_date(due),
                )  # fmt: skip
                document = create_document(
                    session, request, issue=not draft, now=_now(), credentials=credentials,
                    actor="cli",
                )  # fmt: skip
            except LedgerError as exc:
                raise CliError(exc.message_es) from exc
    label = document_label(document)
    verb = "Guardado como" if draft else "Emitido"
    console.print(f"{verb} {label} por {format_cop(total_of(request))} ({document.status}).")


@invoices_app.command("issue")
def issue(
    number: str | None = typer.Argument(None, help="Borrador a emitir (id o `borrador 3`)."),
    drafts: bool = typer.Option(False, "--drafts", help="Emitir todos los borradores."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Emite un borrador (o todos con --drafts) con la fecha de hoy."""
    with cli_errors():
        if not drafts and not number:
            raise CliError("Indica el borrador a emitir o usa --drafts.")
        ctx = open_context(company_nit)
        credentials = _credentials(ctx.settings)
        with ctx.session() as session:
            if drafts:
                for outcome in issue_drafts(session, now=_now(), credentials=credentials):
                    if outcome.error:
                        console.print(f"borrador {outcome.draft_id}: [red]{outcome.error}[/red]")
                    else:
                        console.print(f"borrador {outcome.draft_id} -> {outcome.number}")
                return
            assert number is not None
            document = issue_document(session, number, now=_now(), credentials=credentials)
    console.print(f"Emitido {document.number} ({document.status}).")


@invoices_app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Salida JSON."),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Lista facturas y notas electrónicas con su estado."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            documents = list(session.exec(select(EDocument).order_by(col(EDocument.id))))
    rows = []
    for document in documents:
        request = loads(InvoiceRequest, document.request_json)
        rows.append({
            "documento": document_label(document), "tipo": document.kind,
            "estado": document.status, "cliente": request.customer.name,
            "fecha": document.issue_date, "total": total_of(request),
        })  # fmt: skip
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Documentos electrónicos · {ctx.company.name}")
    for column in ("Documento", "Tipo", "Estado", "Cliente", "Fecha", "Total"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["documento"]), str(row["tipo"]), str(row["estado"]), str(row["cliente"]),
            format_date(row["fecha"]) if row["fecha"] else "", format_cop(row["total"]),  # type: ignore[arg-type]
        )  # fmt: skip
    console.print(table)


@invoices_app.command("show")
def show(number: str, company_nit: str | None = CompanyNitOption) -> None:
    """Muestra la línea de tiempo de un documento (FE-12, borrador 3)."""
    with cli_errors():
        ctx = open_context(company_nit)
        with ctx.session() as session:
            timeline = document_timeline(session, number)
    for entry in timeline:
        console.print(f"{entry.when_es}  {entry.text}")


@invoices_app.command("resend")
def resend(number: str, company_nit: str | None = CompanyNitOption) -> None:
    """Reintenta ya el envío a la DIAN, o reenvía el correo si ya fue aceptado."""
    with cli_errors():
        ctx = open_context(company_nit)
        result = run_tool(ctx.tool_context(), "resend_document", {"number": number})
    console.print(result.model_dump()["message"])


@invoices_app.command("outbox")
def outbox(company_nit: str | None = CompanyNitOption) -> None:
    """Envía una vez lo pendiente a la DIAN y los correos a los clientes."""
    with cli_errors():
        ctx = open_context(company_nit)
        sent, mailed = run_outbox_once(ctx.settings)
    console.print(
        f"DIAN: {len(sent.accepted)} aceptado(s), {len(sent.rejected)} rechazado(s), "
        f"{len(sent.retrying)} por reintentar. Correo: {len(mailed.sent)} enviado(s), "
        f"{len(mailed.blocked)} sin enviar, {len(mailed.retrying)} por reintentar."
    )


@invoices_app.command("contingency")
def contingency(
    action: str = typer.Argument("status", help="on, off o status"),
    company_nit: str | None = CompanyNitOption,
) -> None:
    """Activa o termina la contingencia (tipo 04), o muestra su estado y plazos."""
    with cli_errors():
        if action not in ("on", "off", "status"):
            raise CliError("Usa `on`, `off` o `status`.")
        ctx = open_context(company_nit)
        with ctx.session() as session:
            if action == "status":
                state = contingency_state(session, _now())
            else:
                state = set_contingency(session, action == "on", now=_now())
            deadlines = contingency_deadlines(session, _now())
    console.print(state.message_es)
    for deadline in deadlines:
        console.print(f"  {deadline.message_es}")
