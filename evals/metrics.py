"""Evaluation metrics (pure functions over plain values)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def task_success(components: Mapping[str, bool], named: Iterable[str]) -> bool:
    """The product of the components a task names (a missing component counts as failed)."""
    return all(components.get(name, False) for name in named)


def pass_hat_k(successes: Sequence[int], trials: int, k: int) -> float:
    """pass^k (tau-bench): the chance that k trials drawn from n all succeed, averaged.

    `successes[i]` is how many of the `trials` runs of task i succeeded.
    """
    if not successes or k < 1 or k > trials:
        return 0.0
    total = sum(math.comb(c, k) / math.comb(trials, k) for c in successes)
    return total / len(successes)


def tool_counts(expected: Sequence[str], called: Sequence[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of tool names, as multisets."""
    want, got = Counter(expected), Counter(called)
    tp = sum((want & got).values())
    return tp, sum(got.values()) - tp, sum(want.values()) - tp


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(precision, recall, F1); empty sides count as perfect."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def args_match(expected: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    """Every expected argument equals the agent's (compared as text, numbers normalised)."""
    return all(_same(value, got.get(key)) for key, value in expected.items())


def _same(want: Any, have: Any) -> bool:
    if isinstance(want, list | tuple) and isinstance(have, list | tuple):
        return len(want) == len(have) and all(_same(a, b) for a, b in zip(want, have, strict=True))
    if isinstance(want, dict) and isinstance(have, dict):
        return args_match(want, have)
    return _norm(want) == _norm(have)


def _norm(value: Any) -> str:
    from decimal import Decimal, InvalidOperation

    text = "" if value is None else str(value).strip().lower()
    try:
        return format(Decimal(text).normalize(), "f")
    except (InvalidOperation, ValueError):
        return text


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Share of cases whose first relevant result is within the top k."""
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr(ranks: Sequence[int | None]) -> float:
    """Mean reciprocal rank of the first relevant result."""
    return sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0


def citation_scores(relevant: Sequence[str], cited: Sequence[str]) -> tuple[float, float]:
    """(precision, recall) of cited documents against relevant ones, compared by page
    (`sync-dian#pasos` and `sync-dian` are the same document: answers cite pages)."""

    def hit(citation: str, wanted: str) -> bool:
        return citation.split("#")[0] == wanted.split("#")[0]

    cited_set, relevant_set = set(cited), set(relevant)
    precision = (
        sum(any(hit(c, r) for r in relevant_set) for c in cited_set) / len(cited_set)
        if cited_set
        else (1.0 if not relevant_set else 0.0)
    )
    recall = (
        sum(any(hit(c, r) for c in cited_set) for r in relevant_set) / len(relevant_set)
        if relevant_set
        else 1.0
    )
    return precision, recall


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean; 0 for none."""
    items = list(values)
    return sum(items) / len(items) if items else 0.0
