"""No sentence of the source pages in ../shared/seeds may appear in the help corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.loader import PRODUCT_DOCS_DIR
from knowledge.textnorm import normalise_sentence

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
MIN_CHARS = 40


def _seed_sentences() -> set[str]:
    out = set()
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            # Whole lines and each sentence inside them.
            for piece in [line, *re.split(r"(?<=[.!?:;])\s+", line)]:
                norm = normalise_sentence(piece)
                if len(norm) > MIN_CHARS:
                    out.add(norm)
    return out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds no está disponible aquí")
def test_no_seed_sentence_is_copied_into_the_docs() -> None:
    corpus = " ".join(
        normalise_sentence(p.read_text(encoding="utf-8")) for p in PRODUCT_DOCS_DIR.glob("*.md")
    )
    sentences = _seed_sentences()
    assert len(sentences) > 50  # the check is really looking at something
    copied = sorted(s for s in sentences if s in corpus)
    assert not copied, copied[:5]


# Names of screens, options and accounts must be quoted exactly; they are not prose.
PRODUCT_LABELS = (
    "gastos y costos por datos iniciales dian",
    "datos iniciales dian",
    "envio automatico de documentos electronicos",
    "recepcion de comprobantes",
    "integraciones con otros sistemas",
)
RUN = 8


def _without_labels(text: str) -> list[str]:
    for label in PRODUCT_LABELS:
        text = text.replace(label, " ")
    return text.split()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds no está disponible aquí")
def test_no_run_of_eight_words_is_shared_with_the_seeds() -> None:
    seeds = _without_labels(
        " ".join(normalise_sentence(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt"))
    )
    docs = _without_labels(
        " ".join(
            normalise_sentence(p.read_text(encoding="utf-8")) for p in PRODUCT_DOCS_DIR.glob("*.md")
        )
    )
    seed_runs = {tuple(seeds[i : i + RUN]) for i in range(len(seeds) - RUN + 1)}
    shared = {
        " ".join(docs[i : i + RUN])
        for i in range(len(docs) - RUN + 1)
        if tuple(docs[i : i + RUN]) in seed_runs
    }
    assert not shared, sorted(shared)
