"""Uploaded DIAN files: stored under the data directory, one folder per company and upload.

Clients refer to an upload by its id; the path is always rebuilt here from the caller's
company, so a client can never point a tool at another company's files.
"""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile

from api.errors import ApiError
from cuadre.settings import Settings
from tools.errors import ToolError

ALLOWED_SUFFIXES = (".xml", ".zip", ".xlsx")
_UPLOAD_ID = re.compile(r"^[0-9a-f]{24}$")
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def safe_name(filename: str, suffixes: tuple[str, ...] = ALLOWED_SUFFIXES) -> str:
    """A file name without directories or odd characters; refuses unsupported types."""
    name = _UNSAFE.sub("_", Path(filename.replace("\\", "/")).name).lstrip(".")[:120] or "archivo"
    if not name.lower().endswith(suffixes):
        kinds = [suffix.lstrip(".").upper() for suffix in suffixes]
        listed = ", ".join(kinds[:-1]) + f" o {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        raise ToolError(
            "tipo_de_archivo",
            f"«{filename}» no es un archivo de la DIAN que pueda leer: envía {listed}.",
        )
    return name


def new_upload(settings: Settings, company_id: int) -> tuple[str, Path]:
    """A fresh upload id and its (created) folder."""
    upload_id = secrets.token_hex(12)
    folder = settings.data_dir / "uploads" / str(company_id) / upload_id
    folder.mkdir(parents=True, exist_ok=True)
    return upload_id, folder


def relative_paths(settings: Settings, company_id: int, upload_id: str) -> list[str]:
    """The files of one of the company's uploads, relative to the data directory."""
    if not _UPLOAD_ID.match(upload_id):
        raise ToolError("carga_no_existe", "No encuentro esa carga de archivos.")
    folder = settings.data_dir / "uploads" / str(company_id) / upload_id
    if not folder.is_dir():
        raise ToolError("carga_no_existe", "No encuentro esa carga de archivos.")
    return [path.relative_to(settings.data_dir).as_posix() for path in sorted(folder.iterdir())]


CHUNK = 1024 * 1024


def store_files(
    settings: Settings,
    company_id: int,
    files: Sequence[UploadFile],
    suffixes: tuple[str, ...] = ALLOWED_SUFFIXES,
) -> tuple[str, list[Path]]:
    """Write uploaded files to a fresh upload folder (size-capped); its id and the paths."""
    if not files:
        raise ToolError("sin_archivos", "Adjunta al menos un archivo de la DIAN.")
    names = [safe_name(upload.filename or "archivo", suffixes) for upload in files]
    upload_id, folder = new_upload(settings, company_id)
    written = 0
    paths: list[Path] = []
    for upload, name in zip(files, names, strict=True):
        path = folder / name
        if path.exists():  # two files of the same name: keep both
            path = folder / f"{len(paths)}_{name}"
        with path.open("wb") as out:
            while chunk := upload.file.read(CHUNK):
                written += len(chunk)
                if written > settings.max_upload_bytes:
                    shutil.rmtree(folder, ignore_errors=True)
                    raise ApiError(
                        413, "archivo_muy_grande", "Los archivos superan el tamaño máximo."
                    )
                out.write(chunk)
        paths.append(path)
    return upload_id, paths


def upload_paths(settings: Settings, company_id: int, upload_id: str) -> list[Path]:
    """Absolute paths of the files of one of the company's uploads."""
    return [settings.data_dir / rel for rel in relative_paths(settings, company_id, upload_id)]
