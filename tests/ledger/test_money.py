"""Amount parsing: every refusal is a ValueError, never a decimal signal escaping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.money import MAX_AMOUNT, to_money


def test_amounts_are_rounded_to_centavos_half_up() -> None:
    assert to_money("1190000.505") == Decimal("1190000.51")
    assert to_money(MAX_AMOUNT) == MAX_AMOUNT


@pytest.mark.parametrize("value", ["1E+999999", "1" * 40, "NaN", "Infinity", "doce", ""])
def test_what_cannot_be_an_amount_is_a_value_error(value: str) -> None:
    with pytest.raises(ValueError):
        to_money(value)


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        to_money(0.1)  # type: ignore[arg-type]
