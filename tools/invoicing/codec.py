"""JSON round trip of the frozen e-invoicing types (drafts, parties, lines, requests).

Issued drafts are stored as JSON so that the exact document (same CUFE, same PDF) can
be rebuilt later for the DIAN resend and the customer's e-mail.
"""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def dumps(value: Any) -> str:
    """A dataclass (nested dataclasses, Decimal, dates, enums, tuples) as JSON text."""
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _build(kind: Any, data: Any) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        if data is None:
            return None
        options = [a for a in get_args(kind) if a is not type(None)]
        return _build(options[0], data)
    if origin is tuple:
        item = get_args(kind)[0]
        return tuple(_build(item, v) for v in data)
    if isinstance(kind, type):
        if is_dataclass(kind):
            hints = _hints(kind)
            known = {f.name for f in fields(kind)}
            return kind(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
        if issubclass(kind, Enum):
            return kind(data)
        if kind is Decimal:
            return Decimal(data)
        if kind is datetime:
            return datetime.fromisoformat(data)
        if kind is date:
            return date.fromisoformat(data)
        if kind is time:
            return time.fromisoformat(data)
    return data


def loads(cls: type[T], text: str) -> T:
    """The dataclass `cls` back from `dumps` text."""
    result: T = _build(cls, json.loads(text))
    return result
