"""Imports: upload DIAN files (XML, ZIP, XLSX) and read them without registering anything."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel

from api.deps import ToolCtx
from api.errors import ApiError
from api.uploads import new_upload, relative_paths, safe_name
from tools.dian.tool import InspectDianFilesInput, InspectDianFilesOutput
from tools.registry import run_tool

router = APIRouter(prefix="/imports", tags=["imports"])

CHUNK = 1024 * 1024


class ImportOut(BaseModel):
    upload_id: str
    files: list[str]
    inspection: InspectDianFilesOutput


@router.post("", response_model=ImportOut, status_code=201)
def upload_files(ctx: ToolCtx, files: Annotated[list[UploadFile], File()]) -> ImportOut:
    """Upload DIAN files and get what each contains (documents, issues, failures)."""
    if not files:
        raise ApiError(400, "sin_archivos", "Adjunta al menos un archivo XML, ZIP o XLSX.")
    names = [safe_name(f.filename or "archivo") for f in files]
    limit = ctx.settings.max_upload_bytes
    upload_id, folder = new_upload(ctx.settings, ctx.company_id)
    written = 0
    for upload, name in zip(files, names, strict=True):
        with (folder / name).open("wb") as out:
            while chunk := upload.file.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise ApiError(
                        413, "archivo_muy_grande", "Los archivos superan el tamaño máximo."
                    )
                out.write(chunk)
    paths = relative_paths(ctx.settings, ctx.company_id, upload_id)
    result = run_tool(ctx, "inspect_dian_files", InspectDianFilesInput(paths=paths))
    assert isinstance(result, InspectDianFilesOutput)
    return ImportOut(upload_id=upload_id, files=names, inspection=result)
