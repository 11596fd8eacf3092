"""The process-wide index: built (or brought up to date) on first use.

from knowledge import index
index.search("xq no me movio el inventario", k=5, company_id=7)
index.rebuild()                                   # product pages, changed chunks only
index.add_company_pages("politicas/", company_id=7)
"""

from __future__ import annotations

import threading
from pathlib import Path

from cuadre.settings import Settings, get_settings
from knowledge.chunker import chunk_documents
from knowledge.loader import load_path, load_product_docs
from knowledge.retriever import Retriever
from knowledge.store import ChromaStore
from knowledge.types import PRODUCT_SCOPE, Passage, SyncReport

_LOCK = threading.Lock()
_RETRIEVERS: dict[tuple[str, str, str, str], Retriever] = {}
# What opening a store did to the product pages, until `rebuild` reports it.
_OPENING_REPORTS: dict[tuple[str, str, str, str], SyncReport] = {}


def _key(settings: Settings) -> tuple[str, str, str, str]:
    return (
        str(settings.data_dir.resolve()),
        settings.chroma_url or "",
        settings.embedding_base_url or "",
        settings.embedding_model,
    )


def sync_product_docs(retriever: Retriever) -> SyncReport:
    """Make the product scope match `knowledge/docs/` (only changed chunks are written)."""
    chunks = chunk_documents(load_product_docs(), PRODUCT_SCOPE)
    return retriever.sync(chunks, PRODUCT_SCOPE)


def open_retriever(settings: Settings) -> tuple[Retriever, SyncReport]:
    """A retriever on this configuration's store, product pages brought up to date."""
    retriever = Retriever(ChromaStore(settings))
    return retriever, sync_product_docs(retriever)


def get_retriever(settings: Settings | None = None) -> Retriever:
    """The shared retriever for these settings (built on first use)."""
    settings = settings or get_settings()
    key = _key(settings)
    with _LOCK:
        if key not in _RETRIEVERS:
            _RETRIEVERS[key], _OPENING_REPORTS[key] = open_retriever(settings)
        return _RETRIEVERS[key]


def rebuild(settings: Settings | None = None, *, force: bool = False) -> SyncReport:
    """Re-index the product pages; `force` drops them first so every chunk is re-embedded."""
    settings = settings or get_settings()
    retriever = get_retriever(settings)
    opening = _OPENING_REPORTS.pop(_key(settings), None)
    if force:
        retriever.sync([], PRODUCT_SCOPE)
    elif opening is not None:
        return opening  # the store was just opened and brought up to date
    return sync_product_docs(retriever)


def add_company_pages(
    path: Path | str, company_id: int | str, settings: Settings | None = None
) -> SyncReport:
    """Index a company's own pages (file or folder) under its id; same-id pages are replaced."""
    scope = str(company_id)
    if not scope or scope == PRODUCT_SCOPE:
        raise ValueError("company pages need a company id")
    docs = load_path(path)
    chunks = chunk_documents(docs, scope)
    return get_retriever(settings).sync(chunks, scope, doc_ids=[d.doc_id for d in docs])


def search(
    query: str,
    k: int = 5,
    company_id: int | str | None = None,
    settings: Settings | None = None,
) -> list[Passage]:
    """The `k` best help sections for `query`: product pages plus this company's pages."""
    return get_retriever(settings).search(query, k=k, company_id=company_id)


def reset() -> None:
    """Forget the shared retrievers (tests switch data directories)."""
    with _LOCK:
        _RETRIEVERS.clear()
        _OPENING_REPORTS.clear()
