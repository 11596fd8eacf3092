"""ZIP archives as suppliers e-mail them (XML + PDF), ZIPs of such ZIPs, guarded.

Nothing is ever extracted to disk. Each member is read into memory one at a time, up to
a size limit, so memory stays flat however large the archive. Guards: zip-slip member
paths, zip bombs (compression ratio and total uncompressed size, checked against the
declared sizes and again against the bytes really read), encrypted and corrupt members,
nesting depth. A bad member is reported and the archive goes on.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from tools.dian.errors import DianInputError

MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # uncompressed, per top-level archive, nested included
MAX_RATIO = 100  # XML deflates ~10:1; a bomb is ~1000:1
RATIO_FLOOR_BYTES = 1024 * 1024  # small members may compress extremely well, harmlessly
MAX_DEPTH = 3
MAX_ENTRIES = 20_000  # per archive; zipfile builds one object per entry on open
READABLE_SUFFIXES = (".xml", ".zip", ".xlsx")
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Member:
    """One readable archive entry: its path (nested zips joined by `/`) and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class MemberError:
    """One entry that could not be read, and why."""

    name: str
    error: DianInputError


class _Budget:
    __slots__ = ("used",)

    def __init__(self) -> None:
        self.used = 0


def open_zip(source: str | IO[bytes]) -> zipfile.ZipFile:
    """Open a ZIP or raise a Spanish `DianInputError` when it is corrupt, truncated or
    declares more entries than `MAX_ENTRIES` (checked before `zipfile` reads them all)."""
    entries = _declared_entries(source)
    if entries is not None and entries > MAX_ENTRIES:
        raise DianInputError(
            "zip_demasiadas_entradas",
            f"El ZIP declara {entries:,} archivos; el límite es {MAX_ENTRIES:,} por ZIP.".replace(
                ",", "."
            ),
        )
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise DianInputError(
            "zip_danado", f"El ZIP está dañado o incompleto y no se puede abrir ({exc})."
        ) from None


def _declared_entries(source: str | IO[bytes]) -> int | None:
    """Total entries from the end-of-central-directory record, read from the file's tail."""
    try:
        if isinstance(source, str):
            with open(source, "rb") as handle:
                return _entries_in_tail(handle)
        position = source.tell()
        try:
            return _entries_in_tail(source)
        finally:
            source.seek(position)
    except OSError:
        return None


def _entries_in_tail(handle: IO[bytes]) -> int | None:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(max(0, size - 65_557))  # EOCD (22 bytes) + the longest comment
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 12:
        return None  # not found: let zipfile judge the archive
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def guard_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose declared sizes are a bomb (used before openpyxl reads it)."""
    total = 0
    for info in archive.infolist():
        _check_declared(info)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _total_exceeded()


def iter_members(archive: zipfile.ZipFile) -> Iterator[Member | MemberError]:
    """Every readable entry of `archive` (nested ZIPs opened in memory), or its error."""
    yield from _walk(archive, prefix="", depth=1, budget=_Budget())


def _walk(
    archive: zipfile.ZipFile, *, prefix: str, depth: int, budget: _Budget
) -> Iterator[Member | MemberError]:
    for info in archive.infolist():
        name = prefix + info.filename
        if info.is_dir():
            continue
        if not _safe_name(info.filename):
            yield MemberError(
                name,
                DianInputError(
                    "ruta_insegura",
                    f"La entrada «{info.filename}» del ZIP apunta fuera de la carpeta "
                    "(ataque zip-slip); se ignora.",
                ),
            )
            continue
        if not info.filename.lower().endswith(READABLE_SUFFIXES):
            continue  # the PDF beside the XML, images, signatures: nothing to read
        if info.flag_bits & 0x1:
            yield MemberError(
                name,
                DianInputError(
                    "zip_cifrado",
                    f"«{info.filename}» está protegido con contraseña; pide al proveedor el "
                    "archivo sin clave.",
                ),
            )
            continue
        try:
            _check_declared(info)
            if budget.used + info.file_size > MAX_TOTAL_BYTES:
                raise _total_exceeded()
            data = _read_bounded(archive, info)
        except DianInputError as exc:
            yield MemberError(name, exc)
            if exc.code == "zip_bomba_total":
                return
            continue
        budget.used += len(data)
        if budget.used > MAX_TOTAL_BYTES:
            yield MemberError(name, _total_exceeded())
            return
        if info.filename.lower().endswith(".zip") or (
            data.startswith(ZIP_MAGIC) and not info.filename.lower().endswith(".xlsx")
        ):
            yield from _nested(data, name, depth, budget)
        else:
            yield Member(name, data)


def _nested(data: bytes, name: str, depth: int, budget: _Budget) -> Iterator[Member | MemberError]:
    if depth >= MAX_DEPTH:
        yield MemberError(
            name,
            DianInputError(
                "zip_muy_anidado",
                f"«{name}» es un ZIP dentro de {depth} niveles de ZIP; el límite es {MAX_DEPTH}.",
            ),
        )
        return
    try:
        inner = open_zip(io.BytesIO(data))
    except DianInputError as exc:
        yield MemberError(name, exc)
        return
    with inner:
        yield from _walk(inner, prefix=name + "/", depth=depth + 1, budget=budget)


def _safe_name(name: str) -> bool:
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return False
    return ".." not in PurePosixPath(normalized).parts


def _check_declared(info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_MEMBER_BYTES:
        raise DianInputError(
            "miembro_muy_grande",
            f"«{info.filename}» ocupa {info.file_size // (1024 * 1024)} MB descomprimido; el "
            f"límite es {MAX_MEMBER_BYTES // (1024 * 1024)} MB por archivo.",
        )
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
        info.compress_size, 1
    ):
        raise _bomb(info.filename, info.file_size, info.compress_size)


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # Declared sizes can lie: read at most the limit plus one byte and judge what came out.
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except RuntimeError as exc:  # a password is required (flag bit hidden or odd)
        raise DianInputError(
            "zip_cifrado", f"«{info.filename}» está protegido con contraseña ({exc})."
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise DianInputError(
            "zip_danado", f"«{info.filename}» está dañado dentro del ZIP ({exc})."
        ) from None
    if len(data) > MAX_MEMBER_BYTES:
        raise DianInputError(
            "miembro_muy_grande",
            f"«{info.filename}» pasa de {MAX_MEMBER_BYTES // (1024 * 1024)} MB al "
            "descomprimirlo (el ZIP declaraba menos).",
        )
    if len(data) > RATIO_FLOOR_BYTES and len(data) > MAX_RATIO * max(info.compress_size, 1):
        raise _bomb(info.filename, len(data), info.compress_size)
    return data


def _bomb(name: str, size: int, compressed: int) -> DianInputError:
    return DianInputError(
        "zip_bomba",
        f"«{name}» se expande de {compressed:,} a {size:,} bytes (más de {MAX_RATIO} veces): "
        "parece una bomba ZIP y no se abre.".replace(",", "."),
    )


def _total_exceeded() -> DianInputError:
    return DianInputError(
        "zip_bomba_total",
        f"El ZIP descomprimido pasa de {MAX_TOTAL_BYTES // (1024 * 1024)} MB en total; se "
        "detiene la lectura de este archivo.",
    )
