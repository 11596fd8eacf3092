"""`iter_documents(paths)`: every document (or failure) in files, folders and ZIPs, lazily.

One result at a time is alive: files are read one by one, ZIP members one by one, listing
rows one by one, so memory stays flat on large batches. A bad file, member or row
becomes an `IngestFailure` with its reason; the batch always goes on.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from lxml import etree

from tools.dian.archive import ZIP_MAGIC, Member, iter_members, open_zip
from tools.dian.attached import is_attached_document, read_attached
from tools.dian.cdata import NeedsFullParse, lift_sections
from tools.dian.errors import DianInputError
from tools.dian.listing import read_listing
from tools.dian.model import DianDocument, IngestFailure, IngestResult, SourceRef
from tools.dian.ns import APPLICATION_RESPONSE
from tools.dian.ubl import read_ubl
from tools.dian.xml_safety import MAX_XML_BYTES, parse_xml

FOLDER_SUFFIXES = (".xml", ".zip", ".xlsx")
# The errors pathlib's is_dir()/is_file() read as "not there" (others propagate).
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
ATTACHED_MARK = b"AttachedDocument"  # in the root tag, well inside the first 4 KB


def iter_documents(paths: Iterable[str | os.PathLike[str]]) -> Iterator[IngestResult]:
    """Documents and failures found in `paths` (files, folders walked recursively, ZIPs).

    Folders contribute their .xml, .zip and .xlsx files (PDFs and the rest are skipped);
    a file named explicitly is always read, and reported when it is not readable.
    """
    for raw in paths:
        path = Path(raw)
        mode = _mode(path)
        if S_ISDIR(mode):
            for file in _walk(path):
                yield from _from_file(file)
        elif S_ISREG(mode):
            yield from _from_file(path)
        else:
            yield IngestFailure(
                SourceRef(str(path)), "archivo_no_existe", f"No encuentro «{path}»."
            )


def _mode(path: Path) -> int:
    """`path`'s file mode from one `stat` (0 when it does not exist): what
    `Path.is_dir()` then `Path.is_file()` decide with two, and the same errors ignored."""
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno not in _MISSING:
            raise
        return 0
    except ValueError:  # e.g. a NUL byte in the name
        return 0


def read_document_bytes(data: bytes, source: SourceRef) -> IngestResult:
    """One XML (Invoice, CreditNote, DebitNote or AttachedDocument) as a result."""
    if ATTACHED_MARK in data[:4096] and len(data) <= MAX_XML_BYTES:
        document = _read_lifted(data, source)
        if document is not None:
            return document
    return _read_parsed(data, source)


def _read_parsed(data: bytes, source: SourceRef) -> IngestResult:
    """The full path: parse `data` as it is, then read whatever document it is."""
    try:
        root = parse_xml(data)
        if is_attached_document(root):
            return read_attached(root, source)
        if etree.QName(root).namespace == APPLICATION_RESPONSE:
            raise DianInputError(
                "solo_respuesta_dian",
                "Es solo la respuesta de validación de la DIAN (ApplicationResponse), sin la "
                "factura; la factura viene en otro archivo del mismo correo.",
            )
        return read_ubl(root, source)
    except DianInputError as exc:
        return IngestFailure(source, exc.code, exc.message_es)
    except Exception as exc:  # a parser bug on odd input must not stop the batch
        return IngestFailure(
            source,
            "error_interno",
            f"Error inesperado leyendo el documento ({type(exc).__name__}).",
        )


def _read_lifted(data: bytes, source: SourceRef) -> DianDocument | None:
    """The AttachedDocument in `data` parsed with its CDATA lifted out (`tools.dian.cdata`),
    or None when that shortcut does not apply or anything about it is doubtful: the full
    path then parses the original bytes and reports exactly as it always has."""
    lifted = lift_sections(data)
    if lifted is None:
        return None
    container, sections = lifted
    try:
        root = parse_xml(container)
        if not is_attached_document(root):
            return None
        return read_attached(root, source, sections)
    except (NeedsFullParse, DianInputError, Exception):
        return None  # failures (and any surprise) are worded by the full path


def _walk(folder: Path) -> Iterator[Path]:
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(FOLDER_SUFFIXES):
                yield Path(current, name)


def _from_file(path: Path) -> Iterator[IngestResult]:
    source = SourceRef(str(path))
    try:
        # Unbuffered: the file is read whole, a buffer would only add a copy (~5 us).
        with open(path, "rb", buffering=0) as handle:
            head = handle.read(4)
            if head.startswith(ZIP_MAGIC):
                is_zip = True
            else:
                is_zip = False
                if path.suffix.lower() == ".pdf" or head.startswith(b"%PDF"):
                    raise DianInputError(
                        "formato_no_soportado",
                        "Es un PDF: Cuadre lee el XML de la factura, que llega en el mismo "
                        "correo o ZIP.",
                    )
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_XML_BYTES:  # refused unread
                    raise DianInputError(
                        "xml_muy_grande",
                        f"El archivo pesa {size // (1024 * 1024)} MB; el límite es "
                        f"{MAX_XML_BYTES // (1024 * 1024)} MB por documento.",
                    )
                # readall() (no size: a size would make Python allocate it all first), from
                # the start again rather than joining `head` to the rest (one copy fewer).
                handle.seek(0)
                data = handle.readall()
        if is_zip:
            if path.suffix.lower() == ".xlsx":
                yield from read_listing(path, source)
            else:
                yield from _from_zip(path, source)
            return
        yield read_document_bytes(data, source)
    except DianInputError as exc:
        yield IngestFailure(source, exc.code, exc.message_es)
    except OSError as exc:
        yield IngestFailure(source, "archivo_ilegible", f"No se puede leer el archivo ({exc}).")


def _from_zip(path: Path, source: SourceRef) -> Iterator[IngestResult]:
    with open_zip(str(path)) as archive:
        for item in iter_members(archive):
            here = SourceRef(source.file, item.name)
            if not isinstance(item, Member):
                yield IngestFailure(here, item.error.code, item.error.message_es)
            elif item.name.lower().endswith(".xlsx"):
                try:
                    yield from read_listing(item.data, here)
                except DianInputError as exc:
                    yield IngestFailure(here, exc.code, exc.message_es)
            else:
                yield read_document_bytes(item.data, here)
