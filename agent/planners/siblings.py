"""A yes/no question about what a WRITE tool acts on, answered by the READ tool beside it.

"¿tengo compras sin registrar?" resembles the order to register a purchase most, and an
order asked as a question does not run (see `agent.planners.questions`); the help does
not know the company's data either. The READ tool defined with that WRITE (in the same
module: the inbox's list beside its registering) lists what the question is about.
How-to and why questions ("¿cómo registro una compra?") still go to the help.
"""

from __future__ import annotations

from agent.intents import IntentMatch, rank_intents
from agent.normalize import normalize
from agent.planners.questions import (
    QUESTION_ANYWHERE,
    QUESTION_STARTS,
    answers_from_help,
    asks_explanation,
)
from tools.registry import ToolKind, ToolSpec

# The sibling's own examples must still resemble the question this much.
SIBLING_FLOOR = 0.45


def asks_about_data(text: str) -> bool:
    """True for a question asked only by its question mark ("¿tengo X sin registrar?"),
    not a how, why or what-is question."""
    plain = normalize(text)
    return (
        "?" in text
        and not plain.startswith(QUESTION_STARTS)
        and not QUESTION_ANYWHERE.search(plain)
        and not asks_explanation(text)
    )


def module_of(spec: ToolSpec) -> str:
    """The module that defines a tool's handler."""
    return str(getattr(spec.handler, "__module__", ""))


def read_sibling(
    message: str, text: str, refused: IntentMatch, tools: tuple[ToolSpec, ...]
) -> IntentMatch | None:
    """The READ tool defined beside the WRITE a question was refused for, when the
    question asks about data and that tool's examples resemble it; else None."""
    specs = {spec.name: spec for spec in tools}
    write = specs.get(refused.tool)
    if write is None or write.kind is not ToolKind.WRITE or not asks_about_data(text):
        return None
    siblings = [
        spec
        for spec in tools
        if spec.kind is ToolKind.READ
        and module_of(spec) == module_of(write)
        and not answers_from_help(spec)
    ]
    ranked = rank_intents(message, siblings) if siblings else []
    return ranked[0] if ranked and ranked[0].score >= SIBLING_FLOOR else None


__all__ = ["SIBLING_FLOOR", "asks_about_data", "read_sibling"]
