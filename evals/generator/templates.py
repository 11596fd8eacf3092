"""Sections to task rows (pure): fill the template's placeholders item by item."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from evals.generator.sources import PLACEHOLDER, Say, Section

AS_OF = "2025-02-15"
# Item keys that are not placeholders: what the person says and its paraphrases.
SPEECH = ("say", "variants")


def turns(say: Say) -> list[dict[str, Any]]:
    """A conversation as schema turns (a lone string or dict is one turn)."""
    said = say if isinstance(say, list) else [say]
    return [
        {"role": "user", "content": t} if isinstance(t, str) else {"role": "user", **t}
        for t in said
    ]


def fill(template: Any, values: dict[str, Any]) -> Any:
    """The template with every `"$name"` replaced by `values[name]` (deep copies)."""
    if isinstance(template, str):
        found = PLACEHOLDER.match(template)
        return copy.deepcopy(values[found.group(1)]) if found else template
    if isinstance(template, dict):
        return {key: fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(value, values) for value in template]
    return template


def expand(section: Section) -> Iterator[dict[str, Any]]:
    """One row per item (per variant when the item lists paraphrases)."""
    number = 0
    for item in section.items:
        said = item["variants"] if "variants" in item else [item["say"]]
        extra = {k: v for k, v in item.items() if k.startswith("+")}
        for say in said:
            number += 1
            row: dict[str, Any] = {
                "id": section.id.format(n=number),
                "category": section.category,
                "company_fixture": section.fixture,
                "as_of": section.as_of.isoformat() if section.as_of else AS_OF,
                "turns": turns(say),
            }
            row.update(fill(section.template, item))
            # `+field` keys add or override task fields for this item only.
            row.update({key[1:]: copy.deepcopy(value) for key, value in extra.items()})
            yield row
