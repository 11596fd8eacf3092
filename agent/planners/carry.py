"""Values a request leaves out, carried over from where the conversation stands.

A missing identifier comes from this thread's latest tool result that has it («dale,
regístralos» after a sync was staged), else from the company's current one («¿ya terminó
de importar?» is the latest sync); a missing value of a short follow-up from the last call
(«reenvíala» after «estado de la FE-2»). A WRITE filled this way still shows its preview
and waits for consent.
"""

from __future__ import annotations

import json
from typing import Any

from agent.binding import Binding, field_kind
from agent.normalize import words
from agent.planners.base import PlanRequest
from tools.current import Current
from tools.registry import ToolSpec


def with_earlier_ids(
    spec: ToolSpec, binding: Binding, messages: tuple[dict[str, Any], ...]
) -> Binding:
    """Missing identifiers (`job_id`, `batch_id`) from this thread's latest tool result that
    has them: "dale, regístralos" right after a sync was staged means that sync. A WRITE
    taken this way still shows its preview and waits for consent."""
    wanted = [name for name, _ in binding.missing if name.endswith("_id")]
    fields = spec.input_model.model_fields
    named = {field_kind(name, fields[name]) for name in binding.args if name in fields}
    if not named & {"identifier", "number", "file", "files"}:
        # Nothing in the message says which one: an optional id ("entry_id", with a
        # document number as the other way to name it) comes from the thread too.
        wanted += [
            name
            for name, info in fields.items()
            if name not in binding.args
            and name not in wanted
            and field_kind(name, info) == "identifier"
        ]
    if not wanted:
        return binding
    found: dict[str, Any] = {}
    for message in reversed(messages):
        if message.get("role") != "tool" or len(found) == len(wanted):
            continue
        try:
            data = json.loads(message.get("content") or "{}")
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            for name in wanted:
                if name not in found and data.get(name) not in (None, ""):
                    found[name] = data[name]
    if not found:
        return binding
    missing = tuple(item for item in binding.missing if item[0] not in found)
    return Binding(args={**binding.args, **found}, missing=missing)


def with_current_ids(
    spec: ToolSpec, binding: Binding, request: PlanRequest
) -> tuple[Binding, Current | None]:
    """A missing identifier nobody named and the thread does not know, as the company's
    current one: "¿ya terminó de importar?" is about the latest sync. Returns the binding
    and what was found (to say which one was taken, or to ask when several are equally
    current). A WRITE taken this way still shows its preview and waits for consent."""
    if request.current is None:
        return binding, None
    fields = spec.input_model.model_fields
    for name, _ in binding.missing:
        if name not in fields or field_kind(name, fields[name]) != "identifier":
            continue
        current = request.current(spec, name)
        if current is None or not current.values:
            continue
        if not current.clear:
            return binding, current
        missing = tuple(item for item in binding.missing if item[0] != name)
        return Binding(args={**binding.args, name: current.values[0]}, missing=missing), current
    return binding, None


def with_last_args(
    spec: ToolSpec, binding: Binding, followup: dict[str, Any] | None, text: str
) -> Binding:
    """Missing required values the last call had under the same name, for another tool
    and a short message: "reenvíala" right after "estado de la FE-2" means the FE-2 (the
    same tool asked again, "muéstrame la factura de compra", names a new one). A WRITE
    taken this way still shows its preview and waits for consent."""
    if not binding.missing or not followup or not followup.get("last"):
        return binding
    if followup.get("tool") == spec.name or not elliptical(text):
        return binding
    last = followup.get("args") or {}
    found = {name: last[name] for name, _ in binding.missing if last.get(name) not in (None, "")}
    if not found:
        return binding
    missing = tuple(item for item in binding.missing if item[0] not in found)
    return Binding(args={**binding.args, **found}, missing=missing)


def elliptical(text: str) -> bool:
    """A short continuation of the last request: "¿y en febrero?", "el del mes pasado"."""
    said = words(text)
    return len(said) <= 7 or (bool(said) and said[0] in {"y", "e", "ahora", "tambien"})
