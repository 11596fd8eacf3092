"""The retention policy, pure: which uploads and cached copies may go, and why the rest stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tools.files_retention import (
    CachedCopy,
    Reference,
    StoredUpload,
    evictable,
    plan_retention,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
MB = 1_048_576

# upload          age (days)  files  bytes     who still points to it
UPLOADS = """
listado-viejo     90          1      2097152   -
zip-en-lectura    45          2      1048576   sincronización 4 (conectando)
preview-abierto   31          1      1024      conversación 1:7:api (vista previa)
justo-30-dias     30          1      10        -
ayer              1           3      30        -
"""


def fixture() -> tuple[list[StoredUpload], list[Reference]]:
    uploads: list[StoredUpload] = []
    references: list[Reference] = []
    for line in UPLOADS.strip().splitlines():
        name, age, files, size, holder = line.split(maxsplit=4)
        uploads.append(StoredUpload(1, name, NOW - timedelta(days=int(age)), int(files), int(size)))
        if holder != "-":
            references.append(Reference(name, holder))
    return uploads, references


def test_old_unreferenced_uploads_go_and_the_rest_stay_with_their_reason() -> None:
    uploads, references = fixture()
    plan = plan_retention(uploads, references, now=NOW, retention=timedelta(days=30))
    assert [u.upload_id for u in plan.delete] == ["listado-viejo"]
    assert (plan.files, plan.size) == (1, 2 * MB)
    assert [(u.upload_id, holders) for u, holders in plan.in_use] == [
        ("zip-en-lectura", ("sincronización 4 (conectando)",)),
        ("preview-abierto", ("conversación 1:7:api (vista previa)",)),
    ]
    # Exactly 30 days old is not older than 30 days.
    assert [u.upload_id for u in plan.recent] == ["justo-30-dias", "ayer"]


def test_a_shorter_retention_takes_more_but_never_a_referenced_upload() -> None:
    uploads, references = fixture()
    plan = plan_retention(uploads, references, now=NOW, retention=timedelta(days=1))
    assert [u.upload_id for u in plan.delete] == ["listado-viejo", "justo-30-dias"]
    assert {u.upload_id for u, _ in plan.in_use} == {"zip-en-lectura", "preview-abierto"}


def test_several_holders_of_one_upload_are_all_named_once() -> None:
    uploads, _ = fixture()
    refs = [Reference("listado-viejo", "b"), Reference("listado-viejo", "a")] * 2
    plan = plan_retention(uploads, refs, now=NOW, retention=timedelta(days=30))
    assert [(u.upload_id, h) for u, h in plan.in_use] == [("listado-viejo", ("a", "b"))]
    assert "listado-viejo" not in {u.upload_id for u in plan.delete}


def test_naive_times_from_sqlite_are_read_as_utc() -> None:
    naive = StoredUpload(1, "x", datetime(2026, 10, 1, 12, 0), 1, 1)
    plan = plan_retention([naive], [], now=NOW, retention=timedelta(days=30))
    assert plan.delete == (naive,)


def test_a_retention_of_zero_is_refused() -> None:
    with pytest.raises(ValueError):
        plan_retention([], [], now=NOW, retention=timedelta(0))


def copy(idle: timedelta, *, stored: bool = True, partial: bool = False) -> CachedCopy:
    return CachedCopy(1, "a" * 24, "f.xml", NOW - idle, 10, stored=stored, partial=partial)


@pytest.mark.parametrize(
    ("idle", "stored", "partial", "goes"),
    [
        (timedelta(days=6), True, False, False),  # used this week
        (timedelta(days=7), True, False, True),  # unused for the whole week
        (timedelta(minutes=5), False, False, False),  # stored file gone, just handed out
        (timedelta(hours=2), False, False, True),  # stored file gone, nobody reading it
        (timedelta(minutes=5), True, True, False),  # a writer's temporary file, maybe alive
        (timedelta(hours=2), True, True, True),  # left by a killed writer
        (-timedelta(seconds=1), True, False, False),  # touched after the pass started
    ],
)
def test_cached_copies(idle: timedelta, stored: bool, partial: bool, goes: bool) -> None:
    cached = copy(idle, stored=stored, partial=partial)
    assert evictable(cached, now=NOW, unused_for=timedelta(days=7)) is goes
