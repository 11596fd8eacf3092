"""CLI tests run `cuadre` in-process on a temporary data directory (SQLite, no Redis)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cuadre.settings import get_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data directory under `tmp_path/data`; the settings cache is cleared around it."""
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CUADRE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CUADRE_REDIS_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()
