"""Contacts are found by identification and created once per company."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from ledger.contacts import find_or_create_contact
from ledger.db import company_session
from ledger.errors import LedgerError
from tests.utils.companies import new_company


def test_a_contact_is_created_once_and_gains_roles(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session:
        first = find_or_create_contact(
            session, id_number="900.373.115", name="DISTRIBUIDORA  DEL VALLE SAS", is_supplier=True
        )
        again = find_or_create_contact(
            session, id_number="900373115", name="Otro", is_customer=True
        )
        session.commit()
        assert first.id == again.id
        assert (again.name, again.check_digit) == ("DISTRIBUIDORA DEL VALLE SAS", "3")
        assert again.is_supplier and again.is_customer
    other = new_company(engine)
    with company_session(engine, other) as session:
        theirs = find_or_create_contact(session, id_number="900373115", name="Mismo NIT")
        assert theirs.id != first.id and theirs.company_id == other


def test_a_wrong_check_digit_is_refused(engine: Engine) -> None:
    company_id = new_company(engine)
    with company_session(engine, company_id) as session, pytest.raises(LedgerError) as caught:
        find_or_create_contact(session, id_number="900373115", check_digit="4", name="X")
    assert caught.value.code == "nit_invalido"
    assert "el dígito de verificación es 3" in caught.value.message_es
