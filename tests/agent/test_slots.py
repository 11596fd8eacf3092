"""Slot extraction is pure: a message and a date in, values out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from agent.binding import bind_args
from agent.entries import LineSlot, balanced
from agent.phrases import describe
from agent.slots import Nit, extract_slots, nit_check_digit, parse_amount
from tests.agent.toolbox import ExpenseInput, PeriodInput

TODAY = date(2025, 4, 15)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("balance de enero de 2025", date(2025, 1, 1), date(2025, 1, 31)),
        ("gastos de enero 2025", date(2025, 1, 1), date(2025, 1, 31)),
        ("el mes pasado", date(2025, 3, 1), date(2025, 3, 31)),
        ("oye q paso el mes pasado", date(2025, 3, 1), date(2025, 3, 31)),
        ("del 1 al 15 de marzo", date(2025, 3, 1), date(2025, 3, 15)),
        ("del 1 al 15 de marzo de 2024", date(2024, 3, 1), date(2024, 3, 15)),
        ("este año", date(2025, 1, 1), TODAY),
        ("este ano", date(2025, 1, 1), TODAY),
        ("el año pasado", date(2024, 1, 1), date(2024, 12, 31)),
        ("este mes", date(2025, 4, 1), TODAY),
        ("balance 2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("primer trimestre del 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("q1 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("segundo semestre de 2024", date(2024, 7, 1), date(2024, 12, 31)),
        ("entre enero y marzo de 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("febrero de 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("ferbero de 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("diciembre", date(2024, 12, 1), date(2024, 12, 31)),
        ("desde 01/01/2025 hasta 31/03/2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("de 2025-02-01 a 2025-02-10", date(2025, 2, 1), date(2025, 2, 10)),
    ],
)
def test_periods(text: str, start: date, end: date) -> None:
    period = extract_slots(text, today=TODAY).period
    assert period is not None, text
    assert (period.start, period.end) == (start, end)


def test_a_month_without_year_is_its_latest_past_occurrence() -> None:
    assert extract_slots("marzo", today=TODAY).period.start == date(2025, 3, 1)  # type: ignore[union-attr]
    assert extract_slots("mayo", today=TODAY).period.start == date(2024, 5, 1)  # type: ignore[union-attr]


def test_single_dates() -> None:
    assert extract_slots("saldo al 31/03/2025", today=TODAY).dates == (date(2025, 3, 31),)
    assert extract_slots("al 31 de marzo de 2025", today=TODAY).dates == (date(2025, 3, 31),)
    assert extract_slots("el 30/02/2025", today=TODAY).dates == ()


@pytest.mark.parametrize(
    ("text", "nit"),
    [
        ("NIT 900.123.456-8", Nit("900123456", "8", True)),
        ("nit: 900123456-8", Nit("900123456", "8", True)),
        ("el 900123456-1", Nit("900123456", "1", False)),
        ("nit 900123456", Nit("900123456")),
        ("proveedor 8001972684", Nit("800197268", "4", True)),
        ("proveedor 900123456", Nit("900123456")),
        ("cédula nit 71234567", Nit("71234567")),
    ],
)
def test_nits(text: str, nit: Nit) -> None:
    assert extract_slots(text, today=TODAY).nits == (nit,)


def test_check_digit_matches_dian() -> None:
    assert nit_check_digit("800197268") == "4"  # the DIAN's own NIT: 800.197.268-4
    assert nit_check_digit("900123456") == "8"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("por 1.190.000", Decimal("1190000.00")),
        ("$ 1.190.000,50", Decimal("1190000.50")),
        ("$1.190.000", Decimal("1190000.00")),
        ("1,2 millones", Decimal("1200000.00")),
        ("1.5 millones", Decimal("1500000.00")),
        ("2 millones", Decimal("2000000.00")),
        ("500 mil", Decimal("500000.00")),
        ("80 mil pesos", Decimal("80000.00")),
        ("$ 12.000", Decimal("12000.00")),
        ("50000 pesos", Decimal("50000.00")),
        ("1190000", Decimal("1190000.00")),
    ],
)
def test_amounts(text: str, amount: Decimal) -> None:
    assert extract_slots(text, today=TODAY).amounts == (amount,)


def test_small_numbers_and_years_are_not_amounts() -> None:
    slots = extract_slots("las 3 facturas de 2024", today=TODAY)
    assert slots.amounts == ()
    assert slots.period is not None and slots.period.start == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("la factura FE-120", "FE-120"),
        ("la fe-120", "FE-120"),
        ("busca FE120", "FE120"),
        ("la fv 77 de transportes", "FV-77"),
        ("factura SETP990000002", "SETP990000002"),
        ("la nota NC-3", "NC-3"),
    ],
)
def test_document_numbers(text: str, number: str) -> None:
    assert extract_slots(text, today=TODAY).document_numbers == (number,)


def test_an_account_named_by_its_code_alone() -> None:
    assert extract_slots("la 110505", today=TODAY).account_codes == ("110505",)
    assert extract_slots("cuentas que empiezan por 5195", today=TODAY).account_codes == ("5195",)
    assert extract_slots("la 2024", today=TODAY).account_codes == ()
    assert extract_slots("la cuenta de caja por 500 mil", today=TODAY).account_codes == ()


@pytest.mark.parametrize("text", ["auxliar 111005 febrero", "auxilar de la 111005", "aux 111005"])
def test_a_misspelt_auxiliar_still_names_the_account(text: str) -> None:
    assert extract_slots(text, today=TODAY).account_codes == ("111005",)


def test_account_codes_files_and_attachments() -> None:
    slots = extract_slots("auxiliar de la cuenta 110505 y sube listado_2024.zip", today=TODAY)
    assert slots.account_codes == ("110505",)
    assert slots.files == ("listado_2024.zip",)
    attached = extract_slots("revisa esto", today=TODAY, attachments=("factura.xml",))
    assert attached.files == ("factura.xml",)


def test_a_full_request_keeps_every_value_apart() -> None:
    slots = extract_slots(
        "proveedor NIT 900.123.456-8 factura FE-120 por $ 1.190.000 del 1 al 15 de marzo",
        today=TODAY,
    )
    assert slots.nits == (Nit("900123456", "8", True),)
    assert slots.document_numbers == ("FE-120",)
    assert slots.amounts == (Decimal("1190000.00"),)
    assert slots.period is not None and slots.period.end == date(2025, 3, 15)
    assert slots.rest == "proveedor factura por"


@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_es_co_grouped_amounts_round_trip(cents_free: int) -> None:
    text = f"{cents_free:,}".replace(",", ".")
    assert parse_amount(text) == Decimal(cents_free)


@given(st.text(max_size=80))
def test_extraction_never_raises(text: str) -> None:
    extract_slots(text, today=TODAY)


def test_binding_maps_slots_by_field_name_and_type() -> None:
    period = bind_args(PeriodInput, extract_slots("marzo de 2025", today=TODAY), "marzo de 2025")
    assert period.args == {"start": "2025-03-01", "end": "2025-03-31"}
    assert period.missing == ()
    empty = bind_args(PeriodInput, extract_slots("gastos", today=TODAY), "gastos")
    assert [kind for _, kind in empty.missing] == ["period", "period"]
    assert "periodo" in empty.question()
    text = "registra un gasto de 50.000 en papelería al NIT 900123456"
    expense = bind_args(ExpenseInput, extract_slots(text, today=TODAY), text)
    assert expense.args == {"amount": "50000.00", "description": "papelería", "nit": "900123456"}


def test_describe_takes_the_concept() -> None:
    assert describe("anota un gasto por concepto de domicilios") == "domicilios"
    assert describe("compré útiles de oficina por") == "compré útiles de oficina"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # The entry's name alone is the order, not the concept.
        (
            "asiento manual 02/03/2025 debito 110510 50.000 credito 111005 50.000 por fondo fijo",
            "fondo fijo",
        ),
        (
            "asiento 02/03/2025 debito 513525 por 9.000 y credito 110505 por agua y luz",
            "agua y luz",
        ),
        # The "por" that opens the concept wins over a later "para" inside it.
        (
            "registra: 02/03/2025 débito 110505 por 5.000, crédito 111005, por retiro para gastos",
            "retiro para gastos",
        ),
        ("haz un asiento: debito 519530 por 8.000 y credito 110505 en papeleria", "papeleria"),
    ],
)
def test_describe_an_entry_request(text: str, concept: str) -> None:
    slots = extract_slots(text, today=TODAY)
    assert describe(slots.rest_original) == concept


def test_journal_lines_and_their_balance() -> None:
    slots = extract_slots("haz un asiento: débito 519530 por 50.000 y crédito 110505", today=TODAY)
    assert slots.lines == (
        LineSlot("debit", "519530", Decimal("50000.00")),
        LineSlot("credit", "110505", None),
    )
    assert slots.amounts == ()  # the amount belongs to the line, not to the message
    assert balanced(slots.lines, None)[1] == LineSlot("credit", "110505", Decimal("50000.00"))
    three = extract_slots(
        "débito 519530 50.000, débito 240810 9.500 y crédito 220505 59.500", today=TODAY
    ).lines
    assert [line.amount for line in three] == [
        Decimal("50000.00"),
        Decimal("9500.00"),
        Decimal("59500.00"),
    ]
    loose = extract_slots("debita 110510 y acredita 111005 por 1,2 millones", today=TODAY)
    assert [line.amount for line in balanced(loose.lines, None)] == [Decimal("1200000.00")] * 2
    unknown = [
        LineSlot("debit", "5195", None),
        LineSlot("debit", "5135", None),
        LineSlot("credit", "1105", None),
    ]
    assert balanced(unknown, None) == unknown  # nothing to balance with: left for the person


def test_a_choice_the_words_miss_comes_from_the_respelled_message() -> None:
    class KindInput(BaseModel):
        kind: Literal["sales_invoice", "purchase_invoice"] | None = None

    typed = "las facutras de venta"
    slots = extract_slots(typed, today=TODAY)
    assert bind_args(KindInput, slots, typed).args == {}
    respelled = bind_args(KindInput, slots, typed, spelled="las facturas de venta")
    assert respelled.args == {"kind": "sales_invoice"}
    said = bind_args(KindInput, slots, "facturas de compra", spelled="facturas de venta")
    assert said.args == {"kind": "purchase_invoice"}  # the person's own words first
