"""Questions about accounts read in free words: a chart lookup or where a purchase goes."""

from __future__ import annotations

import pytest

from agent.account_questions import AccountQuestion, read_account_question


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("¿Cuál es la cuenta de caja menor?", "caja menor"),
        ("búscame las cuentas de nómina", "nomina"),
        ("qué cuentas hay de impuestos", "impuestos"),
        ("q cuentas de gastos bancarios tengo", "gastos bancarios"),
        ("muéstrame el plan de cuentas de clientes", "clientes"),
    ],
)
def test_a_lookup_names_the_account_concept(text: str, concept: str) -> None:
    assert read_account_question(text) == AccountQuestion("lookup", concept)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("¿en qué cuenta registro la compra de clavos para la venta?", "clavos para la venta"),
        ("dónde va la factura del agua", "agua"),
        ("sugiéreme la cuenta para una factura de papelería", "papeleria"),
        ("los pañales del bebé dónde los registro", "pañales del bebe"),
        ("a qué cuenta van los fletes de la mercancía", "fletes de la mercancia"),
        ("que cuenta me sugieres para el aceite de la camioneta", "aceite de la camioneta"),
        ("el pago del celular en q cuenta lo meto", "celular"),
        ("cuenta para la dotación de los empleados?", "dotacion de los empleados"),
    ],
)
def test_a_placement_names_the_item_without_its_document(text: str, concept: str) -> None:
    assert read_account_question(text) == AccountQuestion("placement", concept)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("en qué cuenta registro los honorarios", "honorarios"),
        ("que cuenta uso para las cesantias por pagar", "cesantias por pagar"),
    ],
)
def test_a_placement_of_an_account_name_is_a_lookup(text: str, concept: str) -> None:
    assert read_account_question(text) == AccountQuestion("lookup", concept)


@pytest.mark.parametrize(
    "text",
    [
        "saldo de la cuenta de bancos",
        "movimientos de la cuenta de caja en enero",
        "las compras de la dian en que cuenta quedan",
        "el arriendo del local a q cuenta lo manda",
        "registra la cuenta de cobro del contador",
        "la cuenta de la línea 2 de la FE2001",
        "como registro una compra",
        "q cuentas le pongo a los conceptos de nomina",
        "la cuenta para el concepto de salud tiene que existir antes?",
        "muéstrame el plan de cuentas",
        "hola",
    ],
)
def test_other_requests_are_no_account_question(text: str) -> None:
    assert read_account_question(text) is None
