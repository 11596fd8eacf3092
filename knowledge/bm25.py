"""The sparse half: BM25 (bm25s) over folded, Snowball-stemmed Spanish tokens."""

from __future__ import annotations

from collections.abc import Sequence

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from knowledge.synonyms import expand_query
from knowledge.textnorm import tokens
from knowledge.types import PRODUCT_SCOPE, Chunk

# Help sections are short and of similar length; Lucene's default b=0.75 over-rewards
# the shortest ones, so length normalisation is softened.
K1 = 1.2
B = 0.5
# A query stem unknown to the corpus is replaced by the closest known stem when it is
# this similar (typos: "sincronise", "contabiliza" -> "contabilis"...).
TYPO_MIN_LENGTH = 5
HEADING_REPEAT = 2
TYPO_MIN_SCORE = 85.0


def bm25_text(chunk: Chunk) -> str:
    """The section heading counts twice: it names what the section answers."""
    return "\n".join([chunk.section] * HEADING_REPEAT + [chunk.title, chunk.text])


class SparseIndex:
    """BM25 over the same chunks as the dense store; scope filtering by a mask."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self._scopes = np.array([c.company_id for c in self.chunks], dtype=object)
        self._retriever = bm25s.BM25(k1=K1, b=B)
        corpus = [tokens(bm25_text(c)) or ["_vacio_"] for c in self.chunks]
        self._vocab = sorted({t for doc in corpus for t in doc})
        self._known = frozenset(self._vocab)
        self._typos: dict[str, str | None] = {}
        if corpus:
            self._retriever.index(corpus, show_progress=False)

    def _correct(self, term: str) -> str | None:
        if term in self._known:
            return term
        if len(term) < TYPO_MIN_LENGTH:
            return None
        if term not in self._typos:
            best = process.extractOne(
                term, self._vocab, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_SCORE
            )
            self._typos[term] = best[0] if best else None
        return self._typos[term]

    def query_terms(self, query: str) -> list[str]:
        """The query's stems, typos mapped to known stems, unknown ones dropped."""
        return [t for t in (self._correct(term) for term in tokens(expand_query(query))) if t]

    def search(self, query: str, n: int, company_id: str | int | None) -> list[tuple[int, float]]:
        """`(chunk position, score)` best first; only product pages and the caller's."""
        terms = self.query_terms(query)
        if not terms or not self.chunks:
            return []
        scores = self._retriever.get_scores(terms)
        allowed = self._scopes == PRODUCT_SCOPE
        if company_id is not None and str(company_id) != PRODUCT_SCOPE:
            allowed |= self._scopes == str(company_id)
        scores = np.where(allowed, scores, -np.inf)
        top = min(n, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        ranked = sorted(best, key=lambda i: -scores[i])
        return [(int(i), float(scores[i])) for i in ranked if scores[i] > 0]
