"""What the ledger tools share: ledger refusals as ToolError, forgiving text matching."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import BaseModel, ConfigDict

from ledger.errors import LedgerError
from tools.errors import ToolError


@contextmanager
def ledger_errors() -> Iterator[None]:
    """Turn a refusal of the books into the Spanish `ToolError` a person can act on."""
    try:
        yield
    except LedgerError as exc:
        raise ToolError(exc.code, exc.message_es, details=dict(exc.details)) from exc


def plain_text(text: str) -> str:
    """Lower case without accents, for forgiving searches ("papeleria" finds "Papelería")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Frozen(BaseModel):
    """Tool inputs and outputs are immutable values."""

    model_config = ConfigDict(frozen=True)
