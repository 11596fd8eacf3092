"""Contacts (terceros): found by their identification, created once per company."""

from __future__ import annotations

from sqlmodel import Session, select
from stdnum.co import nit as co_nit

from ledger.books import scoped_company_id
from ledger.errors import LedgerError
from ledger.models import Contact

NIT_ID_TYPE = "31"


def find_or_create_contact(
    session: Session,
    *,
    id_number: str,
    name: str,
    id_type: str = NIT_ID_TYPE,
    check_digit: str | None = None,
    email: str = "",
    is_customer: bool = False,
    is_supplier: bool = False,
) -> Contact:
    """The company's contact with this identification, created (and flushed) if new.

    A NIT's check digit is computed when missing and refused when wrong. Existing
    contacts gain the customer/supplier flags asked for; nothing else is overwritten.
    """
    company_id = scoped_company_id(session)
    number = "".join(ch for ch in id_number if ch.isalnum())
    if not number:
        raise LedgerError("El tercero necesita un número de identificación.", code="tercero_sin_id")
    if id_type == NIT_ID_TYPE and number.isdigit():
        expected = co_nit.calc_check_digit(number)
        if check_digit is not None and check_digit != expected:
            raise LedgerError(
                f"El NIT {number}-{check_digit} no es válido: el dígito de verificación es "
                f"{expected}.",
                code="nit_invalido",
            )
        check_digit = expected
    contact = session.exec(
        select(Contact).where(
            Contact.company_id == company_id,
            Contact.id_type == id_type,
            Contact.id_number == number,
        )
    ).first()
    if contact is None:
        contact = Contact(
            company_id=company_id,
            id_type=id_type,
            id_number=number,
            check_digit=check_digit,
            name=" ".join(name.split()) or number,
            email=email,
        )
    contact.active = True
    contact.is_customer = contact.is_customer or is_customer
    contact.is_supplier = contact.is_supplier or is_supplier
    session.add(contact)
    session.flush()
    return contact
