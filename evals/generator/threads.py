"""The agent's own threads (`agent_threads.jsonl`, per-turn expectations) as tasks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evals.generator.sources import ThreadsFile
from evals.generator.templates import AS_OF, turns

THREADS = Path(__file__).parents[1] / "datasets" / "agent_threads.jsonl"
KNOWLEDGE = ["search_help", "explain_rule"]


def expand(source: ThreadsFile, path: Path = THREADS) -> Iterator[dict[str, Any]]:
    """One task per thread: its tools in order, the union of what its replies must say."""
    writes = {(w.thread, w.turn): w.args for w in source.writes}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        old = json.loads(line)
        actions: list[dict[str, Any]] = []
        mention: list[str] = []
        for number, turn in enumerate(old["turns"]):
            expect = turn.get("expect", {})
            mention += expect.get("reply_contains", [])
            if "tool" in expect:
                said = expect.get("args", {})
                actions.append(
                    {
                        "tool": expect["tool"],
                        "args": writes.get((old["id"], number), said),
                        "compare_args": list(said),
                        "status": "ok",
                    }
                )
        # A preview cancelled and then a new one approved: the first call keeps its
        # last status, and the replies must show both outcomes.
        if old["id"] in source.cancelled_then_approved:
            first = dict(actions[0], args={}, compare_args=[], status="cancelled")
            actions = [first, actions[-1]]
            mention = list(source.cancelled_then_approved[old["id"]])
        yield {
            "id": f"agente-{old['id']}",
            "category": source.category,
            "company_fixture": "tornillo",
            "as_of": AS_OF,
            "turns": turns([t["user"] for t in old["turns"]]),
            "expected_actions": actions,
            "must_mention": mention,
            "optional_tools": KNOWLEDGE if not actions else [],
            "ci": old["id"] in source.ci,
        }
