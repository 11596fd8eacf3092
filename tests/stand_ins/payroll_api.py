"""A stand-in payroll product API (FastAPI): HTTP Basic, closed and open half-months.

Speaks the protocol `tools.payroll.client.PayrollClient` expects. Its data is a short
Colombian payroll for two employees (1–15 March 2025 closed; 16–31 March still open).
"""

import secrets
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials

USERNAME = "cuadre@nomina.co"
SECRET = "clave-nomina-123"

# Salaries 4.000.000 + transport 200.000 (salaries concept: 4.200.000); overtime 300.000.
# Employee deductions (health 4% + pension 4% of 4.300.000): 344.000. Employer ARL+pension
# 12% + 0,522% of 4.300.000 = 538.446; parafiscal (caja 4%) 172.000; provisions
# (prima + vacaciones) 537.285; cesantías and interest 410.150.
MARCH_FIRST_HALF: dict[str, Any] = {
    "start": "2025-03-01",
    "end": "2025-03-15",
    "status": "closed",
    "totals": {
        "salaries": "4200000.00",
        "overtime": "300000.00",
        "employer_social_security": "538446.00",
        "parafiscal": "172000.00",
        "benefits_provisions": "537285.00",
        "severance": "410150.00",
        "employee_deductions": "344000.00",
        "social_security_payable": "538446.00",
        "parafiscal_payable": "172000.00",
        "benefits_payable": "947435.00",
        "net_pay": "4156000.00",
    },
    "payments": [
        {"nit": "1020304050", "name": "LAURA GÓMEZ", "amount": "2500000.00"},
        {"nit": "79111222", "name": "PEDRO RUIZ", "amount": "1656000.00"},
    ],
}
PERIODS = {
    ("2025-03-01", "2025-03-15"): MARCH_FIRST_HALF,
    ("2025-03-16", "2025-03-31"): {
        **MARCH_FIRST_HALF,
        "start": "2025-03-16",
        "end": "2025-03-31",
        "status": "open",
    },
}


def make_payroll_app() -> FastAPI:
    """The stand-in; `app.state.requests` counts the period requests it answered."""
    app = FastAPI(title="Nómina (stand-in)")
    app.state.requests = 0
    security = HTTPBasic()

    def caller(creds: Annotated[HTTPBasicCredentials, Depends(security)]) -> str:
        ok = secrets.compare_digest(creds.username, USERNAME) and secrets.compare_digest(
            creds.password, SECRET
        )
        if not ok:
            raise HTTPException(401, "credenciales inválidas")
        return creds.username

    @app.get("/api/v1/periods")
    def period(start: str, end: str, _user: Annotated[str, Depends(caller)]) -> dict[str, Any]:
        app.state.requests += 1
        data = PERIODS.get((start, end))
        if data is None:
            raise HTTPException(404, "periodo no existe")
        return data

    return app
