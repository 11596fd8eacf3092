"""Payroll posted through the integration: January 2025's two half-months, mapped on the
suggested accounts, as the payroll product's API would have sent them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from cuadre.settings import Settings
from ledger.db import company_session
from tools.payroll.client import EmployeePayment, PayrollPeriod
from tools.payroll.concepts import CONCEPTS
from tools.payroll.mapping import set_mapping
from tools.payroll.periods import Period
from tools.payroll.posting import post_period

# Salaries 4.000.000 + transport 200.000; overtime 300.000; deductions 8 % of 4.300.000.
TOTALS = {
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
}
PAYMENTS = (
    EmployeePayment(nit="1020304050", name="LAURA GÓMEZ", amount=Decimal("2500000")),
    EmployeePayment(nit="79111222", name="PEDRO RUIZ", amount=Decimal("1656000")),
)
HALVES = ((date(2025, 1, 1), date(2025, 1, 15)), (date(2025, 1, 16), date(2025, 1, 31)))


def posted(engine: Engine, company_id: int, folder: Path, settings: Settings) -> None:
    """Every concept mapped to its suggested account; both January halves posted."""
    with company_session(engine, company_id) as session:
        for concept in CONCEPTS:
            set_mapping(session, company_id, concept.code, concept.suggested, None)
        for start, end in HALVES:
            data = PayrollPeriod(
                start=start,
                end=end,
                status="closed",
                totals={k: Decimal(v) for k, v in TOTALS.items()},
                payments=PAYMENTS,
            )
            post_period(session, company_id, Period(start, end), data)
        session.commit()
