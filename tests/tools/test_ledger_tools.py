"""The ledger tools as the agent calls them: by name, with raw arguments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.utils.journal import post_journal
from tests.utils.snapshot import fingerprint
from tools.context import ToolContext
from tools.errors import ToolError
from tools.registry import ToolKind, all_tools, get_tool, preview_tool, run_tool

LEDGER_TOOLS = {"list_accounts", "trial_balance", "account_ledger", "list_documents"}

ENTRY = {
    "date": "2025-03-05",
    "description": "Compra de papelería en efectivo",
    "lines": [
        {"account_code": "519530", "debit": "50000"},
        {"account_code": "110505", "credit": "50000"},
    ],
}


def test_ledger_tools_are_registered_with_spanish_examples() -> None:
    names = {spec.name for spec in all_tools()}
    assert LEDGER_TOOLS | {"post_manual_entry"} <= names
    for name in LEDGER_TOOLS:
        spec = get_tool(name)
        assert spec.kind is ToolKind.READ
        assert 4 <= len(spec.examples) <= 8
    assert get_tool("post_manual_entry").kind is ToolKind.WRITE


def test_list_accounts_finds_without_accents_and_by_code(ctx: ToolContext) -> None:
    found = run_tool(ctx, "list_accounts", {"search": "papeleria", "only_leaf": True})
    assert [a.code for a in found.accounts] == ["519530"]  # type: ignore[attr-defined]
    by_code = run_tool(ctx, "list_accounts", {"search": "1105"})
    assert [a.code for a in by_code.accounts] == ["1105", "110505", "110510"]  # type: ignore[attr-defined]


def test_list_accounts_by_name_brings_the_subaccounts_and_reads_whole_words(
    ctx: ToolContext,
) -> None:
    found = run_tool(ctx, "list_accounts", {"search": "proveedores"})
    codes = [a.code for a in found.accounts]  # type: ignore[attr-defined]
    assert codes[:3] == ["22", "2205", "220505"]  # 2205 is "Nacionales", under group 22
    iva = run_tool(ctx, "list_accounts", {"search": "iva"})
    assert {a.code[:4] for a in iva.accounts} == {"2408"}  # type: ignore[attr-defined]


def test_preview_shows_balanced_lines_and_writes_nothing(ctx: ToolContext) -> None:
    before = fingerprint(ctx.engine)
    preview = preview_tool(ctx, "post_manual_entry", ENTRY)
    assert fingerprint(ctx.engine) == before
    assert [(line.account, line.account_name) for line in preview.lines] == [
        ("519530", "Útiles, papelería y fotocopias"),
        ("110505", "Caja general"),
    ]
    assert preview.totals == {"debitos": "50000.00", "creditos": "50000.00"}
    assert "$ 50.000,00" in preview.summary


def test_post_manual_entry_then_trial_balance_and_ledger(ctx: ToolContext) -> None:
    with ctx.session() as session:
        post_journal(
            session, "2025-03-01 Aporte\n  110505  200000.00\n  311505          200000.00\n"
        )
    posted = run_tool(ctx, "post_manual_entry", ENTRY)
    assert posted.number == 2  # type: ignore[attr-defined]
    balance = run_tool(ctx, "trial_balance", {"level": 6})
    assert balance.balanced  # type: ignore[attr-defined]
    closing = {row.code: row.closing for row in balance.rows}  # type: ignore[attr-defined]
    assert closing["110505"] == Decimal("150000.00")
    ledger = run_tool(ctx, "account_ledger", {"account_code": "1105"})
    assert [row.balance for row in ledger.rows] == [Decimal("200000.00"), Decimal("150000.00")]  # type: ignore[attr-defined]


def test_refusals_become_spanish_tool_errors(ctx: ToolContext) -> None:
    unbalanced = {**ENTRY, "lines": [ENTRY["lines"][0], {"account_code": "110505", "credit": "4"}]}  # type: ignore[index]
    with pytest.raises(ToolError) as caught:
        preview_tool(ctx, "post_manual_entry", unbalanced)
    assert caught.value.code == "asiento_descuadrado"
    non_leaf = {**ENTRY, "lines": [{"account_code": "5195", "debit": "50000"}, ENTRY["lines"][1]]}  # type: ignore[index]
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "post_manual_entry", non_leaf)
    assert caught.value.code == "cuenta_no_imputable"
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "account_ledger", {"account_code": "999999"})
    assert "no existe" in caught.value.message_es


def test_list_documents_empty_company(ctx: ToolContext) -> None:
    result = run_tool(ctx, "list_documents", {"kind": "purchase_invoice"})
    assert result.total == 0  # type: ignore[attr-defined]
