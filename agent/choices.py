"""The choices of a `Literal[...]` field, as a message names them.

Tools list their choices in English (`sales_invoice`, `payable`); people say them in
Spanish («facturas de venta», «por pagar») or, for levels, in digits («a 4 dígitos»).
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from agent.normalize import fold

# Spanish words for the English choices tools use (`Literal[...]` fields), folded.
CHOICE_WORDS: dict[str, tuple[str, ...]] = {
    "sales_invoice": ("factura de venta", "facturas de venta", "ventas", "vendi"),
    "purchase_invoice": ("factura de compra", "facturas de compra", "compras", "compre"),
    "support_document": ("documento soporte", "documentos soporte"),
    "credit_note": ("nota credito", "notas credito", "nota de credito", "notas de credito"),
    "debit_note": ("nota debito", "notas debito", "nota de debito", "notas de debito"),
    "adjustment_note": ("nota de ajuste", "notas de ajuste"),
    "received": ("recibid", "pendiente", "sin contabilizar"),
    "posted": ("contabilizad", "registrad"),
    "paid": ("pagad",),
    "voided": ("anulad",),
    "receivable": ("por cobrar", "cartera", "clientes", "me deben"),
    "payable": ("por pagar", "proveedores", "debo"),
}
LEVEL_WORDS = {1: ("por clase", "clases"), 2: ("por grupo", "grupos"), 6: ("subcuenta",)}


def choices_of(annotation: Any) -> tuple[Any, ...]:
    """The values of a `Literal[...]` field (through Optional), or ()."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) is typing.Literal:
                return typing.get_args(arg)
    return ()


def named_choice(annotation: Any, folded: str) -> Any:
    """The choice the message names: Spanish words for English values, digits for levels."""
    choices = choices_of(annotation)
    if all(isinstance(choice, int) for choice in choices):
        digits = re.search(r"\b(\d{1,2})\s*digitos\b", folded)
        if digits and int(digits.group(1)) in choices:
            return int(digits.group(1))
        for level, phrases in LEVEL_WORDS.items():
            if level in choices and any(phrase in folded for phrase in phrases):
                return level
        return None
    for choice in choices:
        if any(re.search(rf"\b{re.escape(phrase)}", folded) for phrase in choice_phrases(choice)):
            return choice
    return None


def choice_phrases(choice: Any) -> tuple[str, ...]:
    """The folded phrases that name `choice`: its Spanish words and its own spelling."""
    return (*CHOICE_WORDS.get(str(choice), ()), fold(str(choice)).replace("_", " "))
