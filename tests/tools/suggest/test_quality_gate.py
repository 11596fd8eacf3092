"""Quality gate: the labelled set keeps its top-1 accuracy (threshold in evals/thresholds.json)."""

from __future__ import annotations

import json
from pathlib import Path

from evals.suggestions import activities, evaluate, load_cases

ROOT = Path(__file__).resolve().parents[3]
DATASET = ROOT / "evals" / "datasets" / "suggestions.jsonl"
HOLDOUT = ROOT / "evals" / "datasets" / "suggestions_holdout.jsonl"


def _threshold(key: str) -> float:
    return float(json.loads((ROOT / "evals" / "thresholds.json").read_text())[key])


def test_dataset_is_broad_enough() -> None:
    cases = load_cases(DATASET)
    assert len(cases) >= 150
    assert len(activities(cases)) >= 8
    assert len({case.id for case in cases}) == len(cases)


def test_top1_accuracy_holds() -> None:
    report = evaluate(load_cases(DATASET))
    assert report.accuracy >= _threshold("suggestions.top1"), [
        (miss.case.id, miss.top.account_code) for miss in report.misses
    ]


def test_holdout_accuracy_holds() -> None:
    report = evaluate(load_cases(HOLDOUT))
    assert report.accuracy >= _threshold("suggestions.top1_holdout")
