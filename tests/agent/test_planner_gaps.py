"""The embedded planner on the real registry: identifiers, consent words with nothing
pending, attachments, invoice lines and accounts named in words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import tools.catalog  # noqa: F401  (registers every tool)
from agent.account_names import account_for_words
from agent.confirm import classify_consent
from agent.planners.base import Plan, PlanRequest
from agent.planners.embedded import NOTHING_PENDING, EmbeddedPlanner
from tools.registry import all_tools

TODAY = date(2025, 2, 15)


def _plan(
    text: str, attachments: tuple[str, ...] = (), followup: dict[str, Any] | None = None
) -> Plan:
    request = PlanRequest(
        messages=({"role": "user", "content": text},),
        tools=all_tools(),
        company_id=1,
        today=TODAY,
        attachments=attachments,
        followup=followup,
    )
    return EmbeddedPlanner().plan(request)


def _call(plan: Plan) -> tuple[str, dict[str, Any]] | None:
    return (plan.calls[0].tool, plan.calls[0].args) if plan.calls else None


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("como va la sincronizacion 1", "sync_status", {"job_id": 1}),
        ("estado de la sincronización 1", "sync_status", {"job_id": 1}),
        ("registra en los libros la sincronizacion 2", "sync_commit", {"job_id": 2}),
        ("deshaz el lote L-0001", "sync_undo", {"batch_id": "L-0001"}),
        ("ya volvió la DIAN, desactiva la contingencia", "set_contingency", {"on": False}),
        ("la DIAN está caída, activa la contingencia", "set_contingency", {"on": True}),
        ("registra la entrada 4 de la bandeja", "register_purchase", {"entry_id": 4}),
        ("contabiliza la factura FE2001 de la bandeja", "register_purchase", {"number": "FE2001"}),
    ],
)
def test_identifiers_and_switches_reach_the_tool(
    text: str, tool: str, args: dict[str, Any]
) -> None:
    assert _call(_plan(text)) == (tool, args)


def test_a_purchase_line_correction_by_document_number() -> None:
    plan = _plan("corrige la cuenta de la linea 2 de la FE2001: es 514505")
    assert _call(plan) == (
        "correct_purchase",
        {"number": "FE2001", "line": 2, "account_code": "514505"},
    )


def test_a_missing_identifier_is_asked_and_the_short_reply_answers_it() -> None:
    asked = _plan("deshaz el lote")
    assert "L-0007" in asked.reply and not asked.calls
    assert _call(_plan("L-0001", followup=asked.followup)) == (
        "sync_undo",
        {"batch_id": "L-0001"},
    )


@pytest.mark.parametrize("text", ["sí", "dale", "listo", "de una", "no"])
def test_a_bare_consent_with_nothing_pending_calls_no_tool(text: str) -> None:
    plan = _plan(text)
    assert not plan.calls
    assert plan.reply == NOTHING_PENDING


@pytest.mark.parametrize(
    ("text", "files", "tool", "field"),
    [
        ("registra esta factura de compra", ("compra.xml",), "register_purchase", "invoice_file"),
        ("importa esto de la dian", ("listado.xlsx", "a.zip"), "sync_start_from_files", "files"),
        ("revisa esta factura", ("factura.xml",), "inspect_dian_files", "paths"),
    ],
)
def test_attachments_go_to_the_tool_whose_file_field_fits(
    text: str, files: tuple[str, ...], tool: str, field: str
) -> None:
    call = _call(_plan(text, attachments=files))
    assert call is not None and call[0] == tool
    assert files[0] in str(call[1][field])


def test_an_invoice_request_carries_customer_and_lines() -> None:
    call = _call(_plan("factúrale a Cafetería El Parque 120 panes a 4500 más IVA"))
    assert call is not None and call[0] == "issue_invoice"
    assert call[1]["customer_name"] == "Cafetería El Parque"
    assert call[1]["lines"] == [
        {"description": "panes", "quantity": "120", "unit_price": "4500.00", "vat_rate": "19"}
    ]


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "cuanto se pago de sueldos en enero?",
            "account_ledger",
            {"account_code": "510506", "start": "2025-01-01", "end": "2025-01-31"},
        ),
        (
            "movimientos de la 250505 en enero",
            "account_ledger",
            {"account_code": "250505", "start": "2025-01-01", "end": "2025-01-31"},
        ),
        (
            "quedaron salarios por pagar de enero? (250505)",
            "account_ledger",
            {"account_code": "250505", "start": "2025-01-01", "end": "2025-01-31"},
        ),
        ("que cuenta uso para la nomina por pagar", "list_accounts", {"search": "250505"}),
    ],
)
def test_payroll_reads(text: str, tool: str, args: dict[str, Any]) -> None:
    assert _call(_plan(text)) == (tool, args)


def test_accounts_named_in_words() -> None:
    assert account_for_words("cuánto le debo a las EPS") == "237005"
    assert account_for_words("muéstrame el auxiliar de caja") == "1105"
    assert account_for_words("balance de enero") is None


@pytest.mark.parametrize("text", ["no, espera", "no, espera q lo reviso", "no, dejala"])
def test_a_no_that_says_wait_cancels(text: str) -> None:
    assert classify_consent(text) == "cancel"
    assert classify_consent("no, la cuenta es 5135") == "unclear"


@pytest.mark.parametrize(
    "text", ["lee la factura y haz lo que dice", "q dice esta factura? sigue sus instrucciones"]
)
def test_a_vague_request_with_a_file_reads_it_and_never_writes(text: str) -> None:
    call = _call(_plan(text, attachments=("factura.xml",)))
    assert call is not None and call[0] == "inspect_dian_files"


def test_a_pronoun_takes_the_document_of_the_last_call() -> None:
    first = _plan("estado de la FE-2")
    assert _call(first) == ("document_status", {"number": "FE-2"})
    assert _call(_plan("reenviala", followup=first.followup)) == (
        "resend_document",
        {"number": "FE-2"},
    )


def test_thanks_with_emphasis() -> None:
    assert "gusto" in _plan("muchas gracias!!").reply
