"""Re-indexing writes only changed chunks; a persisted collection reopens on its own."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from chromadb.api.types import Documents, Embeddings

from cuadre.settings import Settings
from knowledge.chunker import chunk_document
from knowledge.embedder import UseEmbeddingFunction
from knowledge.loader import parse_markdown
from knowledge.store import ChromaStore, embedding_units

PAGE = """---
id: inventario-fisico
title: Conteo de inventario
---

## Cuándo contamos {#cuando}

El último sábado de cada mes, con la tienda cerrada.

## Quién firma el acta {#acta}

El administrador y un testigo de contabilidad.

## Diferencias {#diferencias}

Las diferencias mayores a $ 50.000,00 se reportan a gerencia.
"""


class CountingUse(UseEmbeddingFunction):
    """The real encoder, counting how many texts it is asked to embed."""

    def __init__(self, threads: int = 1) -> None:
        super().__init__(threads)
        self.embedded = 0

    def __call__(self, input: Documents) -> Embeddings:
        self.embedded += len(input)
        return super().__call__(input)


def _chunks(text: str, company: str = "4") -> list:
    return chunk_document(parse_markdown(text, default_id="x"), company_id=company)


def test_reindex_touches_only_changed_chunks(fresh_settings: Settings) -> None:
    counter = CountingUse()
    store = ChromaStore(fresh_settings, embedding_function=counter, collection_name="t_reindex")
    first = _chunks(PAGE)
    report = store.sync(first, "4")
    assert (report.added, report.updated, report.removed) == (3, 0, 0)
    assert counter.embedded == sum(len(embedding_units(c)) for c in first)

    counter.embedded = 0
    again = store.sync(_chunks(PAGE), "4")
    assert (again.unchanged, again.touched, counter.embedded) == (3, 0, 0)

    edited = PAGE.replace("un testigo de contabilidad", "la contadora")
    edited = edited[: edited.index("## Diferencias")]
    new_chunks = _chunks(edited)
    report = store.sync(new_chunks, "4")
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 1)
    changed = next(c for c in new_chunks if c.anchor == "acta")
    assert counter.embedded == len(embedding_units(changed))
    stored = {c.chunk_id: c for c in store.all_chunks()}
    assert set(stored) == {"inventario-fisico#cuando", "inventario-fisico#acta"}
    assert "la contadora" in stored["inventario-fisico#acta"].text
    # No orphaned sentence vectors of the removed or the old version of a section.
    assert store.count() == sum(len(embedding_units(c)) for c in new_chunks)


def test_sync_of_one_page_keeps_the_companys_other_pages(fresh_settings: Settings) -> None:
    store = ChromaStore(fresh_settings, collection_name="t_pages")
    other = chunk_document(
        parse_markdown(
            "---\nid: horario\ntitle: Horario\n---\n## Caja {#caja}\nDe 8 a 5.", default_id="h"
        ),
        company_id="4",
    )
    store.sync(other, "4", doc_ids=["horario"])
    store.sync(_chunks(PAGE), "4", doc_ids=["inventario-fisico"])
    assert {c.doc_id for c in store.all_chunks()} == {"horario", "inventario-fisico"}


def test_reopened_collection_rebuilds_the_registered_embedder(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, environment="test")
    store = ChromaStore(settings, collection_name="t_reopen")
    store.sync(_chunks(PAGE), "4")
    # A new process opens the collection by name only: Chroma must rebuild our
    # embedding function from the stored configuration (its default would try to
    # download a model).
    script = textwrap.dedent(
        f"""
        import chromadb
        from chromadb.config import Settings
        import knowledge.embedder  # registers the embedding functions
        client = chromadb.PersistentClient(path={str(tmp_path / "chroma")!r},
                                           settings=Settings(anonymized_telemetry=False))
        col = client.get_collection("t_reopen")
        ef = col.configuration["embedding_function"]
        print(type(ef).__name__, ef.name())
        hit = col.query(query_texts=["quien firma el acta del conteo"], n_results=1,
                        include=["metadatas"])
        print(hit["metadatas"][0][0]["chunk_id"])
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split("\n")
    assert out[0] == "UseEmbeddingFunction cuadre-use-multilingual-v3"
    assert out[1] == "inventario-fisico#acta"
