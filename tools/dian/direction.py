"""Received (purchase) or issued (sale), seen from one company.

The company buys when it is the buyer (`AccountingCustomerParty`) and sells when it is
the seller (`AccountingSupplierParty`). Support documents (05) and their adjustment notes
(95) invert who *issues* the electronic document, not who buys: the company issues them
as the buyer, so they are purchases too.
"""

from __future__ import annotations

from enum import StrEnum

from tools.dian.model import DianDocument
from tools.errors import ToolError


class Direction(StrEnum):
    """How a document enters the company's books."""

    RECEIVED = "received"  # compra
    ISSUED = "issued"  # venta


def nit_digits(value: str | None) -> str:
    """A NIT without dots, spaces or check digit: `900.108.281-3` -> `900108281`."""
    text = (value or "").strip()
    if "-" in text:
        text = text.split("-", 1)[0]
    return "".join(ch for ch in text if ch.isdigit())


def direction(document: DianDocument, company_nit: str) -> Direction:
    """`RECEIVED` or `ISSUED` for the company with `company_nit`.

    Raises `ToolError("empresa_no_participa")` when the company is neither party, and
    `ToolError("direccion_ambigua")` when it is both.
    """
    company = nit_digits(company_nit)
    buyer = nit_digits(document.receiver.nit) == company
    seller = nit_digits(document.issuer.nit) == company
    number = document.number or "sin número"
    if buyer and seller:
        raise ToolError(
            "direccion_ambigua",
            f"En el documento {number} la empresa (NIT {company}) aparece como vendedor y "
            "como comprador; no sé si es compra o venta.",
        )
    if buyer:
        return Direction.RECEIVED
    if seller:
        return Direction.ISSUED
    if document.is_support_document:
        roles = (
            f"comprador que lo emite: {document.receiver.name or '?'} NIT "
            f"{document.receiver.nit or '?'}; vendedor: {document.issuer.name or '?'} NIT "
            f"{document.issuer.nit or '?'}"
        )
    else:
        roles = (
            f"emisor: {document.issuer.name or '?'} NIT {document.issuer.nit or '?'}; "
            f"adquiriente: {document.receiver.name or '?'} NIT {document.receiver.nit or '?'}"
        )
    raise ToolError(
        "empresa_no_participa",
        f"El documento {number} no es de esta empresa (NIT {company}): {roles}. "
        "No se importa como compra ni como venta.",
    )
