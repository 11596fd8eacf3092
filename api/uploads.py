"""Uploaded DIAN files: stored under the data directory, one folder per company and upload.

Clients refer to an upload by its id; the path is always rebuilt here from the caller's
company, so a client can never point a tool at another company's files.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from cuadre.settings import Settings
from tools.errors import ToolError

ALLOWED_SUFFIXES = (".xml", ".zip", ".xlsx")
_UPLOAD_ID = re.compile(r"^[0-9a-f]{24}$")
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def safe_name(filename: str) -> str:
    """A file name without directories or odd characters; refuses unsupported types."""
    name = _UNSAFE.sub("_", Path(filename.replace("\\", "/")).name).lstrip(".")[:120] or "archivo"
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise ToolError(
            "tipo_de_archivo",
            f"«{filename}» no es un archivo de la DIAN que pueda leer: envía XML, ZIP o XLSX.",
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
