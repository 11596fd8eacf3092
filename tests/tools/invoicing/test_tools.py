"""The chat tools, driven as the agent drives them (run_tool / preview_tool)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

import tools.catalog  # noqa: F401
from cuadre.settings import Settings
from tools.context import Principal, ToolContext
from tools.errors import ToolError
from tools.registry import preview_tool, run_tool

from .conftest import CERT_PASSWORD, set_up_company

BREAD = {"description": "Pan tajado integral", "quantity": "120", "unit_price": "4500"}


@pytest.fixture
def ctx(engine: Engine, cert_path: Path, tmp_path: Path) -> ToolContext:
    company_id = set_up_company(engine, valid_to=date(2099, 12, 31))
    return ToolContext(
        principal=Principal(company_id=company_id, user_name="ana@laespiga.co"),
        engine=engine,
        settings=Settings(
            data_dir=tmp_path, einvoice_cert_path=cert_path, einvoice_cert_password=CERT_PASSWORD
        ),
    )


def test_draft_issue_and_ask_what_happened(ctx: ToolContext) -> None:
    draft_args = {
        "customer_nit": "830048145-8",
        "customer_name": "Cafetería El Parque Ltda.",
        "customer_email": "compras@elparque.com.co",
        "lines": [BREAD, {**BREAD, "description": "Huevos AA", "vat_rate": None}],
    }
    preview = preview_tool(ctx, "create_invoice_draft", draft_args)
    assert preview.summary == (
        "Guardar como borrador factura electrónica de venta a Cafetería El Parque Ltda. "
        "por $ 1.182.600,00."
    )
    draft = run_tool(ctx, "create_invoice_draft", draft_args)
    assert draft.model_dump()["document"].startswith("borrador ")
    assert (
        preview_tool(ctx, "issue_drafts", {}).summary
        == "Emitir 1 borrador(es) con la fecha de hoy."
    )
    issued = run_tool(ctx, "issue_invoice", {"draft": draft.model_dump()["document"]})
    assert issued.model_dump()["document"] == "FE1"
    again = run_tool(ctx, "issue_invoice", {"customer_nit": "830048145", "lines": [BREAD]})
    assert again.model_dump()["document"] == "FE2"  # the customer is known by now

    status = run_tool(ctx, "document_status", {"number": "FE-1"}).model_dump()
    assert status["status"] == "en proceso" and str(status["total"]) == "1182600.00"
    assert [line["event"] for line in status["timeline"]] == ["creado", "emitido"]
    pending = run_tool(ctx, "pending_transmissions", {}).model_dump()
    assert [p["document"] for p in pending["pending"]] == ["FE1", "FE2"]
    resend = run_tool(ctx, "resend_document", {"number": "fe 2"}).model_dump()
    assert resend["message"] == "FE2 se enviará a la DIAN en el próximo ciclo."

    with pytest.raises(ToolError, match="caída de la DIAN no está confirmada"):
        run_tool(ctx, "set_contingency", {"on": True})
    deadlines = run_tool(ctx, "contingency_deadlines", {}).model_dump()
    assert deadlines["active"] is False and deadlines["invoices"] == ()


def test_note_needs_its_invoice(ctx: ToolContext) -> None:
    with pytest.raises(ToolError, match="Indica la factura que corrige la nota"):
        run_tool(
            ctx, "issue_invoice",
            {"kind": "nota_credito", "customer_nit": "830048145", "customer_name": "X",
             "lines": [BREAD]},
        )  # fmt: skip


@pytest.mark.parametrize("number", ["¹", "99999999999999999999999", "FE-404"])
def test_a_number_that_names_no_document_is_a_spanish_error(ctx: ToolContext, number: str) -> None:
    with pytest.raises(ToolError) as caught:
        run_tool(ctx, "document_status", {"number": number})
    assert caught.value.code == "documento_no_existe"


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("unit_price", "1E+999999", "debe ser hasta 9999999999999999.99"),
        ("quantity", "1e12", "debe ser hasta 999999999"),
        ("vat_rate", "190", "debe ser hasta 100"),
    ],
)
def test_a_line_beyond_what_the_books_hold_is_refused_in_spanish(
    ctx: ToolContext, field: str, value: str, said: str
) -> None:
    line = {**BREAD, field: value}
    with pytest.raises(ToolError, match=said):
        preview_tool(
            ctx, "issue_invoice",
            {"customer_nit": "830048145", "customer_name": "X", "lines": [line]},
        )  # fmt: skip
