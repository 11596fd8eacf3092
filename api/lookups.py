"""Tool errors that mean "not in your company" become the API's one 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from api.errors import ApiError, not_found
from tools.errors import ToolError

MISSING_CODES = frozenset(
    {
        "trabajo_no_existe",
        "lote_no_existe",
        "documento_no_existe",
        "entrada_no_existe",
        "carga_no_existe",
    }
)
CONFLICT_CODES = frozenset(
    {"trabajo_no_listo", "trabajo_no_editable", "lote_ya_deshecho", "ya_procesada"}
)


@contextmanager
def tool_lookup(what: str) -> Iterator[None]:
    """Run tool calls; a missing row answers 404 (`what` names it), a state clash 409."""
    try:
        yield
    except ToolError as exc:
        if exc.code in MISSING_CODES:
            raise not_found(what) from None
        if exc.code in CONFLICT_CODES:
            raise ApiError(409, exc.code, exc.message_es) from None
        raise
