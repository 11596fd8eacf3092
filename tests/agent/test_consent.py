"""No WRITE ever runs without an approval in the same thread."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from agent.confirm import classify_consent
from agent.turn import Agent
from tests.agent.conftest import ANA, OTHER_COMPANY
from tests.agent.toolbox import expense_count

WRITE = "registra un gasto de 50.000 en papeleria"


@pytest.mark.parametrize(
    "answer", ["sí", "si", "Sí.", "dale", "confirmo", "de una", "ok porfa", "sí, dale", True]
)
def test_approvals(answer: Any) -> None:
    assert classify_consent(answer) == "approve"
    assert classify_consent({"approve": True}) == "approve"


@pytest.mark.parametrize("answer", ["no", "No.", "cancela", "mejor no", "no gracias", False])
def test_cancellations(answer: Any) -> None:
    assert classify_consent(answer) == "cancel"


@pytest.mark.parametrize(
    "answer",
    ["", "si pero cambia la fecha", "no sé", "quita las notas credito de marzo y dale", "???", 3],
)
def test_anything_else_keeps_the_question_open(answer: Any) -> None:
    assert classify_consent(answer) == "unclear"


def test_an_approval_in_another_thread_writes_nothing(agent: Agent, books: Engine) -> None:
    asked = agent.run_turn(ANA, "caja", WRITE)
    assert asked.pending_confirmation is not None
    elsewhere = agent.run_turn(ANA, "otra", "sí")
    assert elsewhere.pending_confirmation is None
    other_user = agent.run_turn(OTHER_COMPANY, "caja", "sí")
    assert other_user.pending_confirmation is None
    assert expense_count(books, 1) == 2
    assert agent.pending(ANA, "caja") is not None


def test_a_stale_or_foreign_confirmation_id_is_refused(agent: Agent, books: Engine) -> None:
    asked = agent.run_turn(ANA, "caja", WRITE)
    assert asked.pending_confirmation is not None
    refused = agent.confirm(ANA, "caja", "call_inventado", approve=True)
    assert "No hay ninguna operación" in refused.reply
    foreign = agent.confirm(OTHER_COMPANY, "caja", asked.pending_confirmation["id"], approve=True)
    assert "No hay ninguna operación" in foreign.reply
    assert expense_count(books, 1) == 2
    done = agent.confirm(ANA, "caja", asked.pending_confirmation["id"], approve=True)
    assert done.actions[-1]["status"] == "ok"
    assert expense_count(books, 1) == 3


def test_one_pending_write_per_thread(agent: Agent, books: Engine) -> None:
    first = agent.run_turn(ANA, "caja", WRITE)
    second = agent.run_turn(ANA, "caja", "registra un gasto de 20.000 en taxis")
    assert second.pending_confirmation == first.pending_confirmation
    assert "Sigo esperando" in second.reply
    agent.run_turn(ANA, "caja", "sí")
    assert expense_count(books, 1) == 3


NOT_APPROVALS = st.sampled_from(
    ["qué?", "y eso?", "cuanto gaste en marzo", "registra otro de 10.000", "sí pero no", "hmm", ""]
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(NOT_APPROVALS, min_size=1, max_size=4))
def test_no_sequence_without_a_yes_writes(agent: Agent, books: Engine, answers: list[str]) -> None:
    before = expense_count(books, 1)
    thread = f"prop-{abs(hash(tuple(answers)))}"
    agent.run_turn(ANA, thread, WRITE)
    for answer in answers:
        result = agent.run_turn(ANA, thread, answer)
        assert result.pending_confirmation is not None
    assert expense_count(books, 1) == before
    agent.run_turn(ANA, thread, "no")
