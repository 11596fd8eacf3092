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
