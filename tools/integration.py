"""Build ledger entries from integration payloads (payroll products): codes and NITs to ids.

Shared by the integration API and the scheduled payroll posts; Spanish errors name the
offending account, contact or cost center.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from ledger.models import Account, BankAccount, Contact, CostCenter
from ledger.proposals import EntryProposal, ProposedLine
from tools.errors import ToolError

SALARIES_PAYABLE = "250505"


@dataclass(frozen=True)
class ExternalLine:
    """A line as an outside system names it: PUC code, NIT, cost center code."""

    account: str
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)
    contact_nit: str | None = None
    cost_center: str | None = None
    description: str = ""


@dataclass(frozen=True)
class ExternalPayment:
    """One payment of a disbursement: who receives it and from which liability."""

    contact_nit: str
    amount: Decimal
    account: str = SALARIES_PAYABLE
    description: str = ""


def contact_id(session: Session, nit: str) -> int:
    """The company's contact with that NIT / id number (without check digit)."""
    number = nit.split("-")[0].strip()
    row = session.exec(select(Contact).where(Contact.id_number == number)).first()
    if row is None or row.id is None:
        raise ToolError("contacto_no_existe", f"No existe un contacto con NIT {nit}.")
    return row.id


def cost_center_id(session: Session, code: str) -> int:
    """The company's active cost center with that code."""
    row = session.exec(select(CostCenter).where(CostCenter.code == code)).first()
    if row is None or row.id is None or not row.active:
        raise ToolError("centro_no_existe", f"No existe el centro de costo {code}.")
    return row.id


def leaf_account(session: Session, code: str) -> Account:
    """The company's active leaf account with that code (else a Spanish error)."""
    row = session.exec(select(Account).where(Account.code == code)).first()
    if row is None:
        raise ToolError("cuenta_no_existe", f"La cuenta {code} no existe en el plan de cuentas.")
    if not row.is_leaf or not row.active:
        raise ToolError(
            "cuenta_no_auxiliar",
            f"La cuenta {code} no es una cuenta auxiliar activa; usa una subcuenta de detalle.",
        )
    return row


def resolve_lines(session: Session, lines: Sequence[ExternalLine]) -> tuple[ProposedLine, ...]:
    """Ledger lines for external ones; every code must exist in the company's books."""
    out = []
    for line in lines:
        leaf_account(session, line.account)
        out.append(
            ProposedLine(
                account_code=line.account,
                debit=line.debit,
                credit=line.credit,
                contact_id=contact_id(session, line.contact_nit) if line.contact_nit else None,
                cost_center_id=cost_center_id(session, line.cost_center)
                if line.cost_center
                else None,
                description=line.description,
            )
        )
    return tuple(out)


def bank_account_code(session: Session, name: str | None) -> str:
    """The ledger code of the named bank account (the default one when no name)."""
    query = select(BankAccount, Account).where(BankAccount.account_id == Account.id)
    if name:
        query = query.where(BankAccount.name == name)
    else:
        query = query.order_by(BankAccount.is_default.desc())  # type: ignore[attr-defined]
    row = session.exec(query).first()
    if row is None:
        raise ToolError("banco_no_existe", f"No existe la cuenta bancaria {name or ''}".strip())
    return row[1].code


def disbursement_proposal(
    session: Session,
    *,
    on: date,
    description: str,
    payments: Sequence[ExternalPayment],
    bank_code: str,
    source: str = "integration",
) -> EntryProposal:
    """The egreso: Dr each liability per contact, Cr the bank for the total."""
    if not payments:
        raise ToolError("egreso_vacio", "El egreso no tiene pagos.")
    leaf_account(session, bank_code)
    lines = list(
        resolve_lines(
            session,
            [
                ExternalLine(
                    account=p.account,
                    debit=p.amount,
                    contact_nit=p.contact_nit,
                    description=p.description or description,
                )
                for p in payments
            ],
        )
    )
    total = sum((line.debit for line in lines), Decimal(0))
    lines.append(ProposedLine(account_code=bank_code, credit=total, description=description))
    return EntryProposal(date=on, description=description, lines=tuple(lines), source=source)
