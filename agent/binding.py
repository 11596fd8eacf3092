"""Slots onto a tool's pydantic input, by field name and type (no per-tool code).

A field named like a period start (`start`, `start_date`, `desde`, `date_from`) of type
`date` takes the period's first day; an `*nit*` string takes the NIT; `amount`/`total`/
`valor` takes the amount; `number`/`document_number` the document number; `path(s)`/
`file(s)` the attached files; `query`/`question`/`text` the message itself; an int `line`
the line a change names ("la línea 2 va a 5135"), and an account field, when the message
has no PUC code, the account such a change names ("cámbialo a arrendamientos") or the
account named in words ("sueldos"). A `*_id` takes the identifier said after its noun
("la sincronización 1"); a switch (`on`) whether the message turns something on or off;
a customer's name and a list of sale lines what "factúrale a X 120 panes a 4500" says.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from agent.account_names import account_for_words, account_named, says_the_name
from agent.amend import parse_change
from agent.choices import choice_phrases, choices_of, named_choice
from agent.entries import balanced
from agent.identifiers import find_identifier, identifier_question, is_switch, switch_value
from agent.invoice_lines import customer_name, sale_items
from agent.normalize import fold
from agent.phrases import describe, keywords
from agent.slots import Slots

START_NAMES = ("start", "desde", "from", "inicio", "begin")
END_NAMES = ("end", "hasta", "to", "fin", "until")
CUTOFF_NAMES = ("as_of", "corte", "on", "date", "fecha", "cutoff")
AMOUNT_NAMES = ("amount", "total", "valor", "value", "monto", "importe")
NUMBER_NAMES = ("number", "numero", "document", "doc", "folio", "consecutivo", "invoice")
ACCOUNT_NAMES = ("account", "cuenta", "puc")
FILE_NAMES = ("path", "file", "archivo", "attachment", "adjunto")
TEXT_NAMES = ("query", "question", "pregunta", "text", "texto", "topic", "tema", "rule", "regla")
SEARCH_NAMES = (
    "search",
    "buscar",
    "filter",
    "filtro",
    "name",
    "nombre",
    "keyword",
)  # 4 first: "search"
PARTY_NAMES = ("customer", "cliente", "client", "buyer", "comprador")
QUANTITY_NAMES = ("quantity", "qty", "cantidad", "units", "unidades")
PRICE_NAMES = ("price", "precio", "unit_price", "valor_unitario")
VAT_NAMES = ("vat", "iva", "tax")
DESCRIPTION_NAMES = ("description", "descripcion", "concept", "concepto", "memo", "detalle")

ASK_ORDER = {"lines": 1, "text": 2}
QUESTIONS: dict[str, str] = {
    "period": (
        "¿De qué periodo? Por ejemplo «marzo de 2025», «el mes pasado» o «del 1 al 15 de marzo»."
    ),
    "date": "¿Con qué fecha? Por ejemplo «hoy» o «31/03/2025».",
    "lines": (
        "¿Qué líneas lleva? Por ejemplo «débito 519530 por 50.000 y crédito 110505» "
        "(cuentas auxiliares del PUC)."
    ),
    "nit": "¿Cuál es el NIT? Puede ser con o sin dígito de verificación.",
    "amount": "¿Por qué valor? Por ejemplo «$ 1.190.000» o «1,2 millones».",
    "number": "¿Qué número de documento? Por ejemplo «FE-120».",
    "account": "¿Qué cuenta del PUC? Por ejemplo «110505».",
    "files": "Adjunta el archivo (XML, ZIP o Excel) y lo reviso.",
    "text": "¿Me cuentas un poco más?",
}


@dataclass(frozen=True)
class Binding:
    """Arguments found for a tool and the required fields still missing (with their kind)."""

    args: dict[str, Any]
    missing: tuple[tuple[str, str], ...]

    def can_ask(self, model: type[BaseModel] | None = None) -> bool:
        """False when the first missing field is one no follow-up question can fill."""
        name, kind = self.missing[0]
        if (kind in QUESTIONS and kind != "text") or kind == "identifier":
            return True
        info = model.model_fields.get(name) if model is not None else None
        return bool(info is not None and info.description)

    def question(self, model: type[BaseModel] | None = None) -> str:
        """The follow-up question for the first missing field."""
        name, kind = self.missing[0]
        if kind in QUESTIONS and kind != "text":
            return QUESTIONS[kind]
        info = model.model_fields.get(name) if model is not None else None
        if kind == "identifier":
            return identifier_question(name, info.description if info else None)
        if info is not None and info.description:
            return f"Me falta un dato: {info.description.rstrip('.')}. ¿Me lo indicas?"
        return (
            f"Para eso necesito datos que todavía no sé sacar de un mensaje («{name}»). "
            "Con un modelo de lenguaje configurado (CUADRE_OPENAI_BASE_URL) puedo armarlo a "
            "partir de tu descripción; mientras tanto, pídeme consultas o reportes."
        )


def field_kind(name: str, info: FieldInfo) -> str | None:
    """The slot kind a field takes (`period_start`, `nit`, `amount`, ...) or None."""
    lowered = name.lower()
    base, is_list = _base_type(info.annotation)
    if base in (int, str) and not is_list and (lowered.endswith("_id") or lowered == "id"):
        return "identifier"
    if base is bool and is_switch(lowered):
        return "switch"
    if base is date:
        if _has(lowered, START_NAMES):
            return "period_start"
        if _has(lowered, END_NAMES):
            return "period_end"
        return "date"
    if base is int and lowered in {"year", "ano", "anio"}:
        return "year"
    if base is int and lowered in {"month", "mes"}:
        return "month"
    if base is int and lowered in {"line", "linea", "line_number", "line_no"}:
        return "line"
    if "nit" in lowered.split("_") or lowered.endswith("nit"):
        return "nit"
    if base in (Decimal, float, int) and _has(lowered, AMOUNT_NAMES):
        return "amount"
    if _has(lowered, FILE_NAMES) or base is Path:
        return "files" if is_list else "file"
    if base is str and _has(lowered, ACCOUNT_NAMES):
        return "account"
    if base is str and _has(lowered, NUMBER_NAMES):
        return "number"
    if base is str and _has(lowered, PARTY_NAMES) and _has(lowered, ("name", "nombre")):
        return "customer"
    if base is str and _has(lowered, TEXT_NAMES):
        return "text"
    if base is str and _has(lowered, DESCRIPTION_NAMES):
        return "description"
    if (base is str and _has(lowered, SEARCH_NAMES[:4])) or lowered == "keyword":
        return "search"
    if base is str and _has(lowered, SEARCH_NAMES):
        return "keywords"
    if is_list and isinstance(base, type) and issubclass(base, BaseModel) and _line_fields(base):
        return "lines"
    if is_list and isinstance(base, type) and issubclass(base, BaseModel) and _item_fields(base):
        return "items"
    if choices_of(info.annotation):
        return "choice"
    return None


def bind_args(
    model: type[BaseModel],
    slots: Slots,
    message: str,
    known: dict[str, Any] | None = None,
    *,
    spelled: str = "",
) -> Binding:
    """Fill `model`'s fields from `slots`; `known` (earlier turns) is kept and completed.
    `spelled`, the message with its typos corrected, names a choice the message's own
    words miss ("las facutras de venta")."""
    args = dict(known or {})
    missing: list[tuple[str, str]] = []
    for name, info in model.model_fields.items():
        kind = field_kind(name, info)
        if name not in args and kind == "lines":
            value = _lines(info.annotation, slots)
            if value is not None:
                args[name] = value
        elif name not in args and kind == "identifier":
            found = find_identifier(name, _base_type(info.annotation)[0], info.description, message)
            if found is not None:
                args[name] = found
        elif name not in args and kind == "switch":
            switched = switch_value(message)
            if switched is not None:
                args[name] = switched
        elif name not in args and kind == "items":
            items = _items(info.annotation, message)
            if items:
                args[name] = items
        elif name not in args and kind == "choice":
            value = named_choice(info.annotation, fold(message))
            if value is None and spelled:
                value = named_choice(info.annotation, fold(spelled))
            if value is not None:
                args[name] = value
        elif name not in args and kind is not None:
            value = _value(kind, slots, message)
            if value is not None:
                args[name] = value
        if name not in args and info.is_required():
            missing.append((name, _question_kind(kind)))
    # Fields no slot can fill come first: asking for a date before saying that the
    # journal lines cannot be taken from a message would waste the person's time.
    # Then the journal lines (the heart of an entry), the concept, and the plain values.
    missing.sort(key=lambda item: ASK_ORDER.get(item[1], 0 if item[1] not in QUESTIONS else 3))
    return Binding(args=args, missing=tuple(missing))


def _value(kind: str, slots: Slots, message: str) -> Any:
    period, dates = slots.period, sorted(slots.dates)
    if kind == "period_start":
        return period.start.isoformat() if period else None
    if kind == "period_end":
        if period:
            return period.end.isoformat()
        return dates[-1].isoformat() if dates else None
    if kind == "date":
        return dates[0].isoformat() if dates else (period.end.isoformat() if period else None)
    if kind == "year":
        return period.start.year if period else None
    if kind == "month":
        return period.start.month if period and period.start.month == period.end.month else None
    if kind == "nit":
        return slots.nits[0].number if slots.nits else None
    if kind == "amount":
        return str(slots.amounts[0]) if slots.amounts else None
    if kind == "number":
        return slots.document_numbers[0] if slots.document_numbers else None
    if kind == "account":
        if slots.account_codes:
            return slots.account_codes[0]
        change = parse_change(message)
        return change.account if change else account_for_words(message)
    if kind == "line":
        change = parse_change(message)
        return change.line if change else None
    if kind == "files":
        return list(slots.files) if slots.files else None
    if kind == "file":
        return slots.files[0] if slots.files else None
    if kind == "search":
        # "¿qué cuenta uso para la nómina por pagar?" searches the account it names; by
        # its code when the person's words are not the chart's ("nómina" for "salarios").
        if slots.account_codes:
            return slots.account_codes[0]
        named = account_named(message)
        if named and not says_the_name(message, named[1]):
            return named[0]
        return keywords(slots.rest)
    if kind == "keywords":
        return slots.account_codes[0] if slots.account_codes else keywords(slots.rest)
    if kind == "text":
        return message.strip() or None
    if kind == "customer":
        return customer_name(message)
    if kind == "description":
        # A reply that was only a value ("hoy", "FE-120") describes nothing.
        return describe(slots.rest_original if not slots.is_empty() else message)
    return None


def _line_fields(item: type[BaseModel]) -> dict[str, str]:
    """For a journal-line model: which field holds the account, the debit and the credit."""
    roles: dict[str, str] = {}
    for name, info in item.model_fields.items():
        lowered = name.lower()
        if field_kind(name, info) == "account":
            roles["account"] = name
        elif "debit" in lowered or lowered == "debe":
            roles["debit"] = name
        elif "credit" in lowered or lowered == "haber":
            roles["credit"] = name
    return roles if set(roles) == {"account", "debit", "credit"} else {}


def _item_fields(item: type[BaseModel]) -> dict[str, str]:
    """For a sale-line model: which field holds the description, quantity, unit price and
    (optionally) the VAT rate."""
    roles: dict[str, str] = {}
    for name in item.model_fields:
        lowered = name.lower()
        if _has(lowered, DESCRIPTION_NAMES):
            roles["description"] = name
        elif _has(lowered, QUANTITY_NAMES):
            roles["quantity"] = name
        elif _has(lowered, PRICE_NAMES) or lowered in PRICE_NAMES:
            roles["price"] = name
        elif _has(lowered, VAT_NAMES):
            roles["vat"] = name
    return roles if {"description", "quantity", "price"} <= set(roles) else {}


def _items(annotation: Any, message: str) -> list[dict[str, Any]] | None:
    """Sale lines from "120 panes a 4500 más IVA", keyed by the line model's own fields."""
    base, _ = _base_type(annotation)
    roles = _item_fields(base)
    found = []
    for item in sale_items(message):
        line: dict[str, Any] = {
            roles["description"]: item.description,
            roles["quantity"]: str(item.quantity),
            roles["price"]: str(item.unit_price),
        }
        if "vat" in roles and item.vat_rate != "default":
            line[roles["vat"]] = None if item.vat_rate is None else str(item.vat_rate)
        found.append(line)
    return found or None


def _lines(annotation: Any, slots: Slots) -> list[dict[str, str]] | None:
    base, _ = _base_type(annotation)
    roles = _line_fields(base)
    fallback = slots.amounts[0] if len(slots.amounts) == 1 else None
    lines = balanced(slots.lines, fallback)
    if len(lines) < 2 or any(line.amount is None for line in lines):
        return None
    return [{roles["account"]: line.account, roles[line.side]: str(line.amount)} for line in lines]


def _question_kind(kind: str | None) -> str:
    return {
        "period_start": "period",
        "period_end": "period",
        "year": "period",
        "month": "period",
        "file": "files",
        "description": "text",
    }.get(kind or "text", kind or "text")


def _has(name: str, candidates: tuple[str, ...]) -> bool:
    parts = name.split("_")
    parts += [part[:-1] for part in parts if part.endswith("s")]  # "paths", "files"
    return any(candidate in parts or name == candidate for candidate in candidates)


def _base_type(annotation: Any) -> tuple[Any, bool]:
    # Unwrap Optional[...], list[...], tuple[..., ...] down to the element type.
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = inner[0] if inner else annotation
            continue
        if origin in (list, tuple, set, frozenset):
            is_list = True
            inner = [arg for arg in typing.get_args(annotation) if arg is not Ellipsis]
            annotation = inner[0] if inner else str
            continue
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        return annotation, is_list


def named_terms(model: type[BaseModel], message: str) -> dict[str, Any]:
    """The choices a message names by a term of two words or more ("notas débito",
    "documento soporte"): a thing only some tools list, unlike a single common word
    ("ventas", "pendiente") that many requests say in passing."""
    folded = fold(message)
    found: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if field_kind(name, info) != "choice":
            continue
        for choice in choices_of(info.annotation):
            if any(
                len(phrase.split()) > 1 and re.search(rf"\b{re.escape(phrase)}", folded)
                for phrase in choice_phrases(choice)
            ):
                found[name] = choice
                break
    return found
