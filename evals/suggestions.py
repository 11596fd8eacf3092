"""Evaluation of the purchase suggester on a labelled JSONL set (pure apart from reading).

Each line: `{"id", "company_ciiu", "supplier", "description", "accept": [prefixes]}` and
optionally `"amount"`. Every case runs cold: a company with that activity, no history, the
default catalogue of its sector. A case is a hit when the top suggestion's account starts
with one of the accepted prefixes (labels follow PUC rules, as broad as they allow).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tools.suggest import CompanyProfile, PurchaseLine, Suggestion, suggest


@dataclass(frozen=True)
class SuggestionCase:
    """One labelled purchase line."""

    id: str
    company_ciiu: str
    supplier: str
    description: str
    accept: tuple[str, ...]
    amount: Decimal | None = None


@dataclass(frozen=True)
class CaseResult:
    """What the suggester answered for a case and whether it counts."""

    case: SuggestionCase
    top: Suggestion
    hit: bool
    seconds: float

    def as_json(self) -> dict[str, object]:
        """The per-line JSON shape of `cuadre eval suggestions --json`."""
        return {
            "id": self.case.id,
            "account": self.top.account_code,
            "item": self.top.item,
            "confidence": self.top.confidence,
            "reason": self.top.reason_es,
        }


@dataclass(frozen=True)
class EvalReport:
    """Top-1 accuracy, the misses and latency of a run."""

    results: tuple[CaseResult, ...]

    @property
    def accuracy(self) -> float:
        """Share of cases whose top suggestion has an accepted account."""
        return sum(r.hit for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def misses(self) -> tuple[CaseResult, ...]:
        """Cases the top suggestion got wrong."""
        return tuple(r for r in self.results if not r.hit)

    def latency_ms(self, quantile: float) -> float:
        """Per-line latency at a quantile (0.5 = median), in milliseconds."""
        times = sorted(r.seconds for r in self.results)
        if not times:
            return 0.0
        position = min(len(times) - 1, max(0, round(quantile * (len(times) - 1))))
        return times[position] * 1000

    @property
    def confident_share(self) -> float:
        """Share of cases the agent would post without review."""
        return (
            sum(r.top.confident for r in self.results) / len(self.results) if self.results else 0.0
        )

    @property
    def confident_accuracy(self) -> float:
        """Accuracy among the confident top suggestions (what would be auto-posted)."""
        confident = [r for r in self.results if r.top.confident]
        return sum(r.hit for r in confident) / len(confident) if confident else 0.0

    @property
    def mean_ms(self) -> float:
        """Mean per-line latency in milliseconds."""
        return statistics.fmean(r.seconds for r in self.results) * 1000 if self.results else 0.0


def parse_case(raw: dict[str, object]) -> SuggestionCase:
    """One JSONL record as a case; a missing key raises `KeyError` naming it."""
    accept = raw["accept"]
    if not isinstance(accept, list) or not accept:
        raise ValueError(f"case {raw.get('id')}: 'accept' must be a non-empty list")
    amount = raw.get("amount")
    return SuggestionCase(
        id=str(raw["id"]),
        company_ciiu=str(raw["company_ciiu"]),
        supplier=str(raw.get("supplier", "")),
        description=str(raw["description"]),
        accept=tuple(str(prefix) for prefix in accept),
        amount=Decimal(str(amount)) if amount not in (None, "") else None,
    )


def load_cases(path: Path) -> tuple[SuggestionCase, ...]:
    """Cases of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        return tuple(parse_case(json.loads(line)) for line in handle if line.strip())


def run_case(case: SuggestionCase) -> CaseResult:
    """Suggest cold for one case and judge the top suggestion."""
    line = PurchaseLine(
        description=case.description, supplier_name=case.supplier, amount=case.amount
    )
    profile = CompanyProfile(ciiu_codes=(case.company_ciiu,))
    started = time.perf_counter()
    top = suggest(line, profile)[0]
    elapsed = time.perf_counter() - started
    hit = any(top.account_code.startswith(prefix) for prefix in case.accept)
    return CaseResult(case=case, top=top, hit=hit, seconds=elapsed)


def evaluate(cases: Iterable[SuggestionCase]) -> EvalReport:
    """Run every case cold and collect the report."""
    return EvalReport(tuple(run_case(case) for case in cases))


def activities(cases: Sequence[SuggestionCase]) -> tuple[str, ...]:
    """Distinct company activities in a set, sorted."""
    return tuple(sorted({case.company_ciiu for case in cases}))
