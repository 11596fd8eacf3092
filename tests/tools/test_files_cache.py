"""This machine's upload cache: copies unused for days, or whose upload is gone, are
evicted; a copy in use, or being written, never is."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import col

from ledger.db import company_session
from ledger.models import StoredFile
from tools.context import ToolContext
from tools.files import cache_folder, local_path, parse_ref, save_upload
from tools.files_cache import _remove, cache_lock, cache_root, evict_cache, scan_cache

WEEK = timedelta(days=7)


def age(path: Path, days: float) -> None:
    """Make the copy look last used `days` ago."""
    moment = time.time() - days * 86400
    os.utime(path, (moment, moment))


def cached(ctx: ToolContext, name: str) -> tuple[str, Path]:
    (ref,) = save_upload(ctx.engine, ctx.company_id, [(name, f"<{name}/>".encode())])
    return ref, Path(local_path(ctx.engine, ctx.settings, ctx.company_id, ref))


def forget(ctx: ToolContext, ref: str) -> None:
    """The stored upload is deleted (as the retention pass does)."""
    parsed = parse_ref(ref)
    assert parsed is not None
    with company_session(ctx.engine, ctx.company_id) as session:
        session.execute(delete(StoredFile).where(col(StoredFile.upload_id) == parsed.upload_id))
        session.commit()


def test_unused_orphaned_and_abandoned_copies_go_the_rest_stay(ctx: ToolContext) -> None:
    _, fresh = cached(ctx, "fresca.xml")
    idle_ref, idle = cached(ctx, "olvidada.xml")
    age(idle, 8)
    gone_ref, orphan = cached(ctx, "huerfana.xml")
    age(orphan, 0.1)
    forget(ctx, gone_ref)
    just_ref, just_handed = cached(ctx, "recien_entregada.xml")
    forget(ctx, just_ref)  # its upload is gone, but a reader got the path a moment ago
    abandoned = fresh.parent / ".part-killed"
    abandoned.write_bytes(b"<half")
    age(abandoned, 0.1)
    stranger = cache_root(ctx.settings) / "notas.txt"
    stranger.write_text("no es nuestro")
    now = datetime.now(UTC)

    preview = evict_cache(ctx.engine, ctx.settings, now=now, unused_for=WEEK, apply=False)
    assert (preview.files, preview.orphans, preview.kept) == (3, 1, 2)
    assert all(p.exists() for p in (fresh, idle, orphan, just_handed, abandoned))

    done = evict_cache(ctx.engine, ctx.settings, now=now, unused_for=WEEK, apply=True)
    assert done == preview
    assert fresh.exists() and just_handed.exists() and stranger.exists()
    assert not idle.exists() and not orphan.exists() and not abandoned.exists()
    assert not orphan.parent.exists()  # empty upload folders go too
    # An evicted copy whose upload is still stored simply comes back when needed.
    assert Path(local_path(ctx.engine, ctx.settings, ctx.company_id, idle_ref)) == idle
    assert idle.exists()


def test_using_a_copy_keeps_it_for_another_period(ctx: ToolContext) -> None:
    ref, path = cached(ctx, "usada.xml")
    age(path, 30)
    assert Path(local_path(ctx.engine, ctx.settings, ctx.company_id, ref)) == path
    assert time.time() - path.stat().st_mtime < 60  # the hit refreshed "last used"
    report = evict_cache(
        ctx.engine, ctx.settings, now=datetime.now(UTC), unused_for=WEEK, apply=True
    )
    assert report.files == 0 and path.exists()


def test_a_copy_used_after_the_scan_is_not_removed(ctx: ToolContext) -> None:
    ref, path = cached(ctx, "carrera.xml")
    age(path, 30)
    [(found, copy)] = [(p, c) for p, c in scan_cache(ctx.engine, ctx.settings) if p == path]
    local_path(ctx.engine, ctx.settings, ctx.company_id, ref)  # another process uses it now
    assert not _remove(ctx.settings, found, copy, now=datetime.now(UTC), unused_for=WEEK)
    assert path.exists()


def test_eviction_waits_for_a_writer_holding_the_cache_lock(ctx: ToolContext) -> None:
    _, path = cached(ctx, "escribiendo.xml")
    age(path, 30)
    finished = threading.Event()

    def evict() -> None:
        evict_cache(ctx.engine, ctx.settings, now=datetime.now(UTC), unused_for=WEEK, apply=True)
        finished.set()

    with cache_lock(ctx.settings, exclusive=False):  # a materialize in progress
        worker = threading.Thread(target=evict)
        worker.start()
        assert not finished.wait(0.3)
        assert path.exists()
    worker.join(10)
    assert finished.is_set() and not path.exists()


def test_the_writer_recreates_a_folder_eviction_removed(ctx: ToolContext) -> None:
    ref, path = cached(ctx, "otra_vez.xml")
    age(path, 30)
    evict_cache(ctx.engine, ctx.settings, now=datetime.now(UTC), unused_for=WEEK, apply=True)
    parsed = parse_ref(ref)
    assert parsed is not None
    assert not cache_folder(ctx.settings, ctx.company_id, parsed.upload_id).exists()
    assert Path(local_path(ctx.engine, ctx.settings, ctx.company_id, ref)).read_bytes() == (
        b"<otra_vez.xml/>"
    )
