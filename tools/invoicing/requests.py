"""Building an `InvoiceRequest` from what a person gives: a NIT, lines, maybe a reason.

Shared by the chat tools and the CLI. A customer already in the books keeps its name
and e-mail unless new ones are given; the address defaults to the company's city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select
from stdnum.co import nit as co_nit

from ledger.models import Contact
from tools.einvoice.types import Address, DocumentKind, DraftLine, Party
from tools.errors import ToolError
from tools.invoicing.issuing import InvoiceRequest, billing_reference
from tools.invoicing.profile import profile_address, require_profile

KINDS = {
    "factura": DocumentKind.INVOICE,
    "nota_credito": DocumentKind.CREDIT_NOTE,
    "nota_debito": DocumentKind.DEBIT_NOTE,
}
NO_VAT = ("excluido", "ex", "exento", "no", "")


@dataclass(frozen=True)
class LineSpec:
    """One line as typed: description, quantity, unit price, VAT % (None = excluded)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal | None = Decimal("19")


def parse_line(text: str) -> LineSpec:
    """`"Pan tajado:120:4500:19"` (VAT `excluido` or empty = excluded; default 19)."""
    parts = text.rsplit(":", 3)
    if len(parts) < 3:
        raise ToolError(
            "linea_invalida",
            f"La línea «{text}» debe ser descripción:cantidad:precio[:iva], "
            "por ejemplo «Pan tajado:120:4500:19».",
        )
    description, quantity, price = parts[0], parts[1], parts[2]
    vat = parts[3] if len(parts) == 4 else "19"
    try:
        rate = None if vat.strip().lower() in NO_VAT else Decimal(vat.strip().rstrip("%"))
        return LineSpec(description.strip(), Decimal(quantity), Decimal(price), rate)
    except InvalidOperation as exc:
        raise ToolError("linea_invalida", f"La línea «{text}» tiene un número inválido.") from exc


def customer_party(
    session: Session,
    *,
    nit: str,
    name: str | None = None,
    email: str | None = None,
    address: Address | None = None,
) -> Party:
    """The customer as the document names it (existing contact data filled in)."""
    digits = "".join(ch for ch in nit.split("-")[0] if ch in "0123456789")
    if not digits:
        raise ToolError("cliente_sin_nit", f"El NIT del cliente «{nit}» no es válido.")
    contact = session.exec(
        select(Contact).where(Contact.id_type == "31", Contact.id_number == digits)
    ).first()
    final_name = name or (contact.name if contact else None)
    if not final_name:
        raise ToolError(
            "cliente_sin_nombre",
            f"El cliente con NIT {digits} no está registrado: indica su nombre.",
        )
    final_email = email if email is not None else (contact.email if contact else "")
    return Party(
        id_number=digits,
        check_digit=co_nit.calc_check_digit(digits),
        name=final_name,
        address=address or replace(profile_address(require_profile(session)), line="Sin dirección"),
        email=final_email or None,
    )


def build_request(
    session: Session,
    *,
    kind: str,
    customer: Party,
    lines: Sequence[LineSpec],
    invoice_number: str | None = None,
    reason: str = "",
    due_date: date | None = None,
) -> InvoiceRequest:
    """The request for a new invoice or note (notes name the invoice they correct)."""
    document_kind = KINDS.get(kind)
    if document_kind is None:
        raise ToolError("tipo_invalido", f"Tipo de documento desconocido: {kind}.")
    if not lines:
        raise ToolError("documento_sin_lineas", "Indica al menos una línea.")
    reference = None
    if document_kind.is_note:
        if not invoice_number:
            raise ToolError(
                "nota_sin_factura", "Indica la factura que corrige la nota (por ejemplo FE-12)."
            )
        # DIAN concept codes: credit 1 partial return; debit 4 others.
        code = "1" if document_kind is DocumentKind.CREDIT_NOTE else "4"
        reference = billing_reference(
            session,
            invoice_number,
            reason_code=code,
            reason_text=reason or ("Devolución parcial de los bienes" if code == "1" else "Otros"),
        )
    return InvoiceRequest(
        kind=document_kind,
        customer=customer,
        lines=tuple(
            DraftLine(line.description, line.quantity, line.unit_price, vat_rate=line.vat_rate)
            for line in lines
        ),
        due_date=due_date,
        payment_form="2" if due_date else "1",
        payment_means="ZZZ" if due_date else "10",
        billing_reference=reference,
    )
