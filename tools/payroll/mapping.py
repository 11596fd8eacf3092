"""Map payroll concepts to leaf accounts (and cost centers); check them before posting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ledger.models import Account, CostCenter, PayrollMapping, PayrollSource
from ledger.models.base import utcnow
from ledger.money import format_date
from tools.errors import ToolError
from tools.payroll.concepts import CONCEPTS, concept
from tools.payroll.periods import next_posting_date


@dataclass(frozen=True)
class ResolvedMapping:
    """A concept ready to post: account code and optional cost center id."""

    concept: str
    account_code: str
    cost_center_id: int | None


def set_mapping(
    session: Session,
    company_id: int,
    concept_code: str,
    account_code: str,
    cost_center_code: str | None = None,
) -> PayrollMapping:
    """Map a concept to an existing leaf account; errors name the concept in Spanish."""
    try:
        item = concept(concept_code)
    except KeyError as exc:
        raise ToolError("concepto_no_existe", str(exc.args[0])) from None
    account = session.exec(select(Account).where(Account.code == account_code)).first()
    if account is None:
        raise ToolError(
            "cuenta_no_existe",
            f"No se puede mapear «{item.name}»: la cuenta {account_code} no existe "
            "en el plan de cuentas; créala primero.",
        )
    if not account.is_leaf or not account.active:
        raise ToolError(
            "cuenta_no_auxiliar",
            f"No se puede mapear «{item.name}»: la cuenta {account_code} no es una cuenta "
            "auxiliar activa; elige una subcuenta de detalle.",
        )
    center_id = None
    if cost_center_code:
        center = session.exec(select(CostCenter).where(CostCenter.code == cost_center_code)).first()
        if center is None or not center.active:
            raise ToolError(
                "centro_no_existe",
                f"No se puede mapear «{item.name}»: el centro de costo {cost_center_code} "
                "no existe.",
            )
        center_id = center.id
    assert account.id is not None
    row = session.exec(select(PayrollMapping).where(PayrollMapping.concept == item.code)).first()
    row = row or PayrollMapping(company_id=company_id, concept=item.code, account_id=account.id)
    row.account_id = account.id
    row.cost_center_id = center_id
    row.updated_at = utcnow()
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def mapping_problems(session: Session) -> list[str]:
    """Spanish problems that would stop a payroll post (missing or unusable mappings)."""
    rows = {m.concept: m for m in session.exec(select(PayrollMapping)).all()}
    problems = []
    for item in CONCEPTS:
        row = rows.get(item.code)
        if row is None:
            problems.append(
                f"Falta mapear «{item.name}» ({item.code}); sugerida: {item.suggested}."
            )
            continue
        account = session.get(Account, row.account_id)
        if account is None or not account.is_leaf or not account.active:
            code = account.code if account else "?"
            problems.append(
                f"«{item.name}» apunta a la cuenta {code}, que ya no es auxiliar activa."
            )
    return problems


def resolved_mappings(session: Session) -> dict[str, ResolvedMapping]:
    """Every concept's account code; raises `ToolError` listing what is wrong."""
    problems = mapping_problems(session)
    if problems:
        raise ToolError(
            "mapeo_incompleto", "El mapeo de nómina está incompleto: " + " ".join(problems)
        )
    out = {}
    for row in session.exec(select(PayrollMapping)).all():
        account = session.get(Account, row.account_id)
        assert account is not None
        out[row.concept] = ResolvedMapping(row.concept, account.code, row.cost_center_id)
    return out


def check_report(session: Session, today: date) -> list[str]:
    """Warnings before the next posting date: mapping problems and a missing source."""
    when = next_posting_date(today)
    warnings = [
        f"Antes del {format_date(when)} (próxima contabilización de nómina): {p}"
        for p in mapping_problems(session)
    ]
    source = session.exec(select(PayrollSource)).first()
    if source is None or not source.active:
        warnings.append("No hay una fuente de nómina configurada (URL y credenciales).")
    return warnings
