"""Tool errors that mean "not in your company" become the API's one 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from api.errors import ApiError
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
def tool_lookup() -> Iterator[None]:
    """Run tool calls; a missing row answers 404 `no_encontrado`, a state clash 409.

    The tool's own message is kept: it names only what the caller asked for, and a row of
    another company reads exactly like one that does not exist.
    """
    try:
        yield
    except ToolError as exc:
        if exc.code in MISSING_CODES:
            raise ApiError(404, "no_encontrado", exc.message_es) from None
        if exc.code in CONFLICT_CODES:
            raise ApiError(409, exc.code, exc.message_es) from None
        raise
