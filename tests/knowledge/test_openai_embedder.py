"""An OpenAI-compatible embedding endpoint replaces the local encoder by setting.

The stand-in server speaks the real protocol (`POST /v1/embeddings`) on 127.0.0.1 and
returns bag-of-words vectors, so similar texts get similar vectors.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest

from cuadre.settings import Settings
from knowledge.embedder import OpenAICompatibleEmbeddingFunction, make_embedding_function
from knowledge.retriever import Retriever
from knowledge.store import ChromaStore
from knowledge.textnorm import tokens

DIM = 64


def _vector(text: str) -> list[float]:
    v = np.zeros(DIM)
    for tok in tokens(text):
        v[int(hashlib.md5(tok.encode()).hexdigest(), 16) % DIM] += 1.0
    norm = np.linalg.norm(v) or 1.0
    return list(v / norm)


class _Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.seen.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        data = [
            {"object": "embedding", "index": i, "embedding": _vector(t)}
            for i, t in enumerate(body["input"])
        ]
        payload = json.dumps(
            {"object": "list", "data": data[::-1], "model": body["model"]}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_endpoint_replaces_the_local_encoder(
    endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUADRE_OPENAI_API_KEY", "sk-local-test")
    settings = Settings(
        data_dir=tmp_path,
        environment="test",
        embedding_base_url=endpoint,
        embedding_model="emb-local",
    )
    function = make_embedding_function(settings)
    assert isinstance(function, OpenAICompatibleEmbeddingFunction)
    store = ChromaStore(settings)
    assert store.name == "cuadre_help_oai-emb-local"
    from knowledge.index import sync_product_docs

    retriever = Retriever(store)
    sync_product_docs(retriever)
    top = retriever.search("pagos automaticos banco 1 facturas de contado", k=3)
    assert top[0].citation == "sync-dian#pagos-automaticos"
    assert _Handler.seen[-1]["path"] == "/v1/embeddings"
    assert _Handler.seen[-1]["model"] == "emb-local"
    assert _Handler.seen[-1]["auth"] == "Bearer sk-local-test"
    # The key is never written into the collection's configuration.
    assert "sk-local-test" not in json.dumps(function.get_config())
    rebuilt = OpenAICompatibleEmbeddingFunction.build_from_config(function.get_config())
    assert rebuilt.base_url == endpoint and rebuilt.model == "emb-local"
