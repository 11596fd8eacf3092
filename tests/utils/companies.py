"""Companies for tests: unique valid NITs, created through `ledger.companies`."""

from __future__ import annotations

import itertools
import random

from sqlalchemy import Engine
from stdnum.co import nit as co_nit

from ledger.companies import create_company
from ledger.db import admin_session

_counter = itertools.count(random.randrange(10_000_000, 90_000_000) * 10)


def fresh_nit() -> str:
    """A valid NIT (with check digit) not used before in this test run."""
    base = str(800_000_000 + next(_counter) % 199_999_999)
    return f"{base}-{co_nit.calc_check_digit(base)}"


def new_company(engine: Engine, name: str = "EMPRESA DE PRUEBA SAS") -> int:
    """Create a company with the full chart; returns its id."""
    with admin_session(engine) as session:
        company = create_company(session, nit=fresh_nit(), name=name)
        assert company.id is not None
        return company.id
