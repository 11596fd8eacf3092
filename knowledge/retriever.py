"""Hybrid retrieval: Chroma (dense) and BM25 (sparse) fused by reciprocal rank."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from knowledge.bm25 import SparseIndex
from knowledge.fusion import reciprocal_rank_fusion
from knowledge.store import ChromaStore
from knowledge.textnorm import tokens
from knowledge.types import Chunk, Passage, SyncReport

CANDIDATES = 30
# BM25 is the stronger signal on this corpus (Spanish help text, informal questions);
# the sentence encoder adds recall for questions that share no word with the answer.
# A small RRF constant lets a clear first place from either list stand out.
FUSION_K = 10
SPARSE_WEIGHT = 1.0
DENSE_WEIGHT = 0.3
SNIPPET_CHARS = 320

_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")


def make_snippet(text: str, query: str, limit: int = SNIPPET_CHARS) -> str:
    """The sentence (or list item) sharing most stems with the query, plus what follows."""
    pieces = [p.strip() for p in _SENTENCE.split(text) if p and p.strip()]
    if not pieces:
        return ""
    wanted = set(tokens(query))
    overlap = [len(wanted & set(tokens(p))) for p in pieces]
    best = max(range(len(pieces)), key=lambda i: (overlap[i], -i)) if wanted else 0
    out = pieces[best]
    for extra in pieces[best + 1 :]:
        if len(out) + len(extra) + 1 > limit:
            break
        out = f"{out} {extra}"
    return out if len(out) <= limit else out[: limit - 1].rstrip() + "…"


class Retriever:
    """Searches product pages plus the caller's company pages, never another company's."""

    def __init__(self, store: ChromaStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._sparse: SparseIndex | None = None
        self._by_store_id: dict[str, Chunk] = {}

    def sync(self, chunks: Sequence[Chunk], company_id: str, **kwargs: object) -> SyncReport:
        """Write changed chunks to Chroma and drop the BM25 index so it is rebuilt."""
        report = self.store.sync(chunks, company_id, **kwargs)  # type: ignore[arg-type]
        if report.touched:
            with self._lock:
                self._sparse = None
        return report

    def _sparse_index(self) -> SparseIndex:
        with self._lock:
            if self._sparse is None:
                chunks = self.store.all_chunks()
                self._sparse = SparseIndex(chunks)
                self._by_store_id = {c.store_id: c for c in chunks}
            return self._sparse

    def ranked_ids(
        self, query: str, k: int, company_id: str | int | None
    ) -> list[tuple[str, float]]:
        """Fused `(store_id, score)` best first."""
        sparse = self._sparse_index()
        n = max(CANDIDATES, k * 4)
        dense_ids = [sid for sid, _ in self.store.query(query, n, company_id)]
        sparse_ids = [sparse.chunks[i].store_id for i, _ in sparse.search(query, n, company_id)]
        fused = reciprocal_rank_fusion(
            [sparse_ids, dense_ids], k=FUSION_K, weights=[SPARSE_WEIGHT, DENSE_WEIGHT]
        )
        return fused[:k]

    def search(self, query: str, k: int = 5, company_id: str | int | None = None) -> list[Passage]:
        """The `k` best sections for `query`, with snippet and fused score."""
        if not query.strip():
            return []
        passages = []
        for store_id, score in self.ranked_ids(query, k, company_id):
            chunk = self._by_store_id.get(store_id)
            if chunk is None:  # written by another process after our BM25 snapshot
                with self._lock:
                    self._sparse = None
                self._sparse_index()
                chunk = self._by_store_id.get(store_id)
                if chunk is None:
                    continue
            if chunk.company_id not in ("", str(company_id)):
                continue  # defence in depth: both halves already filter by company
            passages.append(
                Passage(
                    doc_id=chunk.doc_id,
                    title=chunk.title,
                    section=chunk.section,
                    anchor=chunk.anchor,
                    snippet=make_snippet(chunk.text, query),
                    score=round(score, 6),
                    text=chunk.text,
                    company_id=chunk.company_id,
                )
            )
        return passages
