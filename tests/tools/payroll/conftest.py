"""Payroll tests: a company with its payroll mapped, and the stand-in payroll API served."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from cuadre.sealing import Sealer
from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import CostCenter, PayrollSource
from tests.stand_ins.payroll_api import SECRET, USERNAME, make_payroll_app
from tests.utils.companies import new_company
from tests.utils.live_server import live_server
from tools.payroll.concepts import CONCEPTS
from tools.payroll.mapping import set_mapping


@pytest.fixture(scope="module")
def payroll_app() -> FastAPI:
    return make_payroll_app()


@pytest.fixture(scope="module")
def payroll_url(payroll_app: FastAPI) -> Iterator[str]:
    with live_server(payroll_app) as url:
        yield url


def mapped_company(engine: Engine, *, base_url: str, secret: str = SECRET) -> int:
    """A company with every concept on its suggested account (salaries on cost center ADM)."""
    company_id = new_company(engine, "TALLER LA NÓMINA SAS")
    with company_session(engine, company_id) as session:
        session.add(CostCenter(company_id=company_id, code="ADM", name="Administración"))
        session.add(
            PayrollSource(
                company_id=company_id,
                base_url=base_url,
                username=USERNAME,
                secret=Sealer.from_secret(Settings().secret_key).seal(secret),
            )
        )
        session.commit()
        for item in CONCEPTS:
            center = "ADM" if item.code == "salaries" else None
            set_mapping(session, company_id, item.code, item.suggested, center)
    return company_id
