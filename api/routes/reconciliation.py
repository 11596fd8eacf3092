"""The fiscal reconciler over REST: the DIAN against the books, as JSON or a workbook.

The DIAN side is an upload's files (`upload_id`, from `POST /imports`), one sync job
(`job_id`), or by default every DIAN document on record (`tools.sync.reconcile_sources`).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import CurrentPrincipal, SessionDep, ToolCtx
from api.lookups import tool_lookup
from api.uploads import upload_paths
from tools.registry import Preview
from tools.sync.reconcile import CATEGORIES_ES, Reconciliation, write_xlsx
from tools.sync.reconcile_sources import Registered, preview_one, reconcile_period, register_one

router = APIRouter(prefix="/reconciliation", tags=["reconciliation"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Start = Annotated[date, Query(alias="from", description="Desde (AAAA-MM-DD).")]
End = Annotated[date, Query(alias="to", description="Hasta (AAAA-MM-DD).")]
UploadId = Annotated[str | None, Query(max_length=64, description="Carga de `POST /imports`.")]
JobId = Annotated[int | None, Query(ge=1, le=2**31 - 1, description="Sincronización.")]


class ReconciliationOut(Reconciliation):
    labels: dict[str, str] = Field(default=CATEGORIES_ES, description="Categoría en español.")


class RegisterIn(BaseModel):
    number: str = Field(min_length=1, max_length=120, description="Número o CUFE faltante.")
    start: date
    end: date
    upload_id: str | None = Field(default=None, max_length=64)
    job_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


def _files(ctx: ToolCtx, upload_id: str | None) -> list[Path] | None:
    return upload_paths(ctx.settings, ctx.engine, ctx.company_id, upload_id) if upload_id else None


@router.get("", response_model=ReconciliationOut)
def reconciliation(
    ctx: ToolCtx,
    session: SessionDep,
    start: Start,
    end: End,
    upload_id: UploadId = None,
    job_id: JobId = None,
) -> ReconciliationOut:
    """Each document in one category: matched, only in the DIAN, only in the books, ..."""
    with tool_lookup():
        result = reconcile_period(session, start, end, files=_files(ctx, upload_id), job_id=job_id)
    return ReconciliationOut(**result.model_dump())


@router.get(
    ".xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "Libro con resumen y detalle."}},
)
def reconciliation_xlsx(
    ctx: ToolCtx,
    session: SessionDep,
    start: Start,
    end: End,
    upload_id: UploadId = None,
    job_id: JobId = None,
) -> Response:
    """The same reconciliation as an Excel workbook (sheets Resumen and Detalle)."""
    with tool_lookup():
        result = reconcile_period(session, start, end, files=_files(ctx, upload_id), job_id=job_id)
    with tempfile.TemporaryDirectory() as folder:
        data = write_xlsx(result, Path(folder) / "conciliacion.xlsx").read_bytes()
    name = f"conciliacion_{start:%Y%m%d}_{end:%Y%m%d}.xlsx"
    return Response(
        data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.post("/register/preview", response_model=Preview)
def register_preview(ctx: ToolCtx, body: RegisterIn) -> Preview:
    """What registering one missing document would write (entry, payment, the rules
    applied); nothing is written."""
    with tool_lookup():
        files = _files(ctx, body.upload_id)
    with tool_lookup():
        return preview_one(
            ctx.engine,
            ctx.company_id,
            body.number,
            body.start,
            body.end,
            sync_date=ctx.today(),
            files=files,
            job_id=body.job_id,
        )


@router.post("/register", response_model=Registered, status_code=201)
def register(ctx: ToolCtx, principal: CurrentPrincipal, body: RegisterIn) -> Registered:
    """Record one document the DIAN has and the books lack, with the sync's rules."""
    with tool_lookup():
        files = _files(ctx, body.upload_id)
    with tool_lookup():
        return register_one(
            ctx.engine,
            ctx.company_id,
            body.number,
            body.start,
            body.end,
            actor=principal.user_name or "api",
            sync_date=ctx.today(),
            files=files,
            job_id=body.job_id,
        )
