"""Accounts named in words, read against the shipped chart (ledger/data/puc.csv)."""

from __future__ import annotations

import pytest

from agent.account_names import chart_search, is_account_name, singular


@pytest.mark.parametrize(
    ("concept", "search"),
    [
        ("bancos", "bancos"),
        ("retencion en la fuente", "retencion en la fuente"),  # the name, whole
        ("capital social", "capital social"),  # group 31: its subaccounts say "capital"
        ("servicios publicos", "servicios"),  # 5135 "Servicios" is the family
        ("comisiones bancarias", "comisiones"),
        ("gastos bancarios", "gastos bancarios"),  # "Gastos" is a class, too broad
        ("retenciones", "retenciones"),
        ("clientes nacionales", "clientes"),  # 1305 "Clientes" lists 130505 too
        ("zxqw", None),
    ],
)
def test_chart_search_uses_the_charts_words(concept: str, search: str | None) -> None:
    assert chart_search(concept) == search


def test_an_account_name_and_an_item_are_told_apart() -> None:
    assert is_account_name("honorarios")
    assert is_account_name("la nomina por pagar")  # "nómina" is "salarios" in the chart
    assert is_account_name("cesantias por pagar")
    assert not is_account_name("honorarios del abogado")
    assert not is_account_name("arriendo de la bodega")
    assert not is_account_name("tornillos")


def test_singular() -> None:
    assert [singular(w) for w in ("retenciones", "bancos", "iva", "pensiones")] == [
        "retencion",
        "banco",
        "iva",
        "pension",
    ]
