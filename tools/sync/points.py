"""The sync's rules in the product's words, each with its help page (`sync-dian#...`).

The summary and the previews show these as the points to keep in mind; the rule
functions in `tools.sync.rules` name the one they apply.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncRule:
    """One promise of the sync: an id, the Spanish text a person reads, its help link."""

    id: str
    text_es: str
    help: str


ITEM = SyncRule(
    "productos",
    "Ninguna línea importada mueve inventario: todas usan el ítem no inventariable "
    "«Datos iniciales - DIAN» y el nombre original queda en la descripción.",
    "sync-dian#productos",
)
SALES = SyncRule(
    "ventas",
    "Las ventas y sus notas registran solo la cuenta por cobrar (130505), el ingreso, "
    "el IVA generado (240805), otros impuestos (2495) y las retenciones (1355); "
    "no se registra costo de ventas.",
    "sync-dian#ventas",
)
PURCHASES = SyncRule(
    "compras",
    "Las compras, documentos soporte y sus notas quedan en «Gastos y costos por datos "
    "iniciales - DIAN» (51959501); luego puedes reclasificarlas con comprobantes.",
    "sync-dian#compras",
)
PAYMENTS = SyncRule(
    "pagos-automaticos",
    "Se crean pagos automáticos a «Banco 1» para las facturas de contado y las vencidas "
    "hace más de 60 días; las de plazo mayor a 60 días se pagan a mano.",
    "sync-dian#pagos-automaticos",
)
HISTORY = SyncRule(
    "historial",
    "Cada documento, contacto y pago creado queda en el historial de operaciones con el "
    "número de lote.",
    "sync-dian#historial",
)
UNDO = SyncRule(
    "deshacer",
    "Si algo no te cuadra, puedes deshacer el lote completo: se reversan los asientos y "
    "se anulan los pagos.",
    "sync-dian#deshacer",
)
ALL_RULES: tuple[SyncRule, ...] = (ITEM, SALES, PURCHASES, PAYMENTS, HISTORY, UNDO)
