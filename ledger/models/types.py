"""Column types: exact decimals stored as integers on SQLite, NUMERIC on PostgreSQL.

SQLite has no exact decimal type (its NUMERIC is a float in disguise), so amounts are kept
as scaled integers there: money as centavos, quantities and rates as ten-thousandths.
Python code always sees `Decimal`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine


class ScaledDecimal(TypeDecorator[Decimal]):
    """A `Decimal` with a fixed number of places; never a float in the database."""

    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int = 2, precision: int = 18) -> None:
        super().__init__()
        self.scale = scale
        self.precision = precision
        self._quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def _quantize(self, value: Decimal | int | str) -> Decimal:
        if isinstance(value, float):
            raise TypeError("amounts must not be floats")
        return Decimal(value).quantize(self._quantum, rounding=ROUND_HALF_UP)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        exact = self._quantize(value)
        if dialect.name == "sqlite":
            return int(exact.scaleb(self.scale))
        return exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return self._quantize(Decimal(int(value)).scaleb(-self.scale))
        return self._quantize(value)

    def __repr__(self) -> str:
        return f"ScaledDecimal(scale={self.scale}, precision={self.precision})"


class Money(ScaledDecimal):
    """Money: 2 decimals (centavos on SQLite, NUMERIC(18,2) on PostgreSQL)."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(scale=2)

    def __repr__(self) -> str:
        return "Money()"


class Quantity(ScaledDecimal):
    """Quantities and percentage rates: 4 decimals."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(scale=4)

    def __repr__(self) -> str:
        return "Quantity()"
