"""`PayrollClient`: the payroll product's API (httpx, HTTP Basic), one closed period at a time.

Protocol: `GET {base}/api/v1/periods?start=YYYY-MM-DD&end=YYYY-MM-DD` answers
`{"start", "end", "status": "closed"|"open", "totals": {concept: "amount"},
"payments": [{"nit", "name", "amount"}]}`; 404 when the period does not exist.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
from pydantic import BaseModel, ConfigDict, Field

from tools.errors import ToolError
from tools.payroll.periods import Period


class EmployeePayment(BaseModel):
    model_config = ConfigDict(frozen=True)
    nit: str = Field(max_length=20)
    name: str = Field(default="", max_length=200)
    amount: Decimal = Field(gt=0, max_digits=18, decimal_places=2)


class PayrollPeriod(BaseModel):
    """A period as the payroll product reports it."""

    model_config = ConfigDict(frozen=True)
    start: date
    end: date
    status: str
    totals: dict[str, Decimal]
    payments: tuple[EmployeePayment, ...] = ()


class PayrollClient:
    """A small client of the payroll product's API."""

    def __init__(
        self,
        base_url: str,
        username: str,
        secret: str,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url, auth=(username, secret), timeout=timeout, transport=transport
        )

    def __enter__(self) -> PayrollClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        self._http.close()

    def fetch_period(self, period: Period) -> PayrollPeriod:
        """The closed period; `ToolError` (Spanish) when unreachable, open or missing."""
        params = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        try:
            res = self._http.get("api/v1/periods", params=params)
        except httpx.HTTPError as exc:
            raise ToolError(
                "nomina_no_responde",
                f"El sistema de nómina no responde ({exc.__class__.__name__}).",
            ) from None
        if res.status_code in (401, 403):
            raise ToolError("nomina_credenciales", "El sistema de nómina rechazó las credenciales.")
        if res.status_code == 404:
            raise ToolError(
                "nomina_sin_periodo", f"El sistema de nómina no tiene el periodo {period.key}."
            )
        if res.status_code >= 400:
            raise ToolError("nomina_error", f"El sistema de nómina respondió {res.status_code}.")
        data = PayrollPeriod.model_validate(res.json())
        if data.status != "closed":
            raise ToolError("nomina_abierta", f"El periodo {period.key} aún no está cerrado.")
        if (data.start, data.end) != (period.start, period.end):
            raise ToolError("nomina_otro_periodo", "El sistema de nómina devolvió otro periodo.")
        return data
