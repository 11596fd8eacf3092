"""`cuadre slack link`: an administrator ties a Slack member to a user of the company."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.channels.links import principal_for_slack
from cuadre.cli.main import app
from cuadre.settings import get_settings
from ledger.db import make_engine

runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CUADRE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_link_a_member_then_refuse_a_stranger(tmp_path: Path) -> None:
    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, result.output

    assert run("companies", "create", "--nit", "900123456-8", "--name", "TORNILLO SAS")[0] == 0
    assert run("users", "create", "--email", "ana@tornillo.co", "--name", "Ana",
               "--password", "clave-segura-123")[0] == 0  # fmt: skip
    code, out = run("slack", "link", "--team", "t01", "--user", "u02", "--email", "ana@tornillo.co")
    assert code == 0 and "U02 (T01) queda vinculado a ana@tornillo.co" in out
    engine = make_engine(get_settings().sqlalchemy_url)
    principal = principal_for_slack(engine, "T01", "U02")
    engine.dispose()
    assert principal is not None and principal.user_name == "Ana"
    code, out = run("slack", "link", "--team", "T01", "--user", "U03", "--email", "x@otra.co")
    assert code != 0 and "no es usuario de esa empresa" in out
