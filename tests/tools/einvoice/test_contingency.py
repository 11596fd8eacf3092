"""Contingency rules: outage detection, 48-hour deadlines, notes refused, redating."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from tools.einvoice.contingency import (
    Attempt,
    DeadlineLevel,
    OutagePolicy,
    check_allowed_in_contingency,
    contingency_refusal,
    deadline_status,
    for_transmission,
    outage_confirmed,
    transmission_deadline,
)
from tools.einvoice.cufe import document_key
from tools.einvoice.types import DocumentKind
from tools.errors import ToolError

from .factories import invoice_draft

COT = timezone(timedelta(hours=-5))
T0 = datetime(2025, 3, 31, 9, 0, tzinfo=COT)
POLICY = OutagePolicy(failures=3, window=timedelta(minutes=10))


def _attempts(*spec: tuple[int, bool]) -> list[Attempt]:
    return [Attempt(T0 + timedelta(minutes=m), ok) for m, ok in spec]


def test_three_failures_in_the_window_confirm_the_outage() -> None:
    attempts = _attempts((0, False), (2, False), (4, False))
    assert outage_confirmed(attempts, T0 + timedelta(minutes=5), POLICY)


def test_an_answer_in_between_resets_the_count() -> None:
    attempts = _attempts((0, False), (2, True), (4, False), (5, False))
    assert not outage_confirmed(attempts, T0 + timedelta(minutes=6), POLICY)


def test_old_failures_outside_the_window_do_not_count() -> None:
    attempts = _attempts((0, False), (1, False), (12, False))
    assert not outage_confirmed(attempts, T0 + timedelta(minutes=13), POLICY)


def test_deadline_is_48_hours_after_the_service_returns() -> None:
    restored = datetime(2025, 4, 1, 14, 30, tzinfo=COT)
    assert transmission_deadline(restored) == datetime(2025, 4, 3, 14, 30, tzinfo=COT)


def test_deadline_levels_through_time() -> None:
    restored = datetime(2025, 4, 1, 14, 30, tzinfo=COT)

    def at(hours: float, transmitted: datetime | None = None) -> DeadlineLevel:
        return deadline_status(
            "FE-40",
            service_restored_at=restored,
            transmitted_at=transmitted,
            now=restored + timedelta(hours=hours),
        ).level

    assert at(1) is DeadlineLevel.ON_TIME
    assert at(30) is DeadlineLevel.DUE_SOON
    assert at(48.5) is DeadlineLevel.MISSED
    assert at(49, restored + timedelta(hours=47)) is DeadlineLevel.TRANSMITTED
    assert at(50, restored + timedelta(hours=49)) is DeadlineLevel.TRANSMITTED_LATE
    waiting = deadline_status("FE-40", service_restored_at=None, transmitted_at=None, now=T0)
    assert waiting.level is DeadlineLevel.WAITING_SERVICE


def test_warning_names_the_threshold_and_speaks_spanish() -> None:
    restored = datetime(2025, 4, 1, 14, 30, tzinfo=COT)
    status = deadline_status(
        "FE-40",
        service_restored_at=restored,
        transmitted_at=None,
        now=restored + timedelta(hours=43),
    )
    assert status.warning == timedelta(hours=6)
    assert status.message_es == (
        "La factura FE-40 debe transmitirse a la DIAN antes del 03/04/2025 a las 14:30: "
        "quedan 5 h 00 min."
    )
    missed = deadline_status(
        "FE-40", service_restored_at=restored, transmitted_at=None, now=restored + timedelta(days=3)
    )
    assert "Se venció el plazo" in missed.message_es


@pytest.mark.parametrize("kind", [DocumentKind.CREDIT_NOTE, DocumentKind.DEBIT_NOTE])
def test_notes_are_refused_in_contingency_with_the_reason(kind: DocumentKind) -> None:
    with pytest.raises(ToolError) as refused:
        check_allowed_in_contingency(kind)
    assert refused.value.code == "nota_en_contingencia"
    assert "no tiene procedimiento de contingencia" in refused.value.message_es
    assert contingency_refusal(DocumentKind.INVOICE) is None
    check_allowed_in_contingency(DocumentKind.CONTINGENCY)


def test_a_draft_issued_later_takes_the_transmission_day() -> None:
    draft = invoice_draft()  # drafted 31/03/2025
    sent = datetime(2025, 4, 2, 20, 15, 42, 123, tzinfo=UTC)
    redated = for_transmission(draft, sent)
    assert redated.issue_date.isoformat() == "2025-04-02"
    assert redated.issue_time == time(15, 15, 42)
    assert document_key(redated) != document_key(draft)
    contingency = replace(draft, kind=DocumentKind.CONTINGENCY)
    assert for_transmission(contingency, sent) == contingency
