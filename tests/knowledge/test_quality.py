"""Retrieval quality gate on the project's own labelled questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.retrieval import aggregate, evaluate, load_cases, load_thresholds
from knowledge.retriever import Retriever

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


# Each labelled set has its own floors: the dev set (retrieval.jsonl) and the questions
# the answers are graded on, read here as a retrieval set.
GATES = {
    "retrieval.jsonl": ("retrieval.recall_at_3", "retrieval.mrr"),
    "questions.jsonl": ("questions.retrieval_recall_at_3", "questions.retrieval_mrr"),
}


@pytest.mark.parametrize("name", sorted(GATES))
def test_retrieval_meets_the_thresholds(retriever: Retriever, name: str) -> None:
    cases = load_cases(DATASETS / name)
    assert len(cases) >= 120
    results = [evaluate(c, [p.citation for p in retriever.search(c.question, k=10)]) for c in cases]
    metrics = aggregate(results)
    gates = load_thresholds()
    recall_key, mrr_key = GATES[name]
    assert metrics.recall_at[3] >= gates[recall_key], metrics
    assert metrics.mrr >= gates[mrr_key], metrics


def test_every_label_names_a_real_page_or_section() -> None:
    from knowledge.rules import product_sections

    sections = product_sections()
    pages = {c.doc_id for c in sections.values()}
    for name in ("retrieval.jsonl", "questions.jsonl", "questions_holdout.jsonl"):
        for case in load_cases(DATASETS / name):
            for label in case.relevant:
                assert label in sections or label in pages, (name, case.id, label)


@pytest.mark.parametrize("name", ["questions.jsonl", "questions_holdout.jsonl"])
def test_every_expected_answer_is_written_in_a_labelled_section(name: str) -> None:
    """`cuadre eval questions` grades answers with `any_of`; each group must be answerable
    from the text of a section the question is labelled with."""
    import json

    from knowledge.rules import product_sections
    from knowledge.textnorm import fold

    sections = product_sections()
    unanswerable = []
    for line in (DATASETS / name).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts = [
            fold(c.text)
            for c in sections.values()
            if any(label in (c.citation, c.doc_id) for label in row["relevant"])
        ]
        for group in row["any_of"]:
            if not any(fold(alt) in text for alt in group for text in texts):
                unanswerable.append((row["id"], group))
    assert not unanswerable
