"""`cuadre dian inspect` (table and JSON) and the READ tool `inspect_dian_files`."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from cuadre.cli.main import app
from cuadre.settings import Settings
from tests.fixtures.dian.build import BUYER, DocSpec, LineSpec
from tests.fixtures.dian.containers import supplier_zip
from tests.tools.dian.conftest import FIXTURES
from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.registry import ToolKind, get_tool, run_tool

SPEC = DocSpec(number="FE88", lines=[LineSpec("Llanta 185/65 R15", D("4"), D("289900"))])


def test_inspect_json_has_the_documented_shape(tmp_path: Path) -> None:
    zipped = supplier_zip(tmp_path / "correo.zip", SPEC)
    garbage = tmp_path / "basura.xml"
    garbage.write_bytes(b"\x00\x01 not xml")
    result = CliRunner().invoke(
        app, ["dian", "inspect", str(zipped), str(garbage), "--company-nit", BUYER.nit, "--json"]
    )
    assert result.exit_code == 0, result.output
    doc, failure = json.loads(result.output)
    assert doc["source"] == {
        "file": str(zipped),
        "member": "ad900390126FE88.xml",
        "sheet_row": None,
    }
    assert (doc["kind"], doc["type_code"], doc["number"]) == ("invoice", "01", "FE88")
    assert (doc["issue_date"], doc["due_date"], doc["currency"]) == (
        "2024-03-15",
        "2024-04-14",
        "COP",
    )
    assert doc["payment_form"] == "credito"
    assert doc["issuer"]["nit"] == "900390126" and doc["issuer"]["dv"] == "6"
    assert doc["receiver"]["id_type"] == "31" and doc["receiver"]["name"] == BUYER.name
    # 4 x 289.900 = 1.159.600; IVA 220.324; total 1.379.924
    assert doc["lines"] == [
        {"description": "Llanta 185/65 R15", "quantity": "4", "unit_code": "94",
         "unit_price": "289900.00", "line_total": "1159600.00"}
    ]  # fmt: skip
    assert doc["taxes"] == [
        {"scheme": "01", "rate": "19.00", "base": "1159600.00", "amount": "220324.00"}
    ]
    assert doc["withholdings"] == []
    assert doc["totals"] == {
        "line_extension": "1159600.00", "tax_exclusive": "1159600.00",
        "tax_inclusive": "1379924.00", "allowance": "0.00", "charge": "0.00",
        "prepaid": "0.00", "payable": "1379924.00",
    }  # fmt: skip
    assert doc["validation"] == "02"
    assert doc["issues"] == []
    assert doc["direction"] == "received"
    assert failure["error"]["code"] == "xml_invalido"
    assert "kind" not in failure


def test_inspect_table_lists_documents_and_errors() -> None:
    result = CliRunner().invoke(app, ["dian", "inspect", str(FIXTURES), "/no/existe.zip"])
    assert result.exit_code == 0, result.output
    assert "4 documentos, 1 con observaciones, 1 archivos o filas con error." in result.output


@pytest.fixture
def ctx(tmp_path: Path) -> ToolContext:
    return ToolContext(
        principal=Principal(company_id=None),
        engine=create_engine("sqlite://"),
        settings=Settings(data_dir=tmp_path),
    )


def test_tool_is_registered_as_read_with_spanish_examples() -> None:
    spec = get_tool("inspect_dian_files")
    assert spec.kind is ToolKind.READ
    assert "DIAN" in spec.description and spec.examples
    assert spec.json_schema()["function"]["parameters"]["required"] == ["paths"]


def test_tool_summarizes_documents_and_failures(ctx: ToolContext, tmp_path: Path) -> None:
    supplier_zip(tmp_path / "correo.zip", SPEC)
    (tmp_path / "roto.xml").write_text("<a>")
    out = run_tool(ctx, "inspect_dian_files", {"paths": ["correo.zip", "roto.xml"],
                                               "company_nit": BUYER.nit})  # fmt: skip
    data = out.model_dump()
    assert (data["documents_found"], data["failures_found"]) == (1, 1)
    (doc,) = data["documents"]
    assert (doc["number"], doc["payable"], doc["direction"]) == ("FE88", "1379924.00", "compra")
    assert data["failures"][0]["code"] == "xml_invalido"


def test_tool_refuses_paths_outside_the_data_directory(ctx: ToolContext) -> None:
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "inspect_dian_files", {"paths": ["/etc/passwd"]})
    assert caught.value.code == "ruta_no_permitida"
