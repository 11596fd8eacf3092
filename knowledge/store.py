"""The dense half: chunks and their vectors in a Chroma collection."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.config import Settings as ChromaSettings

from cuadre.settings import Settings
from knowledge.embedder import embedder_key, make_embedding_function
from knowledge.prebuilt import embed_with_cache
from knowledge.types import PRODUCT_SCOPE, Chunk, SyncReport

_BATCH = 500
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_MIN_UNIT_CHARS = 4


def embedding_units(chunk: Chunk) -> list[str]:
    """The texts embedded for one chunk: the whole section first, then each sentence
    (or list item) prefixed by its heading.

    A sentence encoder averages over its input, so one vector for a long section
    blurs it; scoring a section by its best sentence keeps a one-line rule findable.
    Unit 0 is always the whole section (`Chunk.indexed_text()`), from which the chunk
    is rebuilt.
    """
    sentences = [p.strip() for p in _SENTENCE.split(chunk.text) if p and p.strip()]
    return [chunk.indexed_text()] + [
        f"{chunk.section}. {s}" for s in sentences if len(s) >= _MIN_UNIT_CHARS
    ]


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma server client when `CUADRE_CHROMA_URL` is set, else a persistent one
    in `<data_dir>/chroma`. Telemetry is off: no network beyond the configured server."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        ssl = url.scheme == "https"
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if ssl else 8000),
            ssl=ssl,
            settings=chroma_settings,
        )
    path = settings.ensure_data_dir() / "chroma"
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def scope_filter(company_id: str | int | None) -> dict[str, Any]:
    """The `where` every query carries: product pages plus only this company's pages."""
    if company_id is None or str(company_id) == PRODUCT_SCOPE:
        return {"company_id": PRODUCT_SCOPE}
    return {"company_id": {"$in": [PRODUCT_SCOPE, str(company_id)]}}


def _metadata(chunk: Chunk, unit: int) -> dict[str, str | int | float | bool | None]:
    return {
        "store_id": chunk.store_id,
        "unit": unit,
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "anchor": chunk.anchor,
        "title": chunk.title,
        "section": chunk.section,
        "company_id": chunk.company_id,
        "hash": chunk.content_hash,
    }


def _chunk_from(document: str, meta: dict[str, Any]) -> Chunk:
    _, _, text = document.partition("\n")
    return Chunk(
        chunk_id=str(meta["chunk_id"]),
        doc_id=str(meta["doc_id"]),
        anchor=str(meta["anchor"]),
        title=str(meta["title"]),
        section=str(meta["section"]),
        text=text,
        company_id=str(meta["company_id"]),
        content_hash=str(meta["hash"]),
    )


class ChromaStore:
    """One collection per embedding space (`cuadre_help_<embedder>`)."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: ClientAPI | None = None,
        embedding_function: EmbeddingFunction[Documents] | None = None,
        collection_name: str | None = None,
    ) -> None:
        self.client = client or make_client(settings)
        self.embedding_function = embedding_function or make_embedding_function(settings)
        self.name = collection_name or f"cuadre_help_{embedder_key(self.embedding_function)}"
        self.collection: Collection = self.client.get_or_create_collection(
            self.name,
            embedding_function=self.embedding_function,  # type: ignore[arg-type]
        )

    def count(self) -> int:
        """Vectors stored (several per chunk), all companies included."""
        return self.collection.count()

    def hashes(self, company_id: str, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
        """`store_id -> content hash` for one scope (optionally only some pages)."""
        clauses: list[dict[str, Any]] = [{"company_id": company_id}, {"unit": 0}]
        if doc_ids is not None:
            clauses.append({"doc_id": {"$in": sorted(set(doc_ids))}})
        got = self.collection.get(where={"$and": clauses}, include=["metadatas"])
        metas = got["metadatas"] or []
        return {str(m["store_id"]): str(m["hash"]) for m in metas}

    def sync(
        self, chunks: Sequence[Chunk], company_id: str, *, doc_ids: Iterable[str] | None = None
    ) -> SyncReport:
        """Make the scope hold exactly `chunks`, writing only what changed.

        With `doc_ids`, only those pages of the scope are replaced (a company adding one
        page keeps its others); without, the whole scope is.
        """
        started = time.perf_counter()
        if any(c.company_id != company_id for c in chunks):
            raise ValueError("chunk of another company in a scoped sync")
        existing = self.hashes(company_id, doc_ids)
        wanted = {c.store_id: c for c in chunks}
        changed = [c for sid, c in wanted.items() if existing.get(sid) != c.content_hash]
        stale = sorted(set(existing) - set(wanted))
        # A changed section may have a different number of sentences: drop all its
        # units, then write the new ones.
        dropped = stale + [c.store_id for c in changed if c.store_id in existing]
        for start in range(0, len(dropped), _BATCH):
            batch: list[str | int | float | bool] = list(dropped[start : start + _BATCH])
            self.collection.delete(where={"store_id": {"$in": batch}})  # type: ignore[dict-item]
        ids: list[str] = []
        documents: list[str] = []
        metadatas: list[Mapping[str, Any]] = []
        for chunk in changed:
            for n, text in enumerate(embedding_units(chunk)):
                ids.append(f"{chunk.store_id}::{n}")
                documents.append(text)
                metadatas.append(_metadata(chunk, n))
        for start in range(0, len(ids), _BATCH):
            end = start + _BATCH
            self.collection.add(
                ids=ids[start:end],
                documents=documents[start:end],
                metadatas=metadatas[start:end],
                embeddings=embed_with_cache(self.embedding_function, documents[start:end]),
            )
        added = sum(1 for c in changed if c.store_id not in existing)
        return SyncReport(
            added=added,
            updated=len(changed) - added,
            removed=len(stale),
            unchanged=len(wanted) - len(changed),
            seconds=time.perf_counter() - started,
        )

    def all_chunks(self) -> list[Chunk]:
        """Every stored chunk (BM25 is rebuilt from these, so both halves agree)."""
        got = self.collection.get(where={"unit": 0}, include=["documents", "metadatas"])
        docs = got["documents"] or []
        metas = got["metadatas"] or []
        return [_chunk_from(d, dict(m)) for d, m in zip(docs, metas, strict=True)]

    def query(self, text: str, n: int, company_id: str | int | None) -> list[tuple[str, float]]:
        """`(store_id, distance)` of the `n` nearest chunks, each scored by its closest
        unit, filtered to the caller's scope."""
        got = self.collection.query(
            query_texts=[text],
            n_results=n * 4,
            where=scope_filter(company_id),
            include=["distances", "metadatas"],
        )
        distances = (got["distances"] or [[]])[0]
        metas = (got["metadatas"] or [[]])[0]
        best: dict[str, float] = {}
        for meta, distance in zip(metas, distances, strict=True):
            best.setdefault(str(meta["store_id"]), float(distance))
        return list(best.items())[:n]
