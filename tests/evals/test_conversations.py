"""Conversation grading is pure: expectations against a TurnResult as a dict."""

from __future__ import annotations

from evals.conversations import problems

TURN = {
    "reply": "Balance de prueba del 01/01/2025 al 31/01/2025: cuadra.",
    "actions": [
        {"tool": "trial_balance", "args": {"start": "2025-01-01", "level": 1}, "status": "ok"}
    ],
    "citations": [],
    "pending_confirmation": None,
}


def test_a_turn_that_did_what_was_expected_has_no_problems() -> None:
    expect = {"tool": "trial_balance", "args": {"start": "2025-01-01"}, "status": "ok"}
    assert problems({**expect, "reply_contains": ["CUADRA"], "pending": False}, TURN) == []


def test_each_difference_is_named_in_spanish() -> None:
    found = problems(
        {
            "tool": "trial_balance",
            "args": {"level": 6},
            "reply_contains": ["no cuadra"],
            "pending": True,
            "citations": 1,
        },
        TURN,
    )
    assert found == [
        "la respuesta no dice «no cuadra»",
        "level=1 en vez de 6",
        "faltó la vista previa",
        "faltan citas",
    ]
    assert problems({"no_actions": True}, TURN) == [
        "no debía usar herramientas y usó ['trial_balance']"
    ]
