"""Shared fixtures: a product index built once per test session in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cuadre.settings import Settings
from knowledge import index
from knowledge.retriever import Retriever


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data directory holds the product index (built on first use)."""
    return Settings(data_dir=tmp_path_factory.mktemp("knowledge-index"), environment="test")


@pytest.fixture(scope="session")
def retriever(built_settings: Settings) -> Retriever:
    return index.get_retriever(built_settings)


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Iterator[Settings]:
    """An empty data directory of its own."""
    yield Settings(data_dir=tmp_path / "data", environment="test")
