"""Money and date helpers: `Decimal` in code, es-CO text for people.

Amounts are rounded to 2 decimals half up, as the DIAN and the PUC expect.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Money = Decimal
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("9999999999999999.99")  # 18 digits: what the books' columns hold


def to_money(value: Decimal | int | str) -> Money:
    """Parse a plain amount ("1190000.5", 12, Decimal) into a 2-decimal `Decimal`.

    Floats are refused on purpose: they cannot hold centavos exactly.
    """
    if isinstance(value, float):
        raise TypeError("amounts must not be floats")
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    try:
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # too many digits to hold centavos
        raise ValueError(f"amount too large: {value!r}") from exc


def to_cents(amount: Decimal) -> int:
    """Integer centavos of an amount (the SQLite storage form)."""
    return int(to_money(amount) * 100)


def from_cents(cents: int) -> Money:
    """Inverse of `to_cents`."""
    return (Decimal(cents) / 100).quantize(CENT)


def format_cop(amount: Decimal) -> str:
    """es-CO money text: `$ 1.190.000,00`, `-$ 5.000,00`."""
    value = to_money(amount)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}$ {groups},{cents}"


def format_date(value: date) -> str:
    """es-CO date text: `31/03/2025`."""
    return value.strftime("%d/%m/%Y")
