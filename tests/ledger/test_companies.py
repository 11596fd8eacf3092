"""Creating companies: the NIT's check digit is validated; a NIT is used once."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from ledger.companies import create_company, split_nit
from ledger.db import admin_session
from ledger.errors import InvalidCompanyError
from tests.utils.companies import fresh_nit


def test_nit_is_split_and_check_digit_validated() -> None:
    assert split_nit("900.373.115-3") == ("900373115", "3")
    with pytest.raises(InvalidCompanyError) as caught:
        split_nit("900373115-4")
    assert "dígito de verificación" in caught.value.message_es


def test_a_nit_is_registered_once(engine: Engine) -> None:
    nit = fresh_nit()
    with admin_session(engine) as session:
        company = create_company(
            session, nit=nit, name="  FERRETERÍA   LA 80 SAS ", ciiu_codes=("4752", " 4663")
        )
        assert company.name == "FERRETERÍA LA 80 SAS"
        assert company.ciiu_list == ("4752", "4663")
        assert company.nit_with_dv == nit
        with pytest.raises(InvalidCompanyError) as caught:
            create_company(session, nit=nit, name="Otra")
        assert caught.value.code == "nit_repetido"
