"""`cuadre files prune`: a preview in Spanish by default, deletion only with --apply."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from cuadre.cli.context import open_engine
from cuadre.cli.main import app
from cuadre.settings import get_settings
from ledger.db import company_session
from ledger.models import StoredFile
from tests.cli.runner import ok, runner
from tests.utils.uploads import backdated_upload
from tools.files import local_path
from tools.sync.job import create_job

pytestmark = pytest.mark.usefixtures("data_dir")
MB = 1_048_576


def old_upload(company_id: int, name: str, size: int, age_days: int) -> str:
    """A one-file upload of `size` bytes that arrived `age_days` ago; its reference."""
    arrived = datetime.now(UTC) - timedelta(days=age_days)
    return backdated_upload(open_engine(), company_id, name, b"x" * size, arrived=arrived)


def stored_names(company_id: int) -> list[str]:
    with company_session(open_engine(), company_id) as session:
        return sorted(session.exec(select(StoredFile.name)).all())


def test_preview_then_apply_per_company() -> None:
    ok("companies", "create", "--nit", "900373115-3", "--name", "TALLER LA 14 SAS")
    ok("companies", "create", "--nit", "900108281-3", "--name", "PANADERÍA LA ESPIGA SAS")
    taller, panaderia = 1, 2
    old_upload(taller, "listado_2024.xlsx", 3 * MB // 2, 45)
    old_upload(taller, "compras.zip", MB, 31)
    old_upload(taller, "reciente.xml", MB, 2)
    unread = old_upload(taller, "en_lectura.zip", MB, 60)
    job_id = create_job(open_engine(), taller, files=[unread])  # not read yet: kept
    cached_ref = old_upload(panaderia, "viejo.xml", MB // 2, 90)
    copy = Path(local_path(open_engine(), get_settings(), panaderia, cached_ref))
    moment = time.time() - 10 * 86400
    os.utime(copy, (moment, moment))

    preview = ok("files", "prune")
    assert "Vista previa: no se borró nada." in preview
    assert "Cargas de más de 30 días que nada está usando, por empresa:" in preview
    assert "TALLER LA 14 SAS" in preview and "900373115-3" in preview and "2,50 MB" in preview
    assert "PANADERÍA LA ESPIGA SAS" in preview and "0,50 MB" in preview
    assert "Se borrarían 3 cargas (3 archivos, 3,00 MB)." in preview
    unread_id = unread.split(":")[1].split("/")[0]
    kept = f"Se conserva la carga {unread_id} de TALLER LA 14 SAS: la usa sincronización {job_id}"
    assert f"{kept} (conectando)." in preview
    assert "se borraría 1 copia (0,50 MB); se conservan 0." in preview  # this machine's cache
    assert "Para borrar de verdad: cuadre files prune --apply" in preview
    assert stored_names(taller) == [
        "compras.zip",
        "en_lectura.zip",
        "listado_2024.xlsx",
        "reciente.xml",
    ]
    assert copy.exists()

    figures = json.loads(ok("files", "prune", "--json", "--company-nit", "900373115-3"))
    assert (figures["aplicado"], figures["cargas"], figures["bytes"]) == (False, 2, 5 * MB // 2)
    assert [company["nombre"] for company in figures["empresas"]] == ["TALLER LA 14 SAS"]

    done = ok("files", "prune", "--apply")
    assert "Se borraron 3 cargas (3 archivos, 3,00 MB)." in done and "Vista previa" not in done
    assert stored_names(taller) == ["en_lectura.zip", "reciente.xml"]
    assert stored_names(panaderia) == []
    assert not copy.exists()
    assert "No hay cargas para borrar." in ok("files", "prune")
    # A shorter retention, asked for once, reaches the two-day-old upload.
    assert "Se borraría 1 carga (1 archivo, 1,00 MB)." in ok("files", "prune", "--days", "1")


def test_an_unknown_company_is_refused_in_spanish() -> None:
    ok("companies", "create", "--nit", "900373115-3", "--name", "TALLER LA 14 SAS")
    result = runner.invoke(app, ["files", "prune", "--company-nit", "800000000"])
    assert result.exit_code == 1
    assert "No hay ninguna empresa con NIT 800000000." in result.output
