"""Identifiers a person need not say: "¿cómo va la sincronización?" means the current one.

A tool's identifier field can name, with `Annotated`, how to find the company's current
value when a message gives none:

    job_id: Annotated[int, CurrentOf(current_sync_job)] = Field(description=...)

`current_sync_job(ctx)` returns a `Current`: one value and the sentence that says which
one was taken («Tomo la sincronización 3, la más reciente.»), several values and the
question that asks which (two syncs running at once), or no value at all. A planner
takes the one, or asks; the tool itself still requires the field, so an API or a model
that calls it says which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from tools.context import ToolContext


@dataclass(frozen=True)
class Current:
    """The current value(s) of an identifier: one is the one meant (`said` tells which was
    taken), several are a genuine choice (`said` asks which), none is nothing to take."""

    values: tuple[Any, ...] = ()
    said: str = ""

    @property
    def clear(self) -> bool:
        """True when exactly one value is meant."""
        return len(self.values) == 1


@dataclass(frozen=True)
class CurrentOf:
    """`Annotated` marker of an identifier field: how to find the company's current one."""

    find: Callable[[ToolContext], Current]


def current_value(ctx: ToolContext, model: type[BaseModel], name: str) -> Current | None:
    """The current value(s) of `model`'s field `name`, or None when it declares no way to
    find them (or the caller has no company)."""
    info = model.model_fields.get(name)
    if info is None or ctx.principal.company_id is None:
        return None
    for marker in info.metadata:
        if isinstance(marker, CurrentOf):
            return marker.find(ctx)
    return None
