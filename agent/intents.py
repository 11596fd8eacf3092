"""Intent matching: which registered tool a Spanish message asks for.

Each tool's example utterances are the training data. A message is compared, after
normalization and with its concrete values (dates, NITs, amounts) removed, to every
example with fuzzy token-set similarity plus lexical overlap of content words. A message
with a word taken for a typo ("balanse de enero", see `agent.spelling`) is compared as
written and respelled; the better match wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from agent.invoice_lines import RE_ITEM
from agent.normalize import content_words, normalize, words
from agent.slots import extract_slots
from agent.spelling import correct
from tools.registry import ToolSpec

# Below this score a message is not a request for a tool (it becomes a question for
# the help corpus). Chosen on the conversation fixtures in tests/agent/conversations/.
MATCH_THRESHOLD = 0.55
FUZZY_WEIGHT = 0.55


@dataclass(frozen=True)
class IntentMatch:
    """The best tool for a message, the example that matched and the score in [0, 1]."""

    tool: str
    score: float
    example: str
    spelled: str = ""  # the message respelled, when that reading matched ("facturas de venta")


def similarity(message: str, example: str) -> float:
    """Similarity in [0, 1] between a message and one example utterance."""
    left, right = normalize(message), normalize(example)
    if not left or not right:
        return 0.0
    fuzzy = fuzz.token_set_ratio(left, right) / 100
    # token_set_ratio is 100 when one side's words are a subset of the other's: a single
    # shared word would score perfectly, so it is tempered by the lexical overlap.
    mine, theirs = content_words(message), content_words(example)
    overlap = len(mine & theirs) / max(1, len(mine | theirs)) if mine and theirs else 0.0
    covered = len(mine & theirs) / max(1, len(theirs)) if theirs else 0.0
    lexical = (overlap + covered) / 2
    return FUZZY_WEIGHT * fuzzy * (0.5 + 0.5 * min(1.0, lexical * 2)) + (1 - FUZZY_WEIGHT) * lexical


@lru_cache(maxsize=4096)
def example_core(example: str) -> str:
    """An example without its concrete values ("cuánto gasté en marzo" -> "cuánto gasté en"),
    compared with a message stripped the same way."""
    return extract_slots(example, today=date(2000, 1, 1)).rest or example


@lru_cache(maxsize=4096)
def example_core_without_items(example: str) -> str:
    """`example_core` with its sale items ("120 panes a 4500") out as well."""
    return example_core(RE_ITEM.sub(" ", example))


def rank_intents(
    message: str, specs: Iterable[ToolSpec], *, items_out: bool = False
) -> list[IntentMatch]:
    """Every tool scored by its best example, highest first (`message` already stripped;
    `items_out` when its sale items were taken out too, as they are then from examples)."""
    core = example_core_without_items if items_out else example_core
    ranked = []
    for spec in specs:
        scores = {example: similarity(message, core(example)) for example in spec.examples}
        best = max(scores, key=lambda example: scores[example])
        ranked.append(IntentMatch(spec.name, scores[best], best))
    return sorted(ranked, key=lambda match: match.score, reverse=True)


def match_intent(
    message: str,
    specs: Iterable[ToolSpec],
    threshold: float = MATCH_THRESHOLD,
    *,
    items_out: bool = False,
) -> IntentMatch | None:
    """The tool a message asks for, or None when nothing matches well enough. A message with
    a word taken for a typo is also compared respelled, and the better of the two wins."""
    specs = tuple(specs)
    ranked = rank_intents(message, specs, items_out=items_out)
    spelled = correct(message, (example for spec in specs for example in spec.examples))
    if spelled != " ".join(words(message)):
        respelled = rank_intents(spelled, specs, items_out=items_out)
        if respelled and (not ranked or respelled[0].score > ranked[0].score):
            ranked = [replace(respelled[0], spelled=spelled), *respelled[1:]]
    if ranked and ranked[0].score >= threshold:
        return ranked[0]
    return None
