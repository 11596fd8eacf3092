"""Amount types for tool inputs: never negative, never more than the books can hold.

An unbounded `Decimal` let a request carry 1E+999999, which no rounding to centavos can
represent: bounded here, the person gets a Spanish «debe ser hasta …» instead.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from ledger.money import MAX_AMOUNT

Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT)]
"""A peso amount a tool accepts."""

Quantity = Annotated[Decimal, Field(gt=0, le=Decimal("999999999"))]
"""How many units a line carries."""

Rate = Annotated[Decimal, Field(ge=0, le=100)]
"""A tax rate in percent."""
