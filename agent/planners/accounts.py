"""A question about an account, routed to the tool that answers its kind.

A lookup ("¿cuál es la cuenta de proveedores?") goes to the READ tool that searches the
chart (a `search` field), with the chart's own words for the concept; a placement ("¿en
qué cuenta va el café de la oficina?") goes to the READ tool that takes a line's
description (a required `description` field), with the item as that description. Among
several such tools the registry's examples choose. No tool is named here.
"""

from __future__ import annotations

from agent.account_names import account_named, chart_search, says_the_name
from agent.account_questions import AccountQuestion, read_account_question
from agent.binding import Binding, bind_args, field_kind
from agent.intents import rank_intents
from agent.normalize import normalize
from agent.slots import Slots
from tools.registry import ToolKind, ToolSpec

# The field a tool must have to answer each kind of question.
FIELD_FOR = {"lookup": "search", "placement": "description"}


def account_question_call(
    text: str, slots: Slots, tools: tuple[ToolSpec, ...]
) -> tuple[ToolSpec, Binding] | None:
    """The tool and arguments for a question about an account, or None when the message
    is not one (or names concrete values that another request is about)."""
    if slots.account_codes or slots.document_numbers or slots.files or slots.lines or slots.nits:
        return None
    asked = read_account_question(slots.rest or text)  # amounts and dates out
    if asked is None:
        return None
    spec = tool_for(asked, tools, text)
    if spec is None:
        return None
    return spec, account_binding(spec, asked, slots, text)


def tool_for(asked: AccountQuestion, tools: tuple[ToolSpec, ...], text: str) -> ToolSpec | None:
    """The READ tool with the field this kind of question fills, best by its examples."""
    wanted = FIELD_FOR[asked.kind]
    fitting = [
        spec
        for spec in tools
        if spec.kind is ToolKind.READ
        and any(
            field_kind(name, info) == wanted and (wanted == "search" or info.is_required())
            for name, info in spec.input_model.model_fields.items()
        )
    ]
    if not fitting:
        return None
    best = rank_intents(normalize(text), fitting)[0]
    return next(spec for spec in fitting if spec.name == best.tool)


def account_binding(spec: ToolSpec, asked: AccountQuestion, slots: Slots, text: str) -> Binding:
    """The tool's arguments: the concept in its field, other values from the message,
    and no free words guessed into other text fields (a supplier's name)."""
    wanted = FIELD_FOR[asked.kind]
    value = lookup_search(asked.concept) if asked.kind == "lookup" else asked.concept
    binding = bind_args(spec.input_model, slots, text)
    fields = spec.input_model.model_fields
    args = {
        name: found
        for name, found in binding.args.items()
        if name in fields and field_kind(name, fields[name]) not in ("keywords", "search", wanted)
    }
    for name, info in fields.items():
        if field_kind(name, info) == wanted:
            args[name] = value
    missing = tuple(item for item in binding.missing if item[0] not in args)
    return Binding(args=args, missing=missing)


def lookup_search(concept: str) -> str:
    """What to search the chart by: the account's code when the person calls it by other
    words ("la nómina por pagar" is 250505 "Salarios por pagar"), else the chart's words
    for the concept ("capital social", "comisiones"), else the concept itself."""
    named = account_named(concept)
    if named and not says_the_name(concept, named[1]):
        return named[0]
    return chart_search(concept) or concept


__all__ = ["account_question_call", "lookup_search", "read_account_question"]
