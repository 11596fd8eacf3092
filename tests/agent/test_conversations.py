"""Conversations as data: every JSONL file in `conversations/` is one thread, one turn a line.

A turn is `{"user": "..."}` (or `{"confirm": true|false}`, a button) with `expect`:
`tool`/`args`/`status` (an action of the turn), `no_actions`, `pending`, `reply_contains`,
`reply_excludes`, `citations` (at least), `expenses` / `other_company_expenses` (rows in
the books after the turn: what proves a write happened or did not).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from agent.normalize import fold
from agent.turn import Agent, TurnResult
from tests.agent.conftest import ANA
from tests.agent.toolbox import expense_count

CONVERSATIONS = sorted((Path(__file__).parent / "conversations").glob("*.jsonl"))


def load(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.mark.parametrize("path", CONVERSATIONS, ids=lambda p: p.stem)
def test_conversation(path: Path, agent: Agent, books: Engine) -> None:
    thread = path.stem
    for number, turn in enumerate(load(path), start=1):
        if "confirm" in turn:
            pending = agent.pending(ANA, thread)
            assert pending is not None, f"turn {number}: nothing to confirm"
            result = agent.confirm(ANA, thread, pending["id"], approve=turn["confirm"])
        else:
            result = agent.run_turn(ANA, thread, turn["user"], tuple(turn.get("attachments", ())))
        check(turn.get("expect", {}), result, books, f"{path.name} turn {number}")


def check(expect: dict[str, Any], result: TurnResult, books: Engine, where: str) -> None:
    reply = fold(result.reply)
    for text in expect.get("reply_contains", []):
        assert fold(text) in reply, f"{where}: {text!r} not in reply:\n{result.reply}"
    for text in expect.get("reply_excludes", []):
        assert fold(text) not in reply, f"{where}: {text!r} in reply:\n{result.reply}"
    if expect.get("no_actions"):
        assert result.actions == [], f"{where}: unexpected actions {result.actions}"
    if "tool" in expect or "status" in expect or "args" in expect:
        matching = [a for a in result.actions if a["tool"] == expect.get("tool", a["tool"])]
        assert matching, f"{where}: no action of {expect.get('tool')} in {result.actions}"
        action = matching[-1]
        if "status" in expect:
            assert action["status"] == expect["status"], f"{where}: {action}"
        for key, value in expect.get("args", {}).items():
            assert action["args"].get(key) == value, f"{where}: {key}={action['args'].get(key)!r}"
    if "pending" in expect:
        assert (result.pending_confirmation is not None) == expect["pending"], f"{where}: {result}"
    if "citations" in expect:
        assert len(result.citations) >= expect["citations"], f"{where}: {result.citations}"
        for cite in result.citations:
            assert set(cite) >= {"doc_id", "title", "section", "snippet"}
    if "expenses" in expect:
        assert expense_count(books, 1) == expect["expenses"], where
    if "other_company_expenses" in expect:
        assert expense_count(books, 2) == expect["other_company_expenses"], where
