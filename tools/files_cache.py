"""This machine's copies of uploads: the cache lock, and eviction of unused copies.

`tools.files.materialize` writes a copy (temporary file, then rename) and refreshes the
copy's mtime on every use, holding the cache lock SHARED; eviction removes each copy
holding it EXCLUSIVE and looks again at the copy under the lock before removing it. So
a copy is never removed between a writer's check and its rename, a temporary file seen
under the exclusive lock belongs to no live writer, and a copy handed out a moment ago
has a fresh mtime, which keeps it for `unused_for` days (or `ORPHAN_GRACE` when its
stored file is gone). Folders are removed only when empty, under the same lock.

The lock is `flock` on `<data_dir>/cache/uploads/.lock`: one machine, any process.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from cuadre.settings import Settings
from ledger.db import company_session
from ledger.models import StoredFile
from tools.files_retention import CachedCopy, evictable

PARTIAL_PREFIX = ".part-"
LOCK_NAME = ".lock"
_UPLOAD_ID = re.compile(r"^[0-9a-f]{24}$")


def cache_root(settings: Settings) -> Path:
    """Where this machine keeps its copies of every company's uploads."""
    return settings.data_dir / "cache" / "uploads"


@contextmanager
def cache_lock(settings: Settings, *, exclusive: bool) -> Iterator[None]:
    """The machine-wide cache lock: shared for writers and readers, exclusive to evict."""
    root = cache_root(settings)
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _stored_names(engine: Engine, company_id: int, upload_ids: set[str]) -> set[tuple[str, str]]:
    """(upload_id, name) of the company's stored files among `upload_ids`."""
    found: set[tuple[str, str]] = set()
    ids = sorted(upload_ids)
    with company_session(engine, company_id) as session:
        for start in range(0, len(ids), 500):
            rows = session.exec(
                select(StoredFile.upload_id, StoredFile.name).where(
                    col(StoredFile.upload_id).in_(ids[start : start + 500])
                )
            ).all()
            found.update((upload_id, name) for upload_id, name in rows)
    return found


def scan_cache(engine: Engine, settings: Settings) -> list[tuple[Path, CachedCopy]]:
    """Every copy under the cache root laid out as `<company>/<upload>/<name>`.

    Anything else (other names, links) is not ours to judge and is left alone."""
    root = cache_root(settings)
    found: list[tuple[Path, CachedCopy]] = []
    if not root.is_dir():
        return found
    for company_dir in sorted(root.iterdir()):
        if not company_dir.name.isdigit() or not company_dir.is_dir():
            continue
        company_id = int(company_dir.name)
        files: list[tuple[Path, str]] = []
        for upload_dir in sorted(company_dir.iterdir()):
            if _UPLOAD_ID.match(upload_dir.name) and upload_dir.is_dir():
                files.extend(
                    (path, upload_dir.name)
                    for path in sorted(upload_dir.iterdir())
                    if path.is_file() and not path.is_symlink()
                )
        stored = _stored_names(engine, company_id, {upload_id for _p, upload_id in files})
        for path, upload_id in files:
            try:
                stat = path.stat()
            except FileNotFoundError:  # another evictor, or a writer's rename, got there first
                continue
            found.append(
                (
                    path,
                    CachedCopy(
                        company_id=company_id,
                        upload_id=upload_id,
                        name=path.name,
                        last_used=datetime.fromtimestamp(stat.st_mtime, UTC),
                        size=stat.st_size,
                        stored=(upload_id, path.name) in stored,
                        partial=path.name.startswith(PARTIAL_PREFIX),
                    ),
                )
            )
    return found


@dataclass(frozen=True)
class CacheReport:
    """What an eviction pass removed (or would remove) from this machine's cache."""

    files: int
    size: int  # bytes
    orphans: int  # of `files`, copies whose stored file is gone
    kept: int


def evict_cache(
    engine: Engine,
    settings: Settings,
    *,
    now: datetime,
    unused_for: timedelta,
    apply: bool,
) -> CacheReport:
    """Remove (when `apply`) the copies `evictable` allows; a preview otherwise."""
    files = size = orphans = kept = 0
    for path, copy in scan_cache(engine, settings):
        if not evictable(copy, now=now, unused_for=unused_for):
            kept += 1
            continue
        if apply and not _remove(settings, path, copy, now=now, unused_for=unused_for):
            kept += 1
            continue
        files += 1
        size += copy.size
        orphans += 0 if copy.stored or copy.partial else 1
    return CacheReport(files=files, size=size, orphans=orphans, kept=kept)


def _remove(
    settings: Settings, path: Path, copy: CachedCopy, *, now: datetime, unused_for: timedelta
) -> bool:
    """Remove one copy under the exclusive lock if it is still evictable; then its empty
    folders. False when a process used (or replaced) it since the scan."""
    with cache_lock(settings, exclusive=True):
        try:
            again = replace(copy, last_used=_mtime(path))
        except FileNotFoundError:
            return False
        if not evictable(again, now=now, unused_for=unused_for):
            return False
        path.unlink(missing_ok=True)
        for folder in (path.parent, path.parent.parent):
            try:
                folder.rmdir()
            except OSError:  # not empty (or already gone): leave it
                break
    return True
