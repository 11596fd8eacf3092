"""Shipped vectors: equal to the live encoder's, used for unchanged sections only."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from cuadre.settings import Settings
from knowledge.chunker import chunk_documents
from knowledge.embedder import UseEmbeddingFunction
from knowledge.loader import load_product_docs
from knowledge.prebuilt import cached_vectors, text_key
from knowledge.store import ChromaStore, embedding_units
from tests.knowledge.test_store import CountingUse


def _product_units() -> list[str]:
    return [u for c in chunk_documents(load_product_docs()) for u in embedding_units(c)]


def test_shipped_vectors_match_the_live_encoder() -> None:
    function = UseEmbeddingFunction()
    cache = cached_vectors(function)
    sample = _product_units()[::60]
    live = np.asarray(function(sample))
    for text, vector in zip(sample, live, strict=True):
        shipped = cache[text_key(text)]
        cosine = float(shipped @ vector / (np.linalg.norm(shipped) * np.linalg.norm(vector)))
        assert cosine > 0.999
    # Another vector space never borrows them.
    assert cached_vectors(UseEmbeddingFunction(fold_accents=False)) == {}


def test_a_fresh_index_embeds_only_what_the_shipped_vectors_lack(
    fresh_settings: Settings,
) -> None:
    counter = CountingUse()
    store = ChromaStore(fresh_settings, embedding_function=counter, collection_name="t_prebuilt")
    chunks = chunk_documents(load_product_docs())
    store.sync(chunks, "")
    assert counter.embedded == 0, "vectores desactualizados: corre `cuadre knowledge prebuild`"

    edited = next(c for c in chunks if c.chunk_id == "nomina#fechas")
    changed = replace(edited, text=edited.text + "\nNota nueva.", content_hash="otro")
    store.sync([changed if c is edited else c for c in chunks], "")
    # The whole-section vector and the new sentence; the old sentences come shipped.
    assert counter.embedded == 2
