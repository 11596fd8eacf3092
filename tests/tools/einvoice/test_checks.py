"""Checks before issuing and numbering alerts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tools.einvoice.checks import draft_problems, ensure_issuable, resolution_alerts
from tools.einvoice.types import DraftLine
from tools.errors import ToolError

from .factories import RESOLUTION, invoice_draft


def test_a_good_draft_has_no_problems() -> None:
    assert draft_problems(invoice_draft()) == ()
    ensure_issuable(invoice_draft())


def test_every_problem_is_listed_in_spanish() -> None:
    draft = invoice_draft(number=9000)
    bad = replace(
        draft,
        issue_date=date(2027, 2, 1),
        due_date=date(2027, 1, 1),
        customer=replace(draft.customer, check_digit="1"),
        lines=(DraftLine("Pan", Decimal("0"), Decimal("100")),),
    )
    with pytest.raises(ToolError) as refused:
        ensure_issuable(bad)
    assert refused.value.code == "documento_incompleto"
    assert refused.value.details["problemas"] == [
        "El dígito de verificación del NIT 830048145 del adquiriente debe ser 8, no 1.",
        "La línea 1 (Pan) debe tener cantidad positiva.",
        "El número 9000 está fuera del rango autorizado (1 a 5000).",
        "La resolución de numeración no está vigente el 01/02/2027 "
        "(vigencia del 01/01/2025 al 31/12/2026).",
        "La fecha de vencimiento es anterior a la fecha de emisión.",
    ]


def test_credit_sale_needs_a_due_date() -> None:
    assert draft_problems(replace(invoice_draft(), due_date=None)) == (
        "Una venta a crédito necesita fecha de vencimiento.",
    )


def test_resolution_alerts() -> None:
    assert resolution_alerts(RESOLUTION, next_number=12, today=date(2025, 3, 31)) == ()
    assert resolution_alerts(RESOLUTION, next_number=4950, today=date(2026, 12, 10)) == (
        "La numeración FE (resolución 18760000001) tiene 51 números disponibles.",
        "La numeración FE (resolución 18760000001) vence el 31/12/2026 (en 21 días).",
    )
    assert resolution_alerts(RESOLUTION, next_number=5001, today=date(2027, 1, 2)) == (
        "La numeración FE (resolución 18760000001) se agotó: "
        "solicite una nueva resolución a la DIAN.",
        "La numeración FE (resolución 18760000001) venció el 31/12/2026.",
    )
