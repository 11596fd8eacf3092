"""`cuadre inbox ...` and `cuadre expense-agent ...` end to end on a temporary data directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cuadre.cli.main import app
from cuadre.settings import get_settings
from tests.cli.runner import ok, runner
from tests.tools.inbox.conftest import write_xml
from tests.tools.sync.docs import OURS, spec

pytestmark = pytest.mark.usefixtures("data_dir")


def test_upload_register_and_the_agent_panel(tmp_path: Path) -> None:
    nit = f"{OURS.nit}-{OURS.dv}"
    ok("companies", "create", "--nit", nit, "--name", OURS.name, "--ciiu", "4752")
    shown = ok("expense-agent", "activate", "--user", "Ana María")
    assert "Hola, Ana" in shown and "Registrar los documentos de compra" in shown
    path = write_xml(tmp_path, spec())
    assert "Nuevas: 1. Repetidas: 0." in ok("inbox", "upload", str(path))
    assert "Nuevas: 0. Repetidas: 1." in ok("inbox", "upload", str(path))
    [row] = json.loads(ok("inbox", "list", "--json"))
    assert row["status"] == "pending" and row["number"] == "FE1001"
    registered = ok("inbox", "register", str(row["id"]), "--account", "2=514510", "--yes")
    assert "143505" in registered and "elegida por usted" in registered
    assert "FE1001: registrada" in registered
    shown_entry = json.loads(ok("inbox", "show", str(row["id"]), "--json"))
    assert [line["account_code"] for line in shown_entry["lineas"]] == ["143505", "514510"]
    panel = ok("expense-agent", "status")
    assert "Agente de gastos: activo" in panel
    assert "Facturas registradas: 0" in panel  # registered by a person: no time saved
    assert "en pausa" in ok("expense-agent", "pause")
    assert "Agente de gastos: en pausa" in ok("expense-agent", "status")
    assert "activo" in ok("expense-agent", "start")
    assert json.loads(ok("expense-agent", "summary", "--json")) == []


def test_the_portal_link_is_stored_masked_and_a_foreign_one_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUADRE_DIAN_PORTAL_ALLOWED_HOSTS", '["catalogo-vpfe.dian.gov.co"]')
    get_settings.cache_clear()
    ok("companies", "create", "--nit", f"{OURS.nit}-{OURS.dv}", "--name", OURS.name)
    link = "https://catalogo-vpfe.dian.gov.co/User/AuthToken?pk=1&rk=2&token=s3cr3t-t0k3n"
    shown = ok("inbox", "portal-link", link, "--days", "10")
    assert "últimos 10 días" in shown and "s3cr3t" not in shown
    refused = runner.invoke(app, ["inbox", "portal-link", "https://evil.example/?token=x"])
    assert refused.exit_code != 0 and "no es del portal de la DIAN" in refused.output
