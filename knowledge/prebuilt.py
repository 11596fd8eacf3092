"""Shipped vectors for the product pages, so the first use does not wait for the encoder.

Embedding the ~550 sentences of the product corpus takes 1–2 s on an idle machine but
15–20 s on a busy one (measured on the 2 shared cores), and every fresh data directory
pays it. The vectors are shipped in `knowledge/prebuilt/use-m3.npz` keyed by a hash of
each embedded text: a section edited since the file was written is simply embedded live.
Regenerate with `cuadre knowledge prebuild`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction

from knowledge.embedder import UseEmbeddingFunction

PREBUILT_PATH = Path(__file__).parent / "prebuilt" / "use-m3.npz"


def _config_tag(function: EmbeddingFunction[Documents]) -> str | None:
    # Only the local encoder with folding is shipped; thread count does not change vectors.
    if isinstance(function, UseEmbeddingFunction) and function.fold_accents:
        return json.dumps({"name": function.name(), "fold_accents": True})
    return None


def text_key(text: str) -> str:
    """Hash of one embedded text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]


@lru_cache(maxsize=4)
def _load(path: Path, tag: str) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as data:
        if str(data["config"]) != tag:
            return {}
        vectors = data["vectors"].astype(np.float32)
        return {str(k): vectors[i] for i, k in enumerate(data["keys"])}


def cached_vectors(
    function: EmbeddingFunction[Documents], path: Path = PREBUILT_PATH
) -> dict[str, np.ndarray]:
    """`text_key -> vector` usable with this embedding function (empty when none apply)."""
    tag = _config_tag(function)
    return _load(path, tag) if tag else {}


def embed_with_cache(
    function: EmbeddingFunction[Documents], texts: Sequence[str], path: Path = PREBUILT_PATH
) -> list[np.ndarray]:
    """Vectors for `texts`: shipped ones where the text is unchanged, live ones otherwise."""
    cache = cached_vectors(function, path)
    out: list[np.ndarray | None] = [cache.get(text_key(t)) for t in texts]
    missing = [i for i, v in enumerate(out) if v is None]
    if missing:
        live = function([texts[i] for i in missing])
        for i, vector in zip(missing, live, strict=True):
            out[i] = np.asarray(vector, dtype=np.float32)
    return [v for v in out if v is not None]


def write_prebuilt(
    texts: Sequence[str], function: EmbeddingFunction[Documents], path: Path = PREBUILT_PATH
) -> int:
    """Embed `texts` live and write them (float16) to `path`; returns how many."""
    tag = _config_tag(function)
    if tag is None:
        raise ValueError("only the local USE encoder's vectors are shipped")
    unique = sorted(set(texts))
    vectors = np.asarray(function(unique), dtype=np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        keys=np.array([text_key(t) for t in unique]),
        vectors=vectors,
        config=np.array(tag),
    )
    _load.cache_clear()
    return len(unique)
