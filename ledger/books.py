"""Checks of a proposal against the company's books (the impure half of validation)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ledger.errors import (
    AccountNotPostableError,
    ClosedPeriodError,
    ForeignCompanyError,
    LedgerError,
)
from ledger.guards import TenantSession
from ledger.models import Account, Company, Contact, CostCenter
from ledger.money import format_date
from ledger.proposals import EntryProposal


def scoped_company_id(session: Session) -> int:
    """The company of a scoped session; posting needs one."""
    if not isinstance(session, TenantSession):
        raise LedgerError(
            "Para contabilizar se necesita una sesión de una empresa (company_session).",
            code="sin_empresa",
        )
    return session.company_id


def load_company(session: Session, company_id: int) -> Company:
    """The session's company (scoped sessions only see their own)."""
    company = session.get(Company, company_id)
    if company is None:
        raise ForeignCompanyError(f"La empresa {company_id} no existe.")
    return company


def check_open_period(company: Company, on: date) -> None:
    """Refuse dates on or before the date the books are closed through."""
    closed = company.books_closed_through
    if closed is not None and on <= closed:
        raise ClosedPeriodError(
            f"El periodo está cerrado hasta el {format_date(closed)}; "
            f"no se puede registrar con fecha {format_date(on)}."
        )


def postable_accounts(
    session: Session, company_id: int, proposal: EntryProposal
) -> dict[str, Account]:
    """The proposal's accounts by code: each must be an active leaf of this company."""
    codes = {line.account_code for line in proposal.lines}
    found = {
        account.code: account
        for account in session.exec(
            select(Account).where(Account.company_id == company_id, col(Account.code).in_(codes))
        )
    }
    for line in proposal.lines:
        account = found.get(line.account_code)
        if account is None:
            raise AccountNotPostableError(
                f"La cuenta {line.account_code} no existe en el plan de cuentas de esta empresa."
            )
        if not account.is_leaf:
            raise AccountNotPostableError(
                f"La cuenta {account.code} {account.name} agrupa otras cuentas; "
                "registra en una subcuenta o auxiliar."
            )
        if not account.active:
            raise AccountNotPostableError(f"La cuenta {account.code} {account.name} está inactiva.")
    return found


def check_references(session: Session, company_id: int, proposal: EntryProposal) -> None:
    """Contacts and cost centers named by the lines belong to this company."""
    for line in proposal.lines:
        if line.contact_id is not None:
            contact = session.get(Contact, line.contact_id)
            if contact is None or contact.company_id != company_id:
                raise ForeignCompanyError(
                    f"El tercero {line.contact_id} no existe en esta empresa.",
                    code="tercero_ajeno",
                )
        if line.cost_center_id is not None:
            center = session.get(CostCenter, line.cost_center_id)
            if center is None or center.company_id != company_id:
                raise ForeignCompanyError(
                    f"El centro de costo {line.cost_center_id} no existe en esta empresa.",
                    code="centro_costo_ajeno",
                )
            if not center.active:
                raise ForeignCompanyError(
                    f"El centro de costo {center.code} está inactivo.", code="centro_costo_inactivo"
                )


def check_against_books(
    session: Session, company_id: int, proposal: EntryProposal
) -> dict[str, Account]:
    """Every database rule for a proposal that already passed `validate()`."""
    check_open_period(load_company(session, company_id), proposal.date)
    accounts = postable_accounts(session, company_id, proposal)
    check_references(session, company_id, proposal)
    return accounts
