"""Tool outputs read in Spanish: codes a tool returns become the words a person uses."""

from __future__ import annotations

from agent.render import render_output


def test_document_kinds_and_job_states_are_shown_in_spanish() -> None:
    text = render_output(
        {
            "state": "done",
            "by_kind": [
                {"kind": "sales_invoice", "count": 168, "total": "712538680.00"},
                {"kind": "support_document", "count": 27, "total": "39579000.00"},
            ],
        }
    )
    assert "terminada" in text and "done" not in text
    assert "Factura de venta" in text and "Documento soporte" in text
    assert "sales_invoice" not in text
    assert "$ 712.538.680,00" in text


def test_free_text_that_happens_to_match_a_code_is_left_alone() -> None:
    assert "done" in render_output({"description": "done"})


def test_a_sync_status_says_when_the_job_resumed_alone() -> None:
    note = "Se reanudó sola a las 10:42 tras detenerse el proceso."
    text = render_output({"job_id": 3, "state": "downloading", "reason": "", "resumed": note})
    assert f"- **Reanudación**: {note}" in text and "descargando" in text
    assert "Reanudación" not in render_output({"job_id": 3, "state": "staged", "resumed": ""})
