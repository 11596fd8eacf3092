"""Customer names and sale lines from an invoicing request, and their binding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import BaseModel, Field

from agent.binding import bind_args, field_kind
from agent.invoice_lines import customer_name, sale_items
from agent.slots import extract_slots

TODAY = date(2025, 2, 15)


class Line(BaseModel):
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal | None = Field(default=Decimal("19"))


class Invoice(BaseModel):
    customer_nit: str = ""
    customer_name: str | None = None
    lines: tuple[Line, ...] = ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("factúrale a Cafetería El Parque 120 panes a 4500 más IVA", "Cafetería El Parque"),
        (
            "hazme un borrador de factura para Cafetería El Parque Ltda. NIT 830048145: "
            "120 Pan tajado integral a 4500",
            "Cafetería El Parque Ltda.",
        ),
        (
            "deja en borrador la factura a Cafetería El Parque Ltda. (nit 830048145) por 120 "
            "Pan tajado integral a 4500 c/u",
            "Cafetería El Parque Ltda.",
        ),
        (
            "guarda como borrador una factura al nit 830048145, Cafetería El Parque Ltda., "
            "120 Pan tajado integral a $4.500",
            "Cafetería El Parque Ltda.",
        ),
        ("facturale a la cafeteria el parque (830048145) 40 panes a 4500", "cafeteria el parque"),
        ("factúrale al NIT 830048145 40 Pan tajado integral a 4500 más IVA", None),
        ("hazle una nota crédito a la FE-12 por 10 panes devueltos", None),
    ],
)
def test_the_customer_name_is_its_own_span(text: str, name: str | None) -> None:
    assert customer_name(text) == name


def test_sale_items_with_quantity_description_price_and_vat() -> None:
    text = (
        "factúrale al NIT 900123456 10 cajas de huevos a 18000 más IVA "
        "y 5 bultos de harina a 95 mil sin iva"
    )
    items = sale_items(text)
    assert [(i.quantity, i.description, i.unit_price, i.vat_rate) for i in items] == [
        (Decimal("10"), "cajas de huevos", Decimal("18000.00"), Decimal("19")),
        (Decimal("5"), "bultos de harina", Decimal("95000.00"), None),
    ]
    assert sale_items("120 Pan tajado integral a $4.500")[0].unit_price == Decimal("4500.00")
    assert sale_items("estado de la FE-12") == []


def test_binding_builds_lines_and_keeps_the_nit_apart_from_the_quantity() -> None:
    text = "factúrale al NIT 830048145 40 Pan tajado integral a 4500 más IVA"
    args = bind_args(Invoice, extract_slots(text, today=TODAY), text).args
    assert args == {
        "customer_nit": "830048145",
        "lines": [
            {
                "description": "Pan tajado integral",
                "quantity": "40",
                "unit_price": "4500.00",
                "vat_rate": "19",
            }
        ],
    }
    Invoice.model_validate(args)  # the tool's own model accepts them


def test_binding_takes_the_customer_name_not_the_sentence() -> None:
    text = "factúrale a Cafetería El Parque 120 panes a 4500"
    args = bind_args(Invoice, extract_slots(text, today=TODAY), text).args
    assert args["customer_name"] == "Cafetería El Parque"
    assert args["lines"] == [{"description": "panes", "quantity": "120", "unit_price": "4500.00"}]


def test_field_kinds() -> None:
    assert field_kind("lines", Invoice.model_fields["lines"]) == "items"
    assert field_kind("customer_name", Invoice.model_fields["customer_name"]) == "customer"
