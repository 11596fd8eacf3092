"""Shared helpers for the DIAN ingestion tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.dian import DianDocument, IngestFailure, SourceRef, read_document_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "dian"


def read_xml(text: str | bytes, name: str = "doc.xml") -> DianDocument:
    """Parse one XML text and insist it is a document (not a failure)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = read_document_bytes(data, SourceRef(name))
    assert not isinstance(result, IngestFailure), result
    return result


def codes(doc: DianDocument) -> list[str]:
    return [issue.code for issue in doc.issues]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # lxml elements without children are falsy (a FutureWarning): `a or b` on elements
    # silently skips real data, so such a warning fails these tests.
    for item in items:
        if "tools/dian" in str(item.path):
            item.add_marker(pytest.mark.filterwarnings("error::FutureWarning"))
