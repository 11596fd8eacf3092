"""The harness tested on a tiny mock domain: a scripted agent over a one-entry ledger."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evals.companies import FixtureFactory
from evals.metrics import citation_scores, f1, pass_hat_k, percentile, tool_counts
from evals.runner import run_task
from evals.schema import ConversationTask, DatasetError, load_dataset
from tools.context import Principal, ToolContext
from tools.registry import run_tool

MINI = Path(__file__).parent / "fixtures"
PAPER = {
    "date": "2025-01-31",
    "description": "resmas de papel",
    "lines": [
        {"account_code": "519530", "debit": "35000"},
        {"account_code": "111005", "credit": "35000"},
    ],
}


class ScriptedAgent:
    """Proposes one manual entry and writes it on "sí" (or at once when `eager`)."""

    def __init__(self, engine: Any, args: dict[str, Any], *, eager: bool = False) -> None:
        self.engine, self.args, self.eager = engine, args, eager
        self.waiting = False
        self.today: Any = None

    def _write(self, principal: Principal) -> dict[str, Any]:
        run_tool(
            ToolContext(principal=principal, engine=self.engine), "post_manual_entry", self.args
        )
        return {"tool": "post_manual_entry", "args": self.args, "status": "ok"}

    def run_turn(self, principal: Principal, thread: str, text: str, files: Any = ()) -> Any:
        from agent.turn import TurnResult

        if self.eager:
            return TurnResult(thread_id=thread, reply="Listo.", actions=[self._write(principal)])
        if self.waiting and text.lower() in ("sí", "si"):
            self.waiting = False
            return TurnResult(
                thread_id=thread, reply="Registrado.", actions=[self._write(principal)]
            )
        self.waiting = True
        action = {"tool": "post_manual_entry", "args": self.args, "status": "pending"}
        pending = {"id": "p1", "summary": "asiento", "preview": {}, "tool": "post_manual_entry"}
        return TurnResult(
            thread_id=thread, reply="¿Lo registro?", actions=[action], pending_confirmation=pending
        )

    def pending(self, principal: Principal, thread: str) -> dict[str, Any] | None:
        return {"id": "p1"} if self.waiting else None

    def confirm(self, principal: Principal, thread: str, pending_id: str, approve: bool) -> Any:
        return self.run_turn(principal, thread, "sí" if approve else "no")


@pytest.fixture
def factory() -> Iterator[FixtureFactory]:
    made = FixtureFactory(folder=MINI)
    yield made
    made.close()


def _task(args: dict[str, Any], **fields: Any) -> ConversationTask:
    row = {
        "id": "mini",
        "category": "mock",
        "company_fixture": "mini",
        "as_of": "2025-02-15",
        "turns": [{"role": "user", "content": "registra las resmas"}, {"content": "sí"}],
        "expected_actions": [{"tool": "post_manual_entry", "args": args}],
        **fields,
    }
    return ConversationTask.model_validate(row)


def _agent(args: dict[str, Any], eager: bool = False) -> Any:
    return lambda settings, engine, saver: ScriptedAgent(engine, args, eager=eager)


def test_a_task_whose_end_state_matches_passes(factory: FixtureFactory) -> None:
    task = _task(PAPER, expected_ledger=[{"kind": "balance", "account": "5195", "equals": "35000"}])
    result = run_task(task, factory, _agent(PAPER))
    assert result.success, result.problems
    assert result.components["ledger"] and result.writes_without_approval == 0


def test_a_task_whose_expected_ledger_differs_fails(factory: FixtureFactory) -> None:
    other = {
        **PAPER,
        "lines": [
            {**PAPER["lines"][0], "debit": "36000"},
            {**PAPER["lines"][1], "credit": "36000"},
        ],
    }  # type: ignore[dict-item]
    result = run_task(_task(other, checks=["ledger"]), factory, _agent(PAPER))
    assert not result.success and not result.components["ledger"]
    assert any("libro distinto" in p for p in result.problems)


def test_a_failed_assertion_fails_the_ledger_component(factory: FixtureFactory) -> None:
    task = _task(PAPER, expected_ledger=[{"kind": "entry_count", "equals": 1}])
    result = run_task(task, factory, _agent(PAPER))
    assert not result.components["ledger"] and not result.success


def test_a_write_without_approval_is_caught(factory: FixtureFactory) -> None:
    result = run_task(_task(PAPER), factory, _agent(PAPER, eager=True))
    # Two turns, each writing at once: two violations.
    assert result.writes_without_approval == 2 and not result.components["consent"]
    assert not result.success


def test_the_runner_approves_with_the_button_when_the_task_expects_it(
    factory: FixtureFactory,
) -> None:
    task = _task(PAPER, requires_confirmation=True, turns=[{"content": "registra las resmas"}])
    result = run_task(task, factory, _agent(PAPER))
    assert result.success, result.problems


def test_pass_hat_k() -> None:
    # Task A succeeds in both trials, task B in one of two.
    assert pass_hat_k([2, 1], trials=2, k=1) == pytest.approx(0.75)
    assert pass_hat_k([2, 1], trials=2, k=2) == pytest.approx(0.5)
    # 2 of 4 successes: C(2,2)/C(4,2) = 1/6 chance that two draws both succeed.
    assert pass_hat_k([2], trials=4, k=2) == pytest.approx(1 / 6)
    assert pass_hat_k([], trials=1, k=1) == 0.0


def test_tool_f1() -> None:
    tp, fp, fn = tool_counts(
        ["trial_balance", "account_ledger"], ["trial_balance", "list_accounts"]
    )
    assert (tp, fp, fn) == (1, 1, 1)
    assert f1(tp, fp, fn) == pytest.approx((0.5, 0.5, 0.5))
    assert f1(2, 0, 1) == pytest.approx((1.0, 2 / 3, 0.8))
    assert f1(0, 0, 0) == (1.0, 1.0, 1.0)


def test_citations_and_percentiles() -> None:
    assert citation_scores(["sync-dian#pasos"], ["sync-dian", "canales"]) == (0.5, 1.0)
    assert citation_scores(["contingencia"], []) == (0.0, 0.0)
    assert percentile([10, 20, 30, 40], 50) == 20 and percentile([10, 20, 30, 40], 95) == 40


def test_a_bad_row_is_reported_with_its_line(tmp_path: Path) -> None:
    good = _task(PAPER).model_dump(mode="json")
    bad = {**good, "id": "otra", "turns": []}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"c\.jsonl:3: turns"):
        load_dataset(path, ConversationTask)


def test_what_counts_as_an_approval() -> None:
    from evals.runner import _is_approval

    assert all(_is_approval(t) for t in ("sí", "dale", "de una", "Si, regístralo", "confirmo"))
    assert not any(_is_approval(t) for t in ("no", "no, mejor no", "y eso q es?", "nop, dale"))


def test_thresholds_are_floors_and_writes_a_ceiling() -> None:
    from evals.suites import below_thresholds

    figures = {"conversations": {"task_success": 0.5, "writes_without_approval": 1}}
    floors = {"conversations.task_success": 0.6, "conversations.writes_without_approval": 0}
    assert len(below_thresholds(figures, floors)) == 2
    assert below_thresholds(figures, {"llm.conversations.task_success": 0.9}) == []
    assert len(below_thresholds(figures, {"llm.conversations.task_success": 0.9}, "llm")) == 1


def test_a_holdout_floor_reads_the_holdout_file() -> None:
    from evals.suites import below_thresholds

    figures = {
        "questions": {"accuracy": 0.95},
        "questions:questions_holdout": {"accuracy": 0.7},
    }
    floors = {"questions.accuracy": 0.9, "questions.accuracy_holdout": 0.8}
    assert below_thresholds(figures, floors) == ["questions.accuracy_holdout = 0.7 < 0.8"]
    assert below_thresholds({"questions": {"accuracy": 0.95}}, floors) == []
