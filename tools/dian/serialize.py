"""The JSON shape of a result, shared by `cuadre dian inspect --json` and the tool.

Amounts are strings with two decimals; dates ISO; absent values null.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tools.dian.direction import direction
from tools.dian.model import DianDocument, IngestFailure, IngestResult, Party, TaxAmount
from tools.errors import ToolError

CENT = Decimal("0.01")


def money(value: Decimal | None) -> str | None:
    """`Decimal('1190000.5')` -> `"1190000.50"`; None stays None."""
    if value is None:
        return None
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _party(party: Party) -> dict[str, Any]:
    return {
        "id_type": party.id_type,
        "nit": party.nit,
        "dv": party.dv,
        "name": party.name,
        "email": party.email,
        "tax_responsibilities": list(party.tax_responsibilities),
        "ciiu": party.ciiu,
    }


def _tax(tax: TaxAmount) -> dict[str, Any]:
    return {
        "scheme": tax.scheme,
        "rate": money(tax.rate),
        "base": money(tax.base),
        "amount": money(tax.amount),
    }


def result_to_json(result: IngestResult, company_nit: str | None = None) -> dict[str, Any]:
    """One document (or failure) as a JSON-ready dict."""
    source = {
        "file": result.source.file,
        "member": result.source.member,
        "sheet_row": result.source.sheet_row,
    }
    if isinstance(result, IngestFailure):
        return {"source": source, "error": {"code": result.code, "message": result.message_es}}
    return {"source": source, **document_to_json(result, company_nit)}


def document_to_json(doc: DianDocument, company_nit: str | None = None) -> dict[str, Any]:
    """The document's fields in the CLI/tool JSON shape (without `source`)."""
    totals = doc.totals
    data: dict[str, Any] = {
        "kind": doc.kind.value,
        "container": doc.container.value,
        "type_code": doc.type_code,
        "number": doc.number,
        "prefix": doc.prefix,
        "folio": doc.folio,
        "cufe": doc.cufe,
        "environment": doc.environment,
        "issue_date": doc.issue_date.isoformat() if doc.issue_date else None,
        "due_date": doc.due_date.isoformat() if doc.due_date else None,
        "currency": doc.currency,
        "exchange_rate": str(doc.exchange_rate.rate) if doc.exchange_rate else None,
        "operation_type": doc.operation_type,
        "payment_form": doc.payment_form_name,
        "payment_means": doc.payment_means,
        "issuer": _party(doc.issuer),
        "receiver": _party(doc.receiver),
        "lines": [
            {
                "description": line.description,
                "quantity": str(line.quantity) if line.quantity is not None else None,
                "unit_code": line.unit_code,
                "unit_price": money(line.unit_price),
                "line_total": money(line.line_total),
            }
            for line in doc.lines
        ],
        "taxes": [_tax(tax) for tax in doc.taxes],
        "withholdings": [_tax(tax) for tax in doc.withholdings],
        "totals": {
            "line_extension": money(totals.line_extension),
            "tax_exclusive": money(totals.tax_exclusive),
            "tax_inclusive": money(totals.tax_inclusive),
            "allowance": money(totals.allowance),
            "charge": money(totals.charge),
            "prepaid": money(totals.prepaid),
            "payable": money(totals.payable),
        },
        "billing_references": [
            {
                "number": ref.number,
                "cufe": ref.uuid,
                "issue_date": ref.issue_date.isoformat() if ref.issue_date else None,
            }
            for ref in doc.billing_references
        ],
        "validation": doc.validation.code if doc.validation else None,
        "issues": [{"code": issue.code, "message": issue.message_es} for issue in doc.issues],
    }
    if company_nit:
        try:
            data["direction"] = direction(doc, company_nit).value
        except ToolError as exc:
            data["direction"] = None
            data["direction_error"] = {"code": exc.code, "message": exc.message_es}
    return data
