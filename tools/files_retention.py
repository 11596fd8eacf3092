"""Which uploads and cached copies may go: the retention policy, pure.

An upload (every file sent together, `tools.files`) goes as a whole, never half: the API
and the chat name uploads by id. It may go only when it is older than the retention
period AND nothing still working points to it (a sync job that has not read it yet, a
preview waiting for a «sí», a question the agent is waiting an answer to...). The
references are gathered by their owners (`tools.files_prune`, `agent.uploads`) and
handed in here as data.

A machine's cached copy (`<data_dir>/cache/uploads/<company>/<upload>/<name>`) may go
when unused for `unused_for` days, when its stored file is gone and it has not been used
for `ORPHAN_GRACE` (a reader may hold the path it was just given), or when it is a
temporary file a killed writer left (`PARTIAL_GRACE`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

ORPHAN_GRACE = timedelta(hours=1)
PARTIAL_GRACE = timedelta(hours=1)


def aware(moment: datetime) -> datetime:
    """UTC-aware (SQLite gives back naive datetimes, stored as UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class StoredUpload:
    """One upload as the database holds it: its files, their bytes, when it arrived."""

    company_id: int
    upload_id: str
    created_at: datetime  # the newest file's
    files: int
    size: int  # bytes


@dataclass(frozen=True)
class Reference:
    """Something still working that points to an upload, in words an operator reads."""

    upload_id: str
    holder: str  # «sincronización 3 (conectando)», «conversación 1:7:api (vista previa ...)»


@dataclass(frozen=True)
class RetentionPlan:
    """What one pass would do with a company's uploads."""

    delete: tuple[StoredUpload, ...]
    in_use: tuple[tuple[StoredUpload, tuple[str, ...]], ...]  # old but referenced: holders
    recent: tuple[StoredUpload, ...]

    @property
    def size(self) -> int:
        """Bytes the deletion frees."""
        return sum(upload.size for upload in self.delete)

    @property
    def files(self) -> int:
        """Files the deletion removes."""
        return sum(upload.files for upload in self.delete)


def holders_by_upload(references: Iterable[Reference]) -> dict[str, tuple[str, ...]]:
    """Each referenced upload id with who holds it (sorted, without repeats)."""
    found: dict[str, set[str]] = {}
    for ref in references:
        found.setdefault(ref.upload_id, set()).add(ref.holder)
    return {upload_id: tuple(sorted(holders)) for upload_id, holders in found.items()}


def plan_retention(
    uploads: Iterable[StoredUpload],
    references: Iterable[Reference],
    *,
    now: datetime,
    retention: timedelta,
) -> RetentionPlan:
    """Uploads older than `retention` that nothing references go; the rest stay, with why."""
    if retention <= timedelta(0):
        raise ValueError("retention must be positive")
    cutoff = aware(now) - retention
    holders: Mapping[str, tuple[str, ...]] = holders_by_upload(references)
    delete: list[StoredUpload] = []
    in_use: list[tuple[StoredUpload, tuple[str, ...]]] = []
    recent: list[StoredUpload] = []
    for upload in sorted(uploads, key=lambda u: (aware(u.created_at), u.upload_id)):
        if aware(upload.created_at) >= cutoff:
            recent.append(upload)
        elif upload.upload_id in holders:
            in_use.append((upload, holders[upload.upload_id]))
        else:
            delete.append(upload)
    return RetentionPlan(tuple(delete), tuple(in_use), tuple(recent))


@dataclass(frozen=True)
class CachedCopy:
    """One file of a machine's upload cache (or a writer's temporary file)."""

    company_id: int
    upload_id: str
    name: str
    last_used: datetime  # mtime: `tools.files.materialize` refreshes it on every use
    size: int
    stored: bool  # its stored file still exists
    partial: bool = False  # a `.part-` file a writer has not renamed into place


def evictable(copy: CachedCopy, *, now: datetime, unused_for: timedelta) -> bool:
    """True when the cached copy may be removed (see the module docstring)."""
    idle = aware(now) - aware(copy.last_used)
    if copy.partial:
        return idle >= PARTIAL_GRACE
    if not copy.stored:
        return idle >= ORPHAN_GRACE
    return idle >= unused_for
