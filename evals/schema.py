"""The shape of every evaluation dataset, validated on load (pydantic, frozen).

`load_dataset(path, Model)` reads a JSONL file and raises `DatasetError` naming the file,
the line and the field at fault, so a typo in a hand-written row is found at once.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Turn(Frozen):
    """One user message; attachments are file names under the task's fixture folder."""

    role: Literal["user"] = "user"
    content: str = Field(min_length=1)
    attachments: tuple[str, ...] = ()


class ExpectedAction(Frozen):
    """A tool call a correct assistant makes.

    `args` are complete enough to replay the call; `compare_args` names the arguments
    compared with the agent's call (all of `args` when omitted). `status` is what should
    become of a WRITE: `ok` (approved and executed), `cancelled` or `pending`.
    """

    tool: str
    args: dict[str, Any] = {}
    compare_args: tuple[str, ...] | None = None
    status: Literal["ok", "pending", "cancelled"] = "ok"

    def compared(self) -> dict[str, Any]:
        """The arguments that must match the agent's call."""
        keys = self.args.keys() if self.compare_args is None else self.compare_args
        return {key: self.args.get(key) for key in keys}


class EntryCount(Frozen):
    kind: Literal["entry_count"]
    equals: int
    company: Literal["main", "other"] = "main"


class AccountBalance(Frozen):
    """Debits minus credits of the accounts starting with `account`, up to `as_of`."""

    kind: Literal["balance"]
    account: str = Field(pattern=r"^\d{1,10}$")
    equals: Decimal
    company: Literal["main", "other"] = "main"


class EntryExists(Frozen):
    """An entry whose description contains `description` (accent- and case-insensitive)."""

    kind: Literal["entry_exists"]
    description: str
    on: date | None = None
    total: Decimal | None = None
    present: bool = True
    company: Literal["main", "other"] = "main"


LedgerAssertion = Annotated[EntryCount | AccountBalance | EntryExists, Field(discriminator="kind")]

CHECKS = ("tools", "args", "ledger", "consent", "mention", "forbidden", "citations")


class ConversationTask(Frozen):
    """One task: a short conversation on a fresh copy of a company fixture."""

    id: str = Field(min_length=1)
    category: str = Field(min_length=1)
    company_fixture: str = Field(min_length=1)
    as_of: date
    turns: tuple[Turn, ...] = Field(min_length=1)
    expected_actions: tuple[ExpectedAction, ...] = ()
    requires_confirmation: bool = False
    expected_ledger: tuple[LedgerAssertion, ...] = ()
    must_mention: tuple[str, ...] = ()
    forbidden_tools: tuple[str, ...] = ()
    # Tools a correct assistant may or may not call (e.g. searching the help before answering).
    optional_tools: tuple[str, ...] = ()
    relevant_docs: tuple[str, ...] = ()
    checks: tuple[Literal[CHECKS], ...] | None = None  # type: ignore[valid-type]
    ci: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> ConversationTask:
        clash = {a.tool for a in self.expected_actions} & set(self.forbidden_tools)
        if clash:
            raise ValueError(f"tools both expected and forbidden: {sorted(clash)}")
        return self

    def components(self) -> tuple[str, ...]:
        """The checks whose product is this task's success."""
        if self.checks is not None:
            return tuple(self.checks)
        named = ["tools", "ledger", "consent"]
        if any(a.compared() for a in self.expected_actions):
            named.append("args")
        if self.must_mention:
            named.append("mention")
        if self.forbidden_tools:
            named.append("forbidden")
        if self.relevant_docs:
            named.append("citations")
        return tuple(named)


class QuestionRow(Frozen):
    id: str
    question: str = Field(min_length=2)
    any_of: tuple[tuple[str, ...], ...] = Field(min_length=1)
    relevant: tuple[str, ...] = ()


class RetrievalRow(Frozen):
    id: str
    question: str = Field(min_length=2)
    relevant: tuple[str, ...] = Field(min_length=1)


class SuggestionRow(Frozen):
    model_config = ConfigDict(frozen=True, extra="allow")

    id: str
    company_ciiu: str = Field(pattern=r"^\d{4}$")
    supplier: str
    description: str = Field(min_length=1)
    accept: tuple[str, ...] = Field(min_length=1)
    amount: Decimal | None = None


class DatasetError(ValueError):
    """A dataset row that does not validate, with its file and line."""


Row = TypeVar("Row", bound=BaseModel)


def load_dataset(path: Path | str, model: type[Row]) -> list[Row]:
    """Every row of a JSONL file as `model`; the first bad line raises `DatasetError`."""
    path = Path(path)
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = model.model_validate(json.loads(line))
        except json.JSONDecodeError as error:
            raise DatasetError(f"{path}:{number}: JSON inválido: {error.msg}") from None
        except ValidationError as error:
            detail = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(fila)'}: {e['msg']}"
                for e in error.errors()
            )
            raise DatasetError(f"{path}:{number}: {detail}") from None
        row_id = str(getattr(row, "id", number))
        if row_id in seen:
            raise DatasetError(f"{path}:{number}: id «{row_id}» repetido (línea {seen[row_id]})")
        seen[row_id] = number
        rows.append(row)
    return rows


def dataset_kind(path: Path | str) -> str:
    """Which suite a dataset belongs to, from its first row's fields."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            keys = set(json.loads(line))
            if "turns" in keys:
                return "conversations"
            if "any_of" in keys:
                return "questions"
            if "accept" in keys:
                return "suggestions"
            if "relevant" in keys:
                return "retrieval"
            break
    raise DatasetError(f"{path}: no sé qué tipo de dataset es")


MODELS: dict[str, type[BaseModel]] = {
    "conversations": ConversationTask,
    "questions": QuestionRow,
    "retrieval": RetrievalRow,
    "suggestions": SuggestionRow,
}
