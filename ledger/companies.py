"""Creating a company: validated NIT, the full PUC, and the product's defaults."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select
from stdnum.co import nit as co_nit
from stdnum.exceptions import ValidationError

from ledger.chart import seed_chart
from ledger.errors import InvalidCompanyError
from ledger.models import (
    Account,
    AuditEvent,
    BankAccount,
    Company,
    Item,
    ItemKind,
)

INITIAL_DATA_ACCOUNT = "51959501"
INITIAL_DATA_ITEM = "Datos iniciales - DIAN"
DEFAULT_BANK = "Banco 1"
DEFAULT_BANK_ACCOUNT = "111005"


def split_nit(raw: str) -> tuple[str, str]:
    """`"900.123.456-7"` -> `("900123456", "7")`, refusing a wrong check digit."""
    try:
        compact = co_nit.validate(raw)
    except ValidationError as exc:
        raise InvalidCompanyError(
            f"El NIT «{raw}» no es válido: revisa los números y el dígito de verificación.",
            code="nit_invalido",
        ) from exc
    return compact[:-1], compact[-1]


def create_company(
    session: Session,
    *,
    nit: str,
    name: str,
    ciiu_codes: Iterable[str] = (),
    vat_responsible: bool = True,
    tax_responsibilities: Iterable[str] = (),
    actor: str = "sistema",
) -> Company:
    """Create a company with its chart of accounts, default item and bank; commits.

    `nit` includes the check digit (`900123456-7`). Use an admin session: the company
    does not exist yet, so no company session can be scoped to it.
    """
    number, check_digit = split_nit(nit)
    if session.exec(select(Company).where(Company.nit == number)).first() is not None:
        raise InvalidCompanyError(
            f"Ya existe una empresa con el NIT {number}-{check_digit}.", code="nit_repetido"
        )
    clean_name = " ".join(name.split())
    if not clean_name:
        raise InvalidCompanyError("La empresa necesita un nombre.", code="nombre_vacio")
    try:
        company = Company(
            nit=number,
            check_digit=check_digit,
            name=clean_name,
            ciiu_codes=",".join(code.strip() for code in ciiu_codes if code.strip()),
            vat_responsible=vat_responsible,
            tax_responsibilities=",".join(tax_responsibilities),
        )
        session.add(company)
        session.flush()
        assert company.id is not None
        seed_chart(session, company.id)
        session.flush()
        bank_account = session.exec(
            select(Account).where(
                Account.company_id == company.id, Account.code == DEFAULT_BANK_ACCOUNT
            )
        ).one()
        assert bank_account.id is not None
        session.add(
            BankAccount(
                company_id=company.id,
                name=DEFAULT_BANK,
                account_id=bank_account.id,
                is_default=True,
            )
        )
        session.add(
            Item(
                company_id=company.id,
                name=INITIAL_DATA_ITEM,
                kind=ItemKind.NON_INVENTORY,
                expense_account_code=INITIAL_DATA_ACCOUNT,
            )
        )
        session.add(
            AuditEvent(
                company_id=company.id,
                actor=actor,
                action="company.created",
                entity="company",
                entity_id=company.id,
                source="ledger",
                summary=f"Empresa {clean_name} (NIT {number}-{check_digit}) creada con el PUC.",
            )
        )
        session.commit()
    except Exception:
        session.rollback()
        raise
    return company


def find_company(session: Session, nit: str) -> Company | None:
    """The company with this NIT (with or without check digit), if any."""
    digits = "".join(ch for ch in nit.split("-")[0] if ch.isdigit())
    return session.exec(select(Company).where(Company.nit == digits)).first()


def list_companies(session: Session) -> list[Company]:
    """Every company, by name (admin session)."""
    return list(session.exec(select(Company).order_by(Company.name)))
