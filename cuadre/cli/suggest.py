"""`cuadre suggest`: ranked item and account suggestions for one purchase description."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from stdnum.co import nit

from tools.suggest import CompanyProfile, PurchaseLine, Suggestion, suggest


def suggest_command(
    description: Annotated[str, typer.Argument(help="Texto de la línea de la factura.")],
    company_ciiu: Annotated[
        str, typer.Option("--company-ciiu", help="Actividad CIIU de la empresa, p. ej. 4711.")
    ],
    company_nit: Annotated[
        str, typer.Option("--company-nit", help="NIT de la empresa, con dígito de verificación.")
    ] = "",
    supplier: Annotated[str, typer.Option("--supplier", help="Nombre del proveedor.")] = "",
    supplier_nit: Annotated[str, typer.Option("--supplier-nit", help="NIT del proveedor.")] = "",
    supplier_ciiu: Annotated[
        str, typer.Option("--supplier-ciiu", help="Actividad CIIU del proveedor.")
    ] = "",
    amount: Annotated[
        str, typer.Option("--amount", help="Valor antes de impuestos, p. ej. 4890000.")
    ] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, max=10)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Salida en JSON.")] = False,
) -> None:
    """Print the ranked suggestions with their reasons (a cold company: no history yet)."""
    codes = tuple(code.strip() for code in company_ciiu.split(",") if code.strip())
    if not codes or not all(code.isdigit() and len(code) == 4 for code in codes):
        raise typer.BadParameter(
            "indique la actividad CIIU con 4 dígitos, p. ej. 4711", param_hint="--company-ciiu"
        )
    if company_nit and not nit.is_valid(company_nit):
        raise typer.BadParameter(
            f"«{company_nit}» no es un NIT válido (revise el dígito de verificación)",
            param_hint="--company-nit",
        )
    line = PurchaseLine(
        description=description,
        supplier_name=supplier,
        supplier_nit=supplier_nit,
        supplier_ciiu=supplier_ciiu,
        amount=_amount(amount),
    )
    ranked = suggest(line, CompanyProfile(ciiu_codes=codes), limit=limit)
    if as_json:
        typer.echo(json.dumps([suggestion_json(s) for s in ranked], ensure_ascii=False, indent=2))
        return
    title = f"Sugerencias para «{description}» (actividad {', '.join(codes)}"
    title += f", NIT {company_nit})" if company_nit else ")"
    table = Table(title=title)
    for column in ("#", "Cuenta", "Ítem", "Confianza", "Razón"):
        table.add_column(column)
    for rank, suggestion in enumerate(ranked, 1):
        mark = "✔" if suggestion.confident else "revisar"
        item = suggestion.item + (" (crear ítem)" if suggestion.create_item else "")
        table.add_row(
            str(rank),
            f"{suggestion.account_code} {suggestion.account_name}",
            item,
            f"{suggestion.confidence:.0%} {mark}",
            suggestion.reason_es,
        )
    Console().print(table)


def suggestion_json(suggestion: Suggestion) -> dict[str, object]:
    """The JSON shape of one suggestion on the command line."""
    return {
        "account": suggestion.account_code,
        "account_name": suggestion.account_name,
        "item": suggestion.item,
        "item_code": suggestion.item_code,
        "confidence": suggestion.confidence,
        "confident": suggestion.confident,
        "reason": suggestion.reason_es,
        "signal": suggestion.signal.value,
        "create_item": suggestion.create_item,
        "proposed_item_name": suggestion.proposed_item_name,
    }


def _amount(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(".", "").replace(",", ".") if "," in text else text)
    except InvalidOperation:
        raise typer.BadParameter(f"«{text}» no es un valor", param_hint="--amount") from None
