"""The payroll concepts a company maps to its chart, with the side each one posts on.

Expense concepts are debited in the adjustment entry; liability concepts are credited
(what is owed to employees, funds and the DIAN); `bank` is the account the egreso pays
from. The suggested account is what `cuadre payroll check` proposes when one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Side(StrEnum):
    DEBIT = "debit"
    CREDIT = "credit"
    BANK = "bank"


@dataclass(frozen=True)
class Concept:
    """One payroll concept: code (what the payroll product sends), Spanish name, side."""

    code: str
    name: str
    side: Side
    suggested: str


CONCEPTS: tuple[Concept, ...] = (
    Concept("salaries", "Salarios y auxilio de transporte", Side.DEBIT, "510506"),
    Concept("overtime", "Horas extras y recargos", Side.DEBIT, "510515"),
    Concept("non_salary", "Pagos no salariales", Side.DEBIT, "510551"),
    Concept("leaves", "Licencias e incapacidades", Side.DEBIT, "510539"),
    Concept("employer_social_security", "Seguridad social del empleador", Side.DEBIT, "510569"),
    Concept("parafiscal", "Aportes parafiscales", Side.DEBIT, "510572"),
    Concept("benefits_provisions", "Provisión de prestaciones sociales", Side.DEBIT, "510536"),
    Concept("severance", "Cesantías e intereses", Side.DEBIT, "510530"),
    Concept("employee_deductions", "Deducciones de empleados", Side.CREDIT, "238030"),
    Concept("withholding", "Retención en la fuente por salarios", Side.CREDIT, "236505"),
    Concept(
        "social_security_payable", "Aportes de seguridad social por pagar", Side.CREDIT, "237005"
    ),
    Concept("parafiscal_payable", "Aportes parafiscales por pagar", Side.CREDIT, "237010"),
    Concept("benefits_payable", "Prestaciones sociales por pagar", Side.CREDIT, "261005"),
    Concept("net_pay", "Salarios por pagar (neto a pagar)", Side.CREDIT, "250505"),
    Concept("bank", "Banco o caja de pago", Side.BANK, "111005"),
)
BY_CODE = {c.code: c for c in CONCEPTS}


def concept(code: str) -> Concept:
    """The concept with that code; `KeyError` names the valid ones."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(
            f"El concepto {code!r} no existe; usa uno de: {', '.join(BY_CODE)}."
        ) from None
