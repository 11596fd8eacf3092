"""A request read by the concrete things it names when its words match no tool.

"¿qué se ha movido en la 240810?" or "tengo notas débito?" resemble no example well
enough, yet the account code or the document kind they name is something only one
kind of report takes. When the intent matcher finds nothing, or finds a tool that can
use none of those values and still lacks what it needs ("¿qué pasó con la cuenta
143505?" read as a document's status), the READ tool that takes them answers instead.
Only READ tools: naming a value is never an order to write.
"""

from __future__ import annotations

from agent.binding import bind_args, field_kind, named_terms
from agent.intents import IntentMatch, rank_intents
from agent.slots import Slots
from tools.registry import ToolKind, ToolSpec

# A document kind is weaker evidence than an account code: the request's words must
# still resemble the tool's examples this much.
TERM_FLOOR = 0.3


def takes_accounts(spec: ToolSpec) -> bool:
    """True for a tool with an account field."""
    return any(
        field_kind(name, info) == "account" for name, info in spec.input_model.model_fields.items()
    )


def evidence(spec: ToolSpec, slots: Slots, text: str) -> str | None:
    """What the message names that this tool takes: "account", "term" or None."""
    if slots.account_codes and takes_accounts(spec):
        return "account"
    if named_terms(spec.input_model, text):
        return "term"
    return None


def misses_what_it_needs(spec: ToolSpec, slots: Slots, text: str) -> bool:
    """True when the message fills none of the tool's required fields."""
    binding = bind_args(spec.input_model, slots, text)
    required = [name for name, info in spec.input_model.model_fields.items() if info.is_required()]
    return bool(required) and all(name in dict(binding.missing) for name in required)


def match_by_evidence(
    message: str,
    text: str,
    slots: Slots,
    tools: tuple[ToolSpec, ...],
    match: IntentMatch | None,
) -> IntentMatch | None:
    """`match`, or the READ tool whose fields take the values the message names when the
    match is None or uses none of them and misses what it needs (`message` is the
    message without its values, as compared with the examples; `text` the message)."""
    if match is not None:
        spec = next(spec for spec in tools if spec.name == match.tool)
        if evidence(spec, slots, text) or not misses_what_it_needs(spec, slots, text):
            return match
    named = {
        spec.name: said
        for spec in tools
        if spec.kind is ToolKind.READ and (said := evidence(spec, slots, text))
    }
    if not named:
        return match
    ranked = rank_intents(message, [spec for spec in tools if spec.name in named])
    for found in ranked:
        if named[found.tool] == "account" or found.score >= TERM_FLOOR:
            return found
    return match
