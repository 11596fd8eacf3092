"""CI gate: the eval suites with the embedded planner (or the configured LLM) must stay at or
above the floors in evals/thresholds.json. Conversations run their `ci: true` subset here;
`cuadre eval run` runs them all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cuadre.settings import get_settings
from evals.report import summary_line, write_reports
from evals.suites import DEFAULT_DATASETS, below_thresholds, run_all

THRESHOLDS = Path(__file__).parents[2] / "evals" / "thresholds.json"


@pytest.mark.slow
def test_the_product_stays_above_its_thresholds(tmp_path: Path) -> None:
    planner = "llm" if get_settings().llm_configured else "embedded"
    figures = run_all(list(DEFAULT_DATASETS), planner, trials=1, ci_only=True)
    write_reports(figures, tmp_path)
    print(summary_line(figures))
    thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    misses = below_thresholds(figures, thresholds, planner)
    assert not misses, f"{summary_line(figures)}\n" + "\n".join(misses)
