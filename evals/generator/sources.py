"""The source files of the conversation dataset, validated on load.

Three shapes live in `evals/datasets/sources/`:

- sections (`{"sections": [...]}`): each section names an id pattern (`balance-{n:02d}`),
  a category, a fixture and a task template; every item fills the template's
  `"$name"` placeholders and says what the person writes (`say`). `variants` lists
  paraphrases: one task per variant, the rest of the item shared.
- manual entries (`{"entries": [...]}`), expanded into approve / button / deny / pending.
- the agent's threads (`{"writes": [...]}`), converted from `agent_threads.jsonl`.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SOURCES = Path(__file__).parents[1] / "datasets" / "sources"
PLACEHOLDER = re.compile(r"^\$([a-z_]+)$")
# What a person writes in one turn: text, or text with attached files.
TurnSource = str | dict[str, Any]
# A whole conversation: one turn, or several in order.
Say = TurnSource | list[TurnSource]


class SourceError(ValueError):
    """A source file that does not validate, with the file and the place at fault."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def placeholders(value: Any) -> set[str]:
    """Every `"$name"` a template uses."""
    if isinstance(value, str):
        found = PLACEHOLDER.match(value)
        return {found.group(1)} if found else set()
    if isinstance(value, dict):
        return set().union(*(placeholders(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(placeholders(v) for v in value))
    return set()


class Section(_Strict):
    """A family of tasks sharing a template; items fill its placeholders."""

    id: str = Field(pattern=r"\{n(:0\dd)?\}")
    category: str = Field(min_length=1)
    fixture: str = "tornillo"
    as_of: date | None = None
    note: str = ""
    template: dict[str, Any]
    items: list[dict[str, Any]] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_fill_the_template(self) -> Section:
        wanted = placeholders(self.template)
        for number, item in enumerate(self.items, start=1):
            if ("say" in item) == ("variants" in item):
                raise ValueError(f"ítem {number}: escribe «say» o «variants» (uno de los dos)")
            missing = wanted - set(item)
            if missing:
                raise ValueError(f"ítem {number}: faltan {sorted(missing)}")
            unknown = {k for k in item if not k.startswith("+")} - wanted - {"say", "variants"}
            if unknown:
                raise ValueError(f"ítem {number}: claves que la plantilla no usa {sorted(unknown)}")
        return self


class SectionsFile(_Strict):
    note: str = ""
    sections: list[Section] = Field(min_length=1)


class ManualEntry(_Strict):
    say: str
    date: date
    description: str
    debit: str = Field(pattern=r"^\d{6}$")
    credit: str = Field(pattern=r"^\d{6}$")
    amount: str = Field(pattern=r"^\d+$")


class EntriesFile(_Strict):
    note: str = ""
    approve: list[str] = Field(min_length=1)
    deny: list[str] = Field(min_length=1)
    pending_reply: str
    entries_before: int = Field(ge=0)
    opening: dict[str, int]
    entries: list[ManualEntry] = Field(min_length=1)


class ThreadWrite(_Strict):
    thread: str
    turn: int = Field(ge=0)
    args: dict[str, Any]


class ThreadsFile(_Strict):
    note: str = ""
    category: str
    ci: list[str]
    writes: list[ThreadWrite]
    cancelled_then_approved: dict[str, list[str]]


def load(name: str, model: type[BaseModel], folder: Path = SOURCES) -> Any:
    """`folder/name.json` as `model`; a bad file raises `SourceError` naming the field."""
    path = folder / f"{name}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{path}: no existe") from None
    except json.JSONDecodeError as error:
        raise SourceError(f"{path}:{error.lineno}: JSON inválido: {error.msg}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(archivo)'}: {e['msg']}"
            for e in error.errors()
        )
        raise SourceError(f"{path}: {detail}") from None
