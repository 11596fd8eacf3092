"""`cuadre invoices ...` end to end: DIAN and SMTP stand-ins on 127.0.0.1, real clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cuadre.cli.main import app
from cuadre.settings import get_settings
from tests.stand_ins.dian_ws import DianStandIn
from tests.stand_ins.smtp import Mailbox, free_port, smtp_server
from tests.tools.einvoice.factories import self_signed_pkcs12

runner = CliRunner()


@pytest.fixture
def stand_ins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[DianStandIn, Mailbox]]:
    bundle, _ = self_signed_pkcs12("clave")
    (tmp_path / "firma.p12").write_bytes(bundle)
    mailbox, port = Mailbox(), free_port()
    controller = smtp_server(mailbox, port)
    controller.start()
    with DianStandIn() as dian:
        for name, value in {
            "CUADRE_DATA_DIR": str(tmp_path),
            "CUADRE_EINVOICE_CERT_PATH": str(tmp_path / "firma.p12"),
            "CUADRE_EINVOICE_CERT_PASSWORD": "clave",
            "CUADRE_DIAN_WS_URL": dian.url,
            "CUADRE_DIAN_WS_TIMEOUT_SECONDS": "2",
            "CUADRE_SMTP_URL": f"smtp://cuadre:s3creta@127.0.0.1:{port}",
            "CUADRE_SMTP_SENDER": "facturacion@laespiga.com.co",
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("CUADRE_DATABASE_URL", raising=False)
        get_settings.cache_clear()
        yield dian, mailbox
    controller.stop()
    get_settings.cache_clear()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_issue_draft_outbox_mail_and_timeline(stand_ins: tuple[DianStandIn, Mailbox]) -> None:
    dian, mailbox = stand_ins
    _ok("companies", "create", "--nit", "900373115-3", "--name", "Panadería La Espiga SAS")
    _ok("invoices", "setup", "--address", "Calle 72 # 10-34", "--email",
        "facturacion@laespiga.com.co", "--software-id", "56f2ae4e", "--pin", "20191")  # fmt: skip
    added = _ok("invoices", "resolution", "add", "--number", "18760000001", "--prefix", "FE",
                "--from", "1", "--to", "5000", "--valid-from", "2025-01-01",
                "--valid-to", "2099-12-31")  # fmt: skip
    assert "Resolución 18760000001: FE1 a FE5000." in added
    draft = _ok("invoices", "create", "--customer-nit", "830048145-8", "--customer-name",
                "Cafetería El Parque Ltda.", "--customer-email", "compras@elparque.com.co",
                "--line", "Pan tajado:120:4500:19", "--line", "Huevos AA:2:16500:excluido",
                "--draft")  # fmt: skip
    assert "Guardado como borrador 1 por $ 675.600,00 (borrador)." in draft
    dian.control.down_next(1)
    issued = _ok("invoices", "issue", "--drafts")
    assert "borrador 1 -> FE1" in issued
    first = _ok("invoices", "outbox")
    assert "0 aceptado(s)" in first and "1 por reintentar" in first
    refused = runner.invoke(app, ["invoices", "contingency", "on"])
    assert refused.exit_code == 1 and "no está confirmada" in refused.output
    listed = json.loads(_ok("invoices", "list", "--json"))
    assert [(d["documento"], d["estado"]) for d in listed] == [("FE1", "en proceso")]
    timeline = _ok("invoices", "show", "FE-1")
    assert "No hubo conexión con la DIAN" in timeline and "Se reintentará" in timeline
    assert "aún no consume número" in timeline
    assert mailbox.messages == []
    assert "FE1 se enviará a la DIAN" in _ok("invoices", "resend", "FE1")
    second = _ok("invoices", "outbox")
    assert "1 aceptado(s)" in second and "Correo: 1 enviado(s)" in second
    [message] = mailbox.messages
    assert message["Subject"].startswith("900373115;Panadería La Espiga SAS;FE1;01;")
    assert "Enviado por correo a compras@elparque.com.co" in _ok("invoices", "show", "FE1")
    assert "La empresa factura normalmente" in _ok("invoices", "contingency", "status")
