"""`cuadre inbox ...` and `cuadre expense-agent ...` end to end on a temporary data directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import ok
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
