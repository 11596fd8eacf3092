"""schemathesis against the OpenAPI schema, authenticated: no input makes a 500.

The schema is loaded when the module is imported (schemathesis parametrizes at
collection), so this module builds its own small deployment in a temporary directory.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from api.app import create_app
from ledger.db import init_db, make_engine
from tests.api.conftest import seed_tenant, settings_for

_TMP = Path(tempfile.mkdtemp(prefix="cuadre-fuzz-"))
atexit.register(shutil.rmtree, _TMP, True)
_SETTINGS = settings_for(_TMP, max_upload_bytes=256 * 1024)
_ENGINE = make_engine(_SETTINGS.sqlalchemy_url)
init_db(_ENGINE)
ANA = seed_tenant(_ENGINE, "FERRETERÍA EL TORNILLO FELIZ SAS", "ana@tornillo.co", "TORNILLO")
seed_tenant(_ENGINE, "PANADERÍA LA OTRA SAS", "beto@otra.co", "OTRAEMPRESA")
APP = create_app(_SETTINGS, engine=_ENGINE)

# Chat turns run the agent (seconds each) and have their own tests.
schema = (
    schemathesis.openapi.from_asgi("/openapi.json", APP)
    .exclude(path_regex=r"^/api/v1/chat")
    .exclude(path="/api/v1/auth/logout")
)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_input_makes_a_server_error(case: schemathesis.Case) -> None:
    response = case.call(headers=ANA.bearer)
    assert response.status_code < 500, (case.method, case.path, response.content[:300])
    content_type = str(response.headers.get("content-type", ""))
    if response.status_code >= 400 and "application/json" in content_type:
        error = response.json()["error"]
        assert error["code"] and error["message"]
    assert b"OTRAEMPRESA" not in response.content  # bytes: the workbook download is binary
