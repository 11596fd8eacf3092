"""Conversation checks (pure): what a turn should have done, compared with what it did.

A conversation is `{"id", "today", "turns": [{"user": "...", "expect": {...}}]}`; `expect`
may name `tool` (an action of the turn), `args` (a subset of its arguments), `status`,
`pending` (a preview waiting for consent or not), `no_actions`, `reply_contains` and
`citations` (at least that many). Text comparisons ignore case and accents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evals.questions import plain


@dataclass(frozen=True)
class Conversation:
    """One scripted thread."""

    id: str
    today: date
    turns: tuple[dict[str, Any], ...]


def load_conversations(path: Path) -> list[Conversation]:
    """The conversations of a JSONL file, one per line."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            today = date.fromisoformat(row.get("today", date.today().isoformat()))
            found.append(Conversation(str(row["id"]), today, tuple(row["turns"])))
    return found


def problems(expect: dict[str, Any], turn: dict[str, Any]) -> list[str]:
    """What the turn (a TurnResult as a dict) got wrong; empty when it did what was expected."""
    found: list[str] = []
    reply = plain(turn.get("reply", ""))
    actions = turn.get("actions") or []
    for text in expect.get("reply_contains", []):
        if plain(text) not in reply:
            found.append(f"la respuesta no dice «{text}»")
    if expect.get("no_actions") and actions:
        found.append(f"no debía usar herramientas y usó {[a['tool'] for a in actions]}")
    if {"tool", "args", "status"} & set(expect):
        wanted = expect.get("tool")
        matching = [a for a in actions if wanted in (None, a["tool"])]
        if not matching:
            found.append(f"no usó {wanted} (usó {[a['tool'] for a in actions]})")
        else:
            action = matching[-1]
            if "status" in expect and action["status"] != expect["status"]:
                found.append(f"estado {action['status']} en vez de {expect['status']}")
            for key, value in expect.get("args", {}).items():
                if action["args"].get(key) != value:
                    found.append(f"{key}={action['args'].get(key)!r} en vez de {value!r}")
    if "pending" in expect and (turn.get("pending_confirmation") is not None) != expect["pending"]:
        found.append("confirmación pendiente" if not expect["pending"] else "faltó la vista previa")
    if len(turn.get("citations") or []) < expect.get("citations", 0):
        found.append("faltan citas")
    return found
