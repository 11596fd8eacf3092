"""`CUADRE_CHROMA_URL` switches the dense store to a Chroma server (a real one, local)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cuadre.settings import Settings
from knowledge.index import sync_product_docs
from knowledge.retriever import Retriever
from knowledge.store import ChromaStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("chroma", path=str(Path(sys.executable).parent))
    if binary is None:
        pytest.skip("el ejecutable `chroma` no está instalado")
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "run",
            "--path",
            str(tmp_path / "srv"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.skip("el servidor Chroma local no arrancó")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_server_mode_indexes_and_filters_like_the_embedded_one(
    chroma_server: str, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", environment="test", chroma_url=chroma_server)
    store = ChromaStore(settings)
    assert type(store.client).__name__ != "PersistentClient"
    assert not (tmp_path / "data" / "chroma").exists()
    retriever = Retriever(store)
    first = sync_product_docs(retriever)
    assert first.added > 50
    # A second worker connecting to the same server finds the index already there.
    again = sync_product_docs(Retriever(ChromaStore(settings)))
    assert again.touched == 0 and again.unchanged == first.added
    top = retriever.search("cuanto tiempo tengo para transmitir en contingencia", k=3)
    assert "contingencia#plazo-48-horas" in [p.citation for p in top]
