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
