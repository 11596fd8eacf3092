"""A `DianDocument` to JSON and back, exactly (Decimals as strings, dates ISO).

Staged documents keep the parsed document in this form, so a review, a commit or a
resumed job works from what was read, without the original files.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from tools.dian.model import DianDocument

Encoder = Callable[[Any], Any]


@cache
def _encoder(cls: type) -> Encoder:
    """An encoder per dataclass, built once (a year of documents is a hot path)."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    return lambda value: {name: _encode(getattr(value, name)) for name in names}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, str | int | bool):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encoder(type(value))(value)
    return value


Decoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


@cache
def _decoder(kind: Any) -> Decoder:
    """A decoder per type, built once (decoding a year of documents is a hot path)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        inner = _decoder(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _decoder(typing.get_args(kind)[0])
        return lambda value: tuple(item(element) for element in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields = {name: _decoder(hint) for name, hint in typing.get_type_hints(kind).items()}
        cls = kind
        return lambda value: cls(**{name: fields[name](raw) for name, raw in value.items()})
    if kind is Decimal:
        return Decimal
    if kind is date:
        return date.fromisoformat
    if kind is time:
        return time.fromisoformat
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    return _identity


def dumps(document: DianDocument) -> str:
    """Compact JSON of the whole document."""
    return json.dumps(_encode(document), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> DianDocument:
    """The document `dumps` wrote."""
    result = _decoder(DianDocument)(json.loads(text))
    assert isinstance(result, DianDocument)
    return result
