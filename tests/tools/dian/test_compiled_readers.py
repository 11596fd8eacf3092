"""The compiled readers (`tools/dian/_speedups.pyx`) read exactly what the pure ones read.

Every input of a rough corpus (`rough_corpus.py`: the snapshot's documents and seeded
mutations of them) is read here, with the readers this install uses, and in a child
process forced onto the pure readers; every field, issue and failure must match.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools.dian.rough_corpus import readings
from tools.dian import readers

ROOT = Path(__file__).resolve().parents[3]


def test_compiled_readers_are_built() -> None:
    if os.environ.get("CUADRE_DIAN_PURE") == "1":
        pytest.fail("CUADRE_DIAN_PURE=1 is set: the test suite must run the compiled readers")
    assert readers.COMPILED, (
        "tools/dian/_speedups.pyx was not compiled: install with a C compiler "
        "(`make install` rebuilds it)"
    )


def test_pure_and_compiled_readers_agree(tmp_path: Path) -> None:
    out = tmp_path / "pure.json"
    env = {**os.environ, "CUADRE_DIAN_PURE": "1"}
    subprocess.run(
        [sys.executable, "-m", "tests.tools.dian.rough_corpus", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    pure = json.loads(out.read_text(encoding="utf-8"))
    compiled = json.loads(json.dumps(readings(), ensure_ascii=False))
    assert sorted(compiled) == sorted(pure)
    differing = [name for name in pure if compiled[name] != pure[name]]
    assert not differing, differing[:10]


def test_rough_corpus_reaches_the_odd_paths() -> None:
    results = readings()
    issues = {
        issue["code"]
        for result in results.values()
        if result["type"] == "DianDocument"
        for issue in result["issues"]
    }
    failures = [result for result in results.values() if result["type"] == "IngestFailure"]
    assert {"valor_invalido", "fecha_invalida"} <= issues
    assert len(failures) > 5  # some mutations break the XML: the failures must agree too
    assert len(results) > 400


def test_tag_cache_stays_bounded() -> None:
    assert readers.compiled is not None, "compiled readers not built"
    readings()
    assert readers.compiled.tag_cache_size() < 4096
