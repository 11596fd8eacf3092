"""The ledger commands end to end on a temporary data directory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cuadre.cli.main import app
from cuadre.settings import get_settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CUADRE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def _json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_demo_twice_posts_once_and_squares() -> None:
    first = runner.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    out = " ".join(first.stdout.split())  # rich wraps lines at the terminal width
    assert "6 asientos nuevos" in out
    # The scripted conversation (issue 5): a cited rule answer, the DIAN year imported
    # through the agent with two previews each confirmed (issue 6), and a report.
    question = out.index("tú> oye xq mis compras de la dian")
    assert "Gastos y costos por datos iniciales - DIAN" in out[question:]
    assert "Fuente: Sincronización con la DIAN" in out[question:]
    staged = out.index("tú> importa esto de la dian porfa")
    assert "listado_2024.xlsx" in out[staged:]
    assert out.index("Leeré 2 archivo(s) de la DIAN") > staged
    assert out.index("tú> sí") > out.index("Leeré 2 archivo(s)")
    assert "lista para revisar" in out[out.index("tú> sí") :]
    commit_preview = out.index("Registraré ")
    assert out.index("tú> dale") > commit_preview > out.index("tú> listo, regístralos")
    assert "Lote: L-0001" in out[out.index("tú> dale") :]
    report = out[out.index("tú> como quedo el balance de prueba de 2024?") :]
    assert "Balance de prueba del 01/01/2024 al 31/12/2024" in report and "cuadra." in report
    after_first = _json("ledger", "journal")
    assert isinstance(after_first, list)
    assert any("datos iniciales DIAN" in e["description"] for e in after_first)
    second = runner.invoke(app, ["demo"])
    assert second.exit_code == 0, second.output
    again = " ".join(second.stdout.split())
    assert "ya estaban registrados" in again
    assert "ya están en los libros, lote L-0001" in again  # the DIAN year, once
    assert "Vista previa" not in again and "Fuente:" in again
    entries = _json("ledger", "journal")
    assert isinstance(entries, list) and entries == after_first
    own = [e for e in entries if "datos iniciales DIAN" not in e["description"]]
    assert len(own) == 6
    balance = _json("ledger", "trial-balance", "--level", "1")
    assert isinstance(balance, dict) and balance["balanced"] is True
    assert [row["code"] for row in balance["rows"]] == ["1", "2", "3", "4", "5", "6"]


def test_companies_create_list_and_default() -> None:
    created = runner.invoke(
        app, ["companies", "create", "--nit", "900373115-3", "--name", "Taller La 14 SAS"]
    )
    assert created.exit_code == 0, created.output
    assert "empresa por defecto" in created.stdout
    runner.invoke(app, ["companies", "create", "--nit", "800197268-4", "--name", "Otra SAS"])
    listed = _json("companies", "list")
    assert isinstance(listed, list)
    assert [(c["nit"], c["default"]) for c in listed] == [
        ("800197268-4", False),
        ("900373115-3", True),
    ]
    accounts = _json("accounts", "list", "--search", "comisiones bancarias", "--leaf")
    assert isinstance(accounts, dict)
    assert [a["code"] for a in accounts["accounts"]] == ["530515"]
    other = _json("accounts", "list", "--search", "111005", "--company-nit", "800197268-4")
    assert isinstance(other, dict) and other["total"] == 1


def test_user_errors_are_spanish_without_traceback() -> None:
    bad = runner.invoke(app, ["companies", "create", "--nit", "900373115-4", "--name", "X"])
    assert bad.exit_code == 1
    assert "dígito de verificación" in bad.output and "Traceback" not in bad.output
    none = runner.invoke(app, ["ledger", "trial-balance"])
    assert none.exit_code == 1 and "Aún no hay empresas" in none.output
    runner.invoke(app, ["demo"])
    bad_date = runner.invoke(app, ["ledger", "trial-balance", "--from", "31-01-2025"])
    assert bad_date.exit_code == 1 and "no es válida" in bad_date.output


def test_manual_entry_from_the_command_line() -> None:
    runner.invoke(app, ["demo"])
    posted = runner.invoke(
        app,
        ["ledger", "post", "--date", "2025-02-03", "-d", "Café para la tienda",
         "--line", "519525:12000", "--line", "110505::12000", "--yes"],
    )  # fmt: skip
    assert posted.exit_code == 0, posted.output
    journal = _json("ledger", "journal")
    assert isinstance(journal, list)
    assert f"Asiento {len(journal)} registrado" in posted.stdout  # after the demo's DIAN year
    refused = runner.invoke(
        app,
        ["ledger", "post", "--date", "2025-02-03", "-d", "Mal", "--line", "519525:1",
         "--line", "110505::2", "--yes"],
    )  # fmt: skip
    assert refused.exit_code == 1 and "no cuadra" in refused.output


@pytest.mark.postgres
def test_demo_on_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.ledger.conftest import database_urls

    urls = database_urls("postgresql", tmp_path)
    url = next(urls)
    try:
        # A bare postgresql:// URL, as people write it, uses the installed psycopg 3.
        monkeypatch.setenv(
            "CUADRE_DATABASE_URL", url.replace("postgresql+psycopg://", "postgresql://")
        )
        get_settings.cache_clear()
        assert runner.invoke(app, ["demo"]).exit_code == 0
        assert "ya estaban registrados" in runner.invoke(app, ["demo"]).stdout
        balance = _json("ledger", "trial-balance", "--level", "6")
        assert isinstance(balance, dict) and balance["balanced"] is True
        assert Decimal(balance["total_debit"]) > Decimal("42435000.00")  # plus the DIAN year
    finally:
        urls.close()
