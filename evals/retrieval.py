"""Retrieval metrics (pure): recall@k and mean reciprocal rank over labelled questions.

A case is `{"id", "question", "relevant": [...]}`; each relevant item is a page id
(`"sync-dian"`, any section of it counts) or a section (`"sync-dian#pagos-automaticos"`).
recall@k is the share of questions with at least one relevant section among the first k
results; MRR averages 1/rank of the first relevant result (0 when none is returned).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_KS = (1, 3, 5)
THRESHOLDS_FILE = Path(__file__).parent / "thresholds.json"


@dataclass(frozen=True)
class RetrievalCase:
    """One labelled question."""

    id: str
    question: str
    relevant: tuple[str, ...]


@dataclass(frozen=True)
class CaseResult:
    """Where the first relevant section landed (`None`: not returned)."""

    case: RetrievalCase
    returned: tuple[str, ...]
    rank: int | None


@dataclass(frozen=True)
class RetrievalMetrics:
    """Aggregate figures over a dataset."""

    n: int
    recall_at: dict[int, float] = field(default_factory=dict)
    mrr: float = 0.0


def load_cases(path: Path | str) -> list[RetrievalCase]:
    """Cases from a JSONL file; a line without `relevant` is an error, not a skip."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not row.get("relevant"):
            raise ValueError(f"línea {number}: falta «relevant»")
        cases.append(
            RetrievalCase(
                id=str(row["id"]), question=row["question"], relevant=tuple(row["relevant"])
            )
        )
    return cases


def matches(citation: str, relevant: str) -> bool:
    """`citation` is `doc#anchor` (or `doc`); a page-level label accepts any of its sections."""
    if "#" in relevant:
        return citation == relevant
    return citation.split("#", 1)[0] == relevant


def first_relevant_rank(returned: Sequence[str], relevant: Iterable[str]) -> int | None:
    """1-based rank of the first returned citation matching any relevant label."""
    wanted = tuple(relevant)
    for rank, citation in enumerate(returned, 1):
        if any(matches(citation, r) for r in wanted):
            return rank
    return None


def evaluate(case: RetrievalCase, returned: Sequence[str]) -> CaseResult:
    """Pair one case with the citations a retriever returned for it."""
    return CaseResult(
        case=case, returned=tuple(returned), rank=first_relevant_rank(returned, case.relevant)
    )


def aggregate(results: Sequence[CaseResult], ks: Sequence[int] = DEFAULT_KS) -> RetrievalMetrics:
    """recall@k for each k, and MRR."""
    n = len(results)
    if n == 0:
        return RetrievalMetrics(n=0, recall_at={k: 0.0 for k in ks}, mrr=0.0)
    recall = {k: sum(1 for r in results if r.rank is not None and r.rank <= k) / n for k in ks}
    mrr = sum(1.0 / r.rank for r in results if r.rank is not None) / n
    return RetrievalMetrics(n=n, recall_at=recall, mrr=mrr)


def load_thresholds(path: Path = THRESHOLDS_FILE) -> dict[str, float]:
    """The quality gates every suite shares (one file, one place to change them)."""
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
