"""Uploaded DIAN files: read from the request (size-capped) and stored in the database.

Nothing is written before every file of the request has been read and checked, and the
files of one request are stored in one transaction (`tools.files.save_upload`). Clients
refer to an upload by its id; its files are always looked up within the caller's
company, so a client can never point a tool at another company's files. Any worker
serves any upload: paths are made on demand in its local cache (`tools.files`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile
from sqlalchemy import Engine

from api.errors import ApiError
from cuadre.settings import Settings
from tools.errors import ToolError
from tools.files import (
    ALLOWED_SUFFIXES,
    local_paths,
    parse_ref,
    safe_name,
    save_upload,
    upload_refs,
)

__all__ = ["ALLOWED_SUFFIXES", "read_files", "safe_name", "store_files", "upload_paths"]

CHUNK = 1024 * 1024
TOO_BIG = "Los archivos superan el tamaño máximo."


def read_files(
    settings: Settings, files: Sequence[UploadFile], suffixes: tuple[str, ...] = ALLOWED_SUFFIXES
) -> list[tuple[str, bytes]]:
    """Each file's safe name and bytes; refuses bad types and more than the size limit."""
    if not files:
        raise ToolError("sin_archivos", "Adjunta al menos un archivo de la DIAN.")
    names = [safe_name(upload.filename or "archivo", suffixes) for upload in files]
    written = 0
    read: list[tuple[str, bytes]] = []
    for upload, name in zip(files, names, strict=True):
        parts: list[bytes] = []
        while chunk := upload.file.read(CHUNK):
            written += len(chunk)
            if written > settings.max_upload_bytes:
                raise ApiError(413, "archivo_muy_grande", TOO_BIG)
            parts.append(chunk)
        read.append((name, b"".join(parts)))
    return read


def store_files(
    settings: Settings,
    engine: Engine,
    company_id: int,
    files: Sequence[UploadFile],
    suffixes: tuple[str, ...] = ALLOWED_SUFFIXES,
) -> tuple[str, list[str]]:
    """Store the request's files as one upload: its id and the files' references."""
    refs = save_upload(engine, company_id, read_files(settings, files, suffixes))
    first = parse_ref(refs[0])
    assert first is not None
    return first.upload_id, refs


def upload_paths(settings: Settings, engine: Engine, company_id: int, upload_id: str) -> list[Path]:
    """Local paths (this worker's cache) of the files of one of the company's uploads."""
    refs = upload_refs(engine, company_id, upload_id)
    return [Path(path) for path in local_paths(engine, settings, company_id, refs)]
