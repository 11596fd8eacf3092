"""Uploaded files live in the database; workers copy them to a local cache when needed.

An upload is referred to as `upload:<upload_id>/<name>` wherever the reference crosses
a process boundary (sync jobs, the agent's checkpointed tool arguments, chat
attachments): any process on any machine sharing the database can turn it back into a
path with `local_path`, which writes `<data_dir>/cache/uploads/<company>/<id>/<name>`
atomically and checks it against the stored SHA-256. Plain local paths (files the
person names on their own machine, from the CLI) pass through unchanged.

Uploads and cached copies do not stay forever: `tools.files_retention` says which may go,
`tools.files_prune` deletes old unreferenced uploads and `tools.files_cache` evicts
copies; every use of a copy refreshes its mtime, under the cache lock, for that reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import StoredFile
from tools.errors import ToolError
from tools.files_cache import PARTIAL_PREFIX, cache_lock, cache_root

SCHEME = "upload:"
ALLOWED_SUFFIXES = (".xml", ".zip", ".xlsx")
_UPLOAD_ID = re.compile(r"^[0-9a-f]{24}$")
_NAME = re.compile(r"^[0-9A-Za-z_-][0-9A-Za-z._-]{0,159}$")
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")
NOT_FOUND = "No encuentro esa carga de archivos."


@dataclass(frozen=True)
class UploadRef:
    """One file of one upload; `str()` gives the portable reference."""

    upload_id: str
    name: str

    def __str__(self) -> str:
        return f"{SCHEME}{self.upload_id}/{self.name}"


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


def parse_ref(raw: str | os.PathLike[str]) -> UploadRef | None:
    """The upload a reference names, None for a plain path; malformed ones are refused."""
    text = str(raw)
    if not text.startswith(SCHEME):
        return None
    upload_id, _, name = text[len(SCHEME) :].partition("/")
    if not _UPLOAD_ID.match(upload_id) or not _NAME.match(name):
        raise ToolError("carga_no_existe", NOT_FOUND)
    return UploadRef(upload_id, name)


def save_upload(engine: Engine, company_id: int, files: Sequence[tuple[str, bytes]]) -> list[str]:
    """Store the files (already-safe names, bytes) as one new upload; their references.

    One transaction: either every file is stored or none is."""
    if not files:
        raise ToolError("sin_archivos", "Adjunta al menos un archivo de la DIAN.")
    upload_id = secrets.token_hex(12)
    refs: list[str] = []
    with company_session(engine, company_id) as session:
        used: set[str] = set()
        for number, (name, data) in enumerate(files):
            if name in used:  # two files of the same name: keep both
                name = f"{number}_{name}"[:160]
            used.add(name)
            session.add(
                StoredFile(
                    company_id=company_id,
                    upload_id=upload_id,
                    name=name,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    content=data,
                )
            )
            refs.append(str(UploadRef(upload_id, name)))
        session.commit()
    return refs


def upload_refs(engine: Engine, company_id: int, upload_id: str) -> list[str]:
    """The references of the files of one of the company's uploads (by name)."""
    if not _UPLOAD_ID.match(upload_id):
        raise ToolError("carga_no_existe", NOT_FOUND)
    with company_session(engine, company_id) as session:
        names = session.exec(
            select(StoredFile.name)
            .where(StoredFile.upload_id == upload_id)
            .order_by(col(StoredFile.name))
        ).all()
    if not names:
        raise ToolError("carga_no_existe", NOT_FOUND)
    return [str(UploadRef(upload_id, name)) for name in names]


def check_refs(engine: Engine, company_id: int, refs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse references to uploads this company does not have (checked, not copied)."""
    for raw in refs:
        ref = parse_ref(raw)
        if ref is not None and str(ref) not in upload_refs(engine, company_id, ref.upload_id):
            raise ToolError("archivo_no_existe", f"No encuentro «{ref.name}» en la carga.")


def cache_folder(settings: Settings, company_id: int, upload_id: str) -> Path:
    """Where this machine keeps its copy of one upload."""
    return cache_root(settings) / str(company_id) / upload_id


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            sha.update(chunk)
    return sha.hexdigest()


def materialize(engine: Engine, settings: Settings, company_id: int, ref: UploadRef) -> Path:
    """A local path with the stored bytes of `ref` (reused when the cached copy matches)."""
    folder = cache_folder(settings, company_id, ref.upload_id)
    path = folder / ref.name
    same = (StoredFile.upload_id == ref.upload_id, StoredFile.name == ref.name)
    with company_session(engine, company_id) as session:
        # The digest first: a warm cache never loads the bytes from the database.
        expected = session.exec(select(StoredFile.sha256).where(*same)).first()
        if expected is None:
            raise ToolError("archivo_no_existe", f"No encuentro «{ref.name}» en la carga.")
        # Shared cache lock: eviction (`tools.files_cache`) waits, then sees the fresh mtime.
        with cache_lock(settings, exclusive=False):
            if path.is_file() and _digest(path) == expected:
                os.utime(path)  # "used now": keeps the copy from eviction
                return path
        data = bytes(session.exec(select(StoredFile.content).where(*same)).one())
    if hashlib.sha256(data).hexdigest() != expected:
        raise ToolError("archivo_danado", f"«{ref.name}» llegó dañado; vuelve a enviarlo.")
    with cache_lock(settings, exclusive=False):
        folder.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename: a reader never sees half a file, and two
        # workers materializing the same upload both end with the same complete bytes.
        fd, part = tempfile.mkstemp(dir=folder, prefix=PARTIAL_PREFIX)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(part, path)
        except BaseException:
            Path(part).unlink(missing_ok=True)
            raise
    return path


def local_path(
    engine: Engine, settings: Settings, company_id: int, raw: str | os.PathLike[str]
) -> str:
    """A path this process can open: upload references are materialized, the rest kept."""
    ref = parse_ref(raw)
    return str(raw) if ref is None else str(materialize(engine, settings, company_id, ref))


def local_paths(
    engine: Engine, settings: Settings, company_id: int, raws: Iterable[str | os.PathLike[str]]
) -> list[str]:
    """`local_path` of each reference, in order."""
    return [local_path(engine, settings, company_id, raw) for raw in raws]


def display_name(raw: str | os.PathLike[str]) -> str:
    """What to call a file in messages: the upload's file name, or the path as given."""
    ref = parse_ref(raw)
    return str(raw) if ref is None else ref.name
