"""Each suite as a function from dataset files to figures; `run_all` dispatches by kind."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from evals.schema import (
    MODELS,
    ConversationTask,
    DatasetError,
    QuestionRow,
    RetrievalRow,
    dataset_kind,
    load_dataset,
)

DATASETS = Path(__file__).parent / "datasets"
DEFAULT_DATASETS = tuple(
    DATASETS / name
    for name in (
        "conversations.jsonl",
        "questions.jsonl",
        "questions_holdout.jsonl",
        "retrieval.jsonl",
        "suggestions.jsonl",
    )
)
# A floor named `suite.metric_holdout` reads `metric` of the suite's hold-out file (the
# figures of `questions_holdout.jsonl` are kept under "questions:questions_holdout").
HOLDOUT = "_holdout"
Planner = Literal["embedded", "llm"]


def make_planner(kind: Planner) -> Any:
    """The embedded planner, or the configured LLM planner (which falls back when unreachable)."""
    from agent.planners import EmbeddedPlanner
    from agent.planners import make_planner as configured
    from cuadre.settings import get_settings

    if kind == "embedded":
        return EmbeddedPlanner()
    settings = get_settings()
    if not settings.llm_configured:
        raise ValueError("No hay un endpoint compatible con OpenAI configurado (CUADRE_OPENAI_*).")
    return configured(settings)


def run_conversations(
    tasks: Sequence[ConversationTask], planner: Planner = "embedded", trials: int = 1
) -> dict[str, Any]:
    """Every task `trials` times, each on fresh copies of its fixture."""
    from agent.context import default_search
    from agent.turn import Agent
    from evals.companies import FixtureFactory
    from evals.report import conversation_figures
    from evals.runner import run_task
    from tools.registry import all_tools

    known = {spec.name for spec in all_tools()}
    for task in tasks:
        named = {a.tool for a in task.expected_actions} | set(task.forbidden_tools)
        if unknown := named - known:
            raise DatasetError(f"tarea {task.id}: herramientas desconocidas {sorted(unknown)}")
    brain = make_planner(planner)
    search = default_search()

    def make_agent(settings: Any, engine: Any, saver: Any) -> Agent:
        return Agent(
            settings=settings, engine=engine, checkpointer=saver, planner=brain, search=search
        )

    factory = FixtureFactory()
    try:
        results = [
            run_task(task, factory, make_agent, trial)
            for trial in range(1, trials + 1)
            for task in tasks
        ]
    finally:
        factory.close()
    figures = conversation_figures(results, trials)
    figures["planner"] = planner
    return figures


def run_questions(rows: Sequence[QuestionRow], planner: Planner = "embedded") -> dict[str, Any]:
    """Rule questions without a company; the reply must hold one alternative of each group."""
    from agent.turn import Agent
    from cuadre.settings import get_settings
    from evals.metrics import percentile
    from evals.questions import QuestionCase, accuracy, grade
    from tools.context import Principal

    principal = Principal(company_id=None, user_name="eval", channel="eval")
    results = []
    with Agent.open(get_settings(), planner=make_planner(planner)) as agent:
        for row in rows:
            thread = f"{row.id}-{uuid.uuid4().hex[:8]}"
            started = time.perf_counter()
            reply = agent.run_turn(principal, thread, row.question).reply
            case = QuestionCase(row.id, row.question, row.any_of)
            results.append(grade(case, reply, time.perf_counter() - started))
            agent.delete_thread(principal, thread)
    return {
        "n": len(results),
        "accuracy": round(accuracy(results), 4),
        "latency_p50_ms": round(percentile([r.seconds * 1000 for r in results], 50), 1),
        "latency_p95_ms": round(percentile([r.seconds * 1000 for r in results], 95), 1),
        "failures": [
            {"task": r.case.id, "trial": 1, "problems": [f"falta {list(r.missing)}"]}
            for r in results
            if not r.passed
        ],
    }


def run_retrieval(rows: Sequence[RetrievalRow]) -> dict[str, Any]:
    """Recall@k and MRR of the help search."""
    from cuadre.settings import get_settings
    from evals.retrieval import RetrievalCase, aggregate, evaluate
    from knowledge.index import get_retriever

    retriever = get_retriever(get_settings())
    results = [
        evaluate(
            RetrievalCase(row.id, row.question, row.relevant),
            [p.citation for p in retriever.search(row.question, k=10)],
        )
        for row in rows
    ]
    metrics = aggregate(results)
    return {
        "n": metrics.n,
        "recall_at_3": round(metrics.recall_at[3], 4),
        "recall_at_5": round(metrics.recall_at[5], 4),
        "mrr": round(metrics.mrr, 4),
        "failures": [
            {"task": r.case.id, "trial": 1, "problems": [f"rango {r.rank}: {r.returned[:3]}"]}
            for r in results
            if r.rank is None or r.rank > 3
        ],
    }


def run_suggestions(path: Path) -> dict[str, Any]:
    """Top-1 accuracy of the account suggestions."""
    from evals.suggestions import evaluate, load_cases

    report = evaluate(load_cases(path))
    return {
        "n": len(report.results),
        "top1": round(report.accuracy, 4),
        "latency_p50_ms": round(report.latency_ms(0.5), 2),
        "latency_p95_ms": round(report.latency_ms(0.95), 2),
        "failures": [
            {"task": m.case.id, "trial": 1, "problems": [f"{m.top.account_code} ∉ {m.case.accept}"]}
            for m in report.misses
        ],
    }


def run_all(
    paths: Sequence[Path],
    planner: Planner = "embedded",
    trials: int = 1,
    ci_only: bool = False,
) -> dict[str, Any]:
    """Figures per suite, keyed by suite (a second file of a kind gets its file stem)."""
    figures: dict[str, Any] = {}
    for path in paths:
        kind = dataset_kind(path)
        rows = load_dataset(path, MODELS[kind])
        key = kind if kind not in figures else f"{kind}:{path.stem}"
        if kind == "conversations":
            tasks = [t for t in rows if isinstance(t, ConversationTask) and (t.ci or not ci_only)]
            figures[key] = run_conversations(tasks, planner, trials)
        elif kind == "questions":
            figures[key] = run_questions(rows, planner)  # type: ignore[arg-type]
        elif kind == "retrieval":
            figures[key] = run_retrieval(rows)  # type: ignore[arg-type]
        else:
            figures[key] = run_suggestions(path)
    return figures


def below_thresholds(
    figures: dict[str, Any], thresholds: dict[str, float], planner: Planner = "embedded"
) -> list[str]:
    """Each `suite.metric` under its floor (for `writes_without_approval`, over its ceiling).

    Floors for the LLM planner are `llm.suite.metric`; plain `suite.metric` floors are the
    embedded planner's. Flat keys without a dot belong to older per-suite commands.
    """
    found = []
    prefix = "llm." if planner == "llm" else ""
    for key, floor in thresholds.items():
        if not key.startswith(prefix) or (not prefix and key.startswith("llm.")):
            continue
        name = key[len(prefix) :]
        suite, _, metric = name.partition(".")
        if metric.endswith(HOLDOUT):
            suite, metric = f"{suite}:{suite}{HOLDOUT}", metric.removesuffix(HOLDOUT)
        if not metric or suite not in figures:
            continue
        value = figures[suite].get(metric)
        if value is None:
            continue
        if metric == "writes_without_approval":
            if value > floor:
                found.append(f"{key} = {value} > {floor}")
        elif value < floor:
            found.append(f"{key} = {value} < {floor}")
    return found
