"""The inbox tools as the chat calls them: preview, then register, correct, pause."""

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
from tools.registry import get_tool, preview_tool, run_tool


def _ctx(engine: Engine, company_id: int, tmp_path: Path) -> ToolContext:
    return ToolContext(
        principal=Principal(company_id=company_id, user_name="Ana María"),
        engine=engine,
        settings=Settings(data_dir=tmp_path / "data"),
    )


def test_a_person_sends_an_invoice_sees_the_preview_and_corrects_it(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    ctx = _ctx(engine, company_id, tmp_path)
    shown = run_tool(ctx, "expense_agent_activate", {})
    assert shown.greeting == "Hola, Ana"  # type: ignore[attr-defined]
    path = str(write_xml(tmp_path, spec()))
    preview = preview_tool(ctx, "register_purchase", {"invoice_file": path})
    assert [line["cuenta"] for line in preview.details["lineas"]] == ["143505", "143505"]
    assert "4752" in preview.details["lineas"][0]["motivo"]
    assert run_tool(ctx, "inbox_list", {}).entries == []  # type: ignore[attr-defined]

    done = run_tool(ctx, "register_purchase", {"invoice_file": path, "accounts": {2: "514510"}})
    assert done.entry.status == "registered"  # type: ignore[attr-defined]
    [row] = run_tool(ctx, "inbox_list", {"status": "registered"}).entries  # type: ignore[attr-defined]

    preview = preview_tool(
        ctx, "correct_purchase", {"entry_id": row.id, "line": 1, "account_code": "514510"}
    )
    assert "antes 143505" in preview.summary
    fixed = run_tool(
        ctx, "correct_purchase", {"entry_id": row.id, "line": 1, "account_code": "514510"}
    )
    assert "514510" in fixed.message  # type: ignore[attr-defined]

    state = run_tool(ctx, "expense_agent_status", {})
    assert state.active is True  # type: ignore[attr-defined]
    run_tool(ctx, "expense_agent_pause", {})
    assert run_tool(ctx, "expense_agent_status", {}).active is False  # type: ignore[attr-defined]


def test_the_tools_are_registered_with_their_kinds() -> None:
    kinds = {name: get_tool(name).kind.value for name in (
        "expense_agent_status", "inbox_list", "suggest_accounts", "register_purchase",
        "correct_purchase", "expense_agent_activate", "expense_agent_pause",
    )}  # fmt: skip
    assert kinds == {
        "expense_agent_status": "read",
        "inbox_list": "read",
        "suggest_accounts": "read",
        "register_purchase": "write",
        "correct_purchase": "write",
        "expense_agent_activate": "write",
        "expense_agent_pause": "write",
    }


def test_sending_another_companys_invoice_says_why_and_resending_finds_the_same_entry(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    ctx = _ctx(engine, company_id, tmp_path)
    sample = str(Path(__file__).parents[2] / "fixtures" / "dian" / "invoice_signed_dian_v2.xml")
    with pytest.raises(ToolError) as refused:
        run_tool(ctx, "register_purchase", {"invoice_file": sample})
    assert refused.value.code == "no_registrable" and "no es de esta empresa" in str(
        refused.value.message_es
    )
    path = str(write_xml(tmp_path, spec()))
    first = run_tool(ctx, "register_purchase", {"invoice_file": path})
    with pytest.raises(ToolError) as again:
        run_tool(ctx, "register_purchase", {"invoice_file": path})
    assert again.value.code == "ya_procesada"
    assert first.entry.status == "registered"  # type: ignore[attr-defined]


def test_status_refuses_a_day_out_of_range_in_spanish(
    engine: Engine, company_id: int, tmp_path: Path
) -> None:
    ctx = _ctx(engine, company_id, tmp_path)
    with pytest.raises(ToolError, match="debe ser desde 2000-01-01"):
        run_tool(ctx, "expense_agent_status", {"day": "0001-01-01"})
