"""`cuadre payroll source`: the payroll product's password is stored sealed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from cuadre.cli.context import open_engine
from cuadre.cli.main import app
from cuadre.sealing import sealer
from cuadre.settings import get_settings
from ledger.db import admin_session
from ledger.models import PayrollSource
from tests.cli.runner import ok as invoke
from tests.cli.runner import runner

pytestmark = pytest.mark.usefixtures("data_dir")


def test_the_source_password_is_sealed_in_the_database_and_opens_with_the_key() -> None:
    invoke("companies", "create", "--nit", "900373115-3", "--name", "Taller La 14 SAS")
    invoke("payroll", "source", "--username", "api@taller.co", "--secret", "N0mina-2025!")
    with admin_session(open_engine(get_settings())) as session:
        stored = session.exec(select(PayrollSource)).one().secret
    assert "N0mina" not in stored
    assert sealer(get_settings()).open(stored) == "N0mina-2025!"


def test_a_secret_too_long_to_seal_is_refused_in_spanish() -> None:
    invoke("companies", "create", "--nit", "900373115-3", "--name", "Taller La 14 SAS")
    result = runner.invoke(
        app, ["payroll", "source", "--username", "api@taller.co", "--secret", "x" * 151]
    )
    assert result.exit_code != 0 and "entre 1 y 150 caracteres" in result.output
