"""Identifiers and on/off switches said in a message, bound by field kind."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, Field

from agent.binding import bind_args, field_kind
from agent.identifiers import find_identifier, identifier_question, switch_value
from agent.slots import extract_slots

TODAY = date(2025, 2, 15)


class JobInput(BaseModel):
    job_id: int = Field(description="Número de la sincronización.")


class BatchInput(BaseModel):
    batch_id: str = Field(description="Lote a deshacer, p. ej. «L-0007».")
    on: date | None = None


class EntryInput(BaseModel):
    entry_id: int | None = Field(default=None, description="Entrada de la bandeja.")


class SwitchInput(BaseModel):
    on: bool


def _bind(model: type[BaseModel], text: str) -> dict[str, object]:
    return bind_args(model, extract_slots(text, today=TODAY), text).args


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("como va la sincronizacion 1", 1),
        ("estado de la sincronización 12", 12),
        ("como vaa la sincronisacion 3", 3),
        ("estado de la sincornizacion 4", 4),  # a long noun by its first four letters
        ("la sincronizasion 5", 5),
        ("registra la sync 3", 3),
        ("el trabajo 2 ya terminó?", 2),
        ("la sincronización nro. 7", 7),
    ],
)
def test_a_job_id_is_the_number_after_its_noun(text: str, job: int) -> None:
    assert _bind(JobInput, text) == {"job_id": job}


def test_numbers_that_follow_other_words_are_no_job() -> None:
    assert _bind(JobInput, "balance de enero de 2025") == {}
    assert _bind(JobInput, "registra 120 panes a 4500") == {}
    assert _bind(JobInput, "te soy sincero 2 veces") == {}  # "sinc" and too short for one


def test_text_ids_keep_their_code_and_ints_want_digits() -> None:
    assert _bind(BatchInput, "deshaz el lote L-0001") == {"batch_id": "L-0001"}
    assert _bind(BatchInput, "quita lo de la dian (lote l-0002) porfa") == {"batch_id": "L-0002"}
    assert find_identifier("job_id", int, None, "la sincronización L-3") is None


def test_inbox_entries_by_number() -> None:
    assert _bind(EntryInput, "registra la entrada 4 de la bandeja") == {"entry_id": 4}


def test_a_bare_reply_answers_the_identifier_question() -> None:
    assert find_identifier("job_id", int, None, "la 1") == 1
    assert find_identifier("batch_id", str, None, "L-0007") == "L-0007"
    assert find_identifier("job_id", int, None, "hola") is None


def test_identifier_questions_name_what_they_ask_for() -> None:
    assert "sincronización 1" in identifier_question("job_id", None)
    assert "L-0007" in identifier_question("batch_id", None)
    assert "Cliente" in identifier_question("client_id", "Cliente a consultar.")


def test_field_kinds() -> None:
    assert field_kind("job_id", JobInput.model_fields["job_id"]) == "identifier"
    assert field_kind("on", SwitchInput.model_fields["on"]) == "switch"
    assert field_kind("on", BatchInput.model_fields["on"]) == "date"  # a date is no switch


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ya volvió la DIAN, desactiva la contingencia", False),
        ("desactiva la contingencia", False),
        ("quita la contingencia", False),
        ("sal de contingencia q ya sirve la dian", False),
        ("apaga el agente", False),
        ("la DIAN está caída, activa la contingencia", True),
        ("entra en contingencia", True),
        ("prende el agente", True),
        ("contingencia", None),
    ],
)
def test_switches(text: str, value: bool | None) -> None:
    assert switch_value(text) is value
    expected = {} if value is None else {"on": value}
    assert _bind(SwitchInput, text) == expected


def test_identifiers_leave_the_text_intent_matching_sees() -> None:
    slots = extract_slots("estado de la sincronización 1", today=TODAY)
    assert slots.rest == "estado de la sincronizacion"
