"""The READ tool and the two commands, seen from outside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from cuadre.cli.main import app
from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.registry import ToolKind, get_tool, run_tool

runner = CliRunner()


@pytest.fixture
def ctx() -> ToolContext:
    return ToolContext(principal=Principal(company_id=None), engine=create_engine("sqlite://"))


def test_tool_is_registered_as_read_with_spanish_examples() -> None:
    spec = get_tool("suggest_accounts")
    assert spec.kind is ToolKind.READ
    assert spec.description.startswith("Sugiere el ítem y la cuenta contable")
    assert "description" in spec.json_schema()["function"]["parameters"]["required"]


def test_tool_with_explicit_activity(ctx: ToolContext) -> None:
    out = run_tool(
        ctx,
        "suggest_accounts",
        {
            "description": "COMPUTADOR PORTATIL LENOVO THINKPAD",
            "company_ciiu": "6201",
            "amount": "4200000",
            "vat": "798000",
        },
    )
    data = out.model_dump()
    assert data["company_ciiu"] == ("6201",)
    assert data["suggestions"][0]["account_code"] == "152805"
    assert data["suggestions"][0]["confident"] is True
    assert "258-1" in data["taxes"]


def test_tool_summary_names_the_account(ctx: ToolContext) -> None:
    out = run_tool(
        ctx, "suggest_accounts", {"description": "ARRIENDO BODEGA", "company_ciiu": "4711"}
    )
    best = out.suggestions[0]  # type: ignore[attr-defined]
    summary = out.summary  # type: ignore[attr-defined]
    assert summary.startswith("Para «ARRIENDO BODEGA» sugiero la cuenta 512010")
    assert best.account_name in summary and "Impuestos" not in summary


def test_tool_without_activity_or_company_asks_for_it(ctx: ToolContext) -> None:
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "suggest_accounts", {"description": "ARRIENDO LOCAL"})
    assert caught.value.code == "sin_actividad"
    assert "CIIU" in caught.value.message_es


def test_cli_suggest_json_shape() -> None:
    result = runner.invoke(
        app,
        ["suggest", "--company-ciiu", "4711", "--supplier", "POSTOBON S.A.", "--json",
         "GASEOSA COLOMBIANA 400 ML PET PQT X 12"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.output)
    assert ranked[0]["account"] == "143505"
    assert set(ranked[0]) == {
        "account", "account_name", "item", "item_code", "confidence", "confident", "reason",
        "signal", "create_item", "proposed_item_name",
    }  # fmt: skip


def test_cli_suggest_table_shows_reasons() -> None:
    result = runner.invoke(app, ["suggest", "--company-ciiu", "4711", "ARRIENDO BODEGA"])
    assert result.exit_code == 0, result.output
    assert "512010" in result.output and "arriendo" in result.output


def _cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.jsonl"
    rows = [
        {"id": "a", "company_ciiu": "4711", "supplier": "X", "description": "ARROZ 500G",
         "accept": ["1435"]},
        {"id": "b", "company_ciiu": "6201", "supplier": "Y", "description": "CANON ARRIENDO",
         "accept": ["5120", "5220"]},
        {"id": "c", "company_ciiu": "6201", "supplier": "Z", "description": "ARRIENDO OFICINA",
         "accept": ["5135"]},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_cli_eval_json_is_one_object_per_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "suggestions", str(_cases(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row["id"] for row in rows] == ["a", "b", "c"]
    assert all(set(row) == {"id", "account", "item", "confidence", "reason"} for row in rows)
    assert rows[0]["account"] == "143505"


def test_cli_eval_prints_accuracy_misses_and_latency(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "suggestions", str(_cases(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "Precisión top-1: 66.7% (2/3)" in result.output
    assert "Fallos" in result.output and "ARRIENDO OFICINA" in result.output
    assert "Latencia por línea: p50" in result.output


def test_company_activities_are_read_however_the_ledger_stores_them() -> None:
    from tools.suggest.company import ciiu_codes_of

    assert ciiu_codes_of("4711, 4719") == ("4711", "4719")
    assert ciiu_codes_of(["6201"]) == ("6201",)
    assert ciiu_codes_of(None) == ()


def test_cli_refuses_a_wrong_nit_or_activity() -> None:
    bad_nit = runner.invoke(
        app, ["suggest", "--company-ciiu", "4711", "--company-nit", "900123456-7", "ARRIENDO"]
    )
    bad_ciiu = runner.invoke(app, ["suggest", "--company-ciiu", "47", "ARRIENDO"])
    good = runner.invoke(
        app, ["suggest", "--company-ciiu", "4711", "--company-nit", "900123456-8", "ARRIENDO"]
    )
    assert bad_nit.exit_code != 0 and "dígito de verificación" in bad_nit.output
    assert bad_ciiu.exit_code != 0
    assert good.exit_code == 0 and "NIT 900123456-8" in good.output
