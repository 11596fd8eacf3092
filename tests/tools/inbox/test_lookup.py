"""A purchase named by its number ("la FE2001") reaches the same entry as its id."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

import tools.catalog  # noqa: F401  (registers every tool)
from cuadre.settings import Settings
from tests.tools.inbox.conftest import write_xml
from tests.tools.sync.docs import spec
from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.inbox.lookup import number_key
from tools.registry import preview_tool, run_tool


def _ctx(engine: Engine, company_id: int, tmp_path: Path) -> ToolContext:
    return ToolContext(
        principal=Principal(company_id=company_id, user_name="Ana"),
        engine=engine,
        settings=Settings(data_dir=tmp_path / "data"),
    )


def test_number_key_ignores_dashes_spaces_and_case() -> None:
    assert number_key("fe-2001") == number_key("FE 2001") == number_key("FE2001") == "FE2001"


def test_register_and_correct_by_document_number(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    ctx = _ctx(engine, company_id, tmp_path)
    path = str(write_xml(tmp_path, spec()))
    done = run_tool(ctx, "register_purchase", {"invoice_file": path})
    number = done.entry.number  # type: ignore[attr-defined]
    spaced = f"{number[:2].lower()}-{number[2:]}"  # "fe-..." as a person writes it

    preview = preview_tool(
        ctx, "correct_purchase", {"number": spaced, "line": 1, "account_code": "514510"}
    )
    assert "antes 143505" in preview.summary
    with pytest.raises(ToolError, match="ya está registrada"):
        preview_tool(ctx, "register_purchase", {"number": number})
    with pytest.raises(ToolError, match="No hay una factura XX-999"):
        preview_tool(ctx, "correct_purchase", {"number": "XX-999", "account_code": "514510"})
    with pytest.raises(ToolError, match="Indica la compra"):
        preview_tool(ctx, "correct_purchase", {"account_code": "514510"})
