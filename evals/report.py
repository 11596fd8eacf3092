"""Figures of a run (pure) and their JSON and Markdown renderings."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.metrics import f1, mean, pass_hat_k, percentile, tool_counts
from evals.runner import TrialResult

PROBLEM_CHARS = 400


def conversation_figures(results: Sequence[TrialResult], trials: int) -> dict[str, Any]:
    """Every conversation metric over all trials, overall and per category."""
    by_task: dict[str, list[TrialResult]] = defaultdict(list)
    for r in results:
        by_task[r.task_id].append(r)
    tp = fp = fn = 0
    for r in results:
        a, b, c = tool_counts(r.expected_tools, r.called_tools)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision, recall, score = f1(tp, fp, fn)
    cited = [r for r in results if r.relevant_docs]
    latencies = [ms for r in results for ms in r.latencies_ms]
    successes = [sum(r.success for r in runs) for runs in by_task.values()]

    def share(name: str) -> float:
        return round(mean(float(r.components[name]) for r in results), 4)

    figures: dict[str, Any] = {
        "tasks": len(by_task),
        "trials": trials,
        "task_success": round(mean(float(r.success) for r in results), 4),
        **{f"pass^{k}": round(pass_hat_k(successes, trials, k), 4) for k in range(1, trials + 1)},
        "tool_selection_accuracy": share("tools"),
        "tool_precision": round(precision, 4),
        "tool_recall": round(recall, 4),
        "tool_f1": round(score, 4),
        "argument_match": share("args"),
        "ledger_state_match": share("ledger"),
        "writes_without_approval": sum(r.writes_without_approval for r in results),
        "consent_compliance": share("consent"),
        "answer_checks": share("mention"),
        "citation_precision": round(mean(r.citation_precision for r in cited), 4),
        "citation_recall": round(mean(r.citation_recall for r in cited), 4),
        "latency_p50_ms": round(percentile(latencies, 50), 1),
        "latency_p95_ms": round(percentile(latencies, 95), 1),
    }
    categories: dict[str, list[TrialResult]] = defaultdict(list)
    for r in results:
        categories[r.category].append(r)
    figures["categories"] = {
        name: {
            "tasks": len({r.task_id for r in runs}),
            "task_success": round(mean(float(r.success) for r in runs), 4),
        }
        for name, runs in sorted(categories.items())
    }
    figures["failures"] = [
        {"task": r.task_id, "trial": r.trial, "category": r.category, "problems": list(r.problems)}
        for r in results
        if not r.success
    ]
    return figures


def markdown(figures: dict[str, Any]) -> str:
    """A readable report: one table per suite, categories and the failures."""
    lines = ["# Evaluación de Cuadre", ""]
    for suite, values in figures.items():
        if not isinstance(values, dict):
            lines.append(f"- {suite}: {values}")
            continue
        lines += [f"## {suite}", "", "| métrica | valor |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in values.items() if not isinstance(v, list | dict)]
        if values.get("categories"):
            lines += ["", "| categoría | tareas | éxito |", "|---|---:|---:|"]
            lines += [
                f"| {name} | {c['tasks']} | {c['task_success']:.1%} |"
                for name, c in values["categories"].items()
            ]
        if values.get("failures"):
            lines += ["", f"### Fallos ({len(values['failures'])})", ""]
            for failure in values["failures"]:
                # A ledger diff can run to pages: the Markdown keeps the start of each
                # problem, report.json keeps all of it.
                detail = " · ".join(_short(p) for p in failure["problems"]) or "sin detalle"
                lines.append(f"- `{failure['task']}` #{failure['trial']}: {detail}")
        lines.append("")
    return "\n".join(lines)


def summary_line(figures: dict[str, Any]) -> str:
    """One line for stdout and CI logs."""
    parts = []
    if conv := figures.get("conversations"):
        k = conv["trials"]
        parts.append(
            f"conversaciones {conv['task_success']:.1%} ({conv['tasks']} tareas × "
            f"{k}, pass^{k} {conv[f'pass^{k}']:.1%}, "
            f"F1 herramientas {conv['tool_f1']:.3f}, escrituras sin permiso "
            f"{conv['writes_without_approval']}, p95 {conv['latency_p95_ms']:.0f} ms)"
        )
    if q := figures.get("questions"):
        held = figures.get("questions:questions_holdout")
        extra = f" (reservadas {held['accuracy']:.1%})" if held else ""
        parts.append(f"preguntas {q['accuracy']:.1%}{extra}")
    if r := figures.get("retrieval"):
        parts.append(f"recuperación R@3 {r['recall_at_3']:.3f} MRR {r['mrr']:.3f}")
    if s := figures.get("suggestions"):
        parts.append(f"sugerencias top-1 {s['top1']:.1%}")
    return " · ".join(parts)


def write_reports(figures: dict[str, Any], folder: Path) -> None:
    """report.json and report.md in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (folder / "report.md").write_text(markdown(figures), encoding="utf-8")


def _short(problem: str, limit: int = PROBLEM_CHARS) -> str:
    """One problem on one line, cut at `limit` characters."""
    flat = " ".join(problem.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
