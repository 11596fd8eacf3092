"""Imports: upload DIAN files (XML, ZIP, XLSX) and read them without registering anything."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel

from api.deps import ToolCtx
from api.errors import ApiError
from api.uploads import store_files
from tools.dian.tool import InspectDianFilesInput, InspectDianFilesOutput
from tools.files import display_name
from tools.registry import run_tool

router = APIRouter(prefix="/imports", tags=["imports"])


class ImportOut(BaseModel):
    upload_id: str
    files: list[str]
    inspection: InspectDianFilesOutput


@router.post("", response_model=ImportOut, status_code=201)
def upload_files(ctx: ToolCtx, files: Annotated[list[UploadFile], File()]) -> ImportOut:
    """Upload DIAN files and get what each contains (documents, issues, failures)."""
    if not files:
        raise ApiError(400, "sin_archivos", "Adjunta al menos un archivo XML, ZIP o XLSX.")
    upload_id, refs = store_files(ctx.settings, ctx.engine, ctx.company_id, files)
    result = run_tool(ctx, "inspect_dian_files", InspectDianFilesInput(paths=refs))
    assert isinstance(result, InspectDianFilesOutput)
    return ImportOut(
        upload_id=upload_id, files=[display_name(ref) for ref in refs], inspection=result
    )
