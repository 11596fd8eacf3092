"""Unreadable files grouped by reason: the per-file detail left out, names and groups capped."""

from __future__ import annotations

from tools.sync.unreadable import (
    FILES_PER_GROUP,
    MAX_GROUPS,
    UnreadableReason,
    UnreadableTally,
    general_reason,
    reasons_of,
)

NOT_XML = "El archivo no es XML válido ({}, line 1, column 1)."


def test_the_parsers_detail_in_parentheses_is_left_out() -> None:
    assert general_reason(NOT_XML.format("Document is empty")) == "El archivo no es XML válido."
    nested = "El archivo no es XML válido (Opening and ending tag mismatch: ID (x) line 1)."
    assert general_reason(nested) == "El archivo no es XML válido."
    assert general_reason("No se puede leer el archivo ([Errno 13] Permission denied)") == (
        "No se puede leer el archivo."
    )


def test_messages_without_a_closing_detail_stay_as_they_are() -> None:
    plain = "El XML es un «nota», no una factura, nota crédito ni nota débito de la DIAN."
    assert general_reason(plain) == plain
    cut = "El archivo no es XML válido (el detalle quedó cortado"
    assert general_reason(cut) == cut
    assert general_reason("(solo el detalle).") == "(solo el detalle)."


def test_files_of_one_reason_are_counted_together_most_files_first() -> None:
    tally = UnreadableTally()
    tally.add("El libro de Excel no se puede leer (File is not a zip file).", "listado.xlsx")
    for n in range(FILES_PER_GROUP + 2):
        tally.add(NOT_XML.format(f"error {n}"), f"lote.zip › roto{n}.xml")
    tally.add("El documento no es de tu empresa.", None)
    groups = tally.as_list()
    assert [(g["reason"], g["count"]) for g in groups] == [
        ("El archivo no es XML válido.", FILES_PER_GROUP + 2),
        ("El libro de Excel no se puede leer.", 1),
        ("El documento no es de tu empresa.", 1),
    ]
    assert groups[0]["files"] == [f"lote.zip › roto{n}.xml" for n in range(FILES_PER_GROUP)]
    assert groups[2]["files"] == []


def test_reasons_past_the_cap_only_count_in_the_total() -> None:
    tally = UnreadableTally()
    for n in range(MAX_GROUPS + 3):
        tally.add(f"Razón número {n}.", f"f{n}.xml")
    tally.add("Razón número 0.", "otra.xml")
    groups = tally.as_list()
    assert len(groups) == MAX_GROUPS
    assert groups[0] == {"reason": "Razón número 0.", "count": 2, "files": ["f0.xml", "otra.xml"]}


def test_stored_groups_are_read_back_and_old_jobs_group_their_messages() -> None:
    tally = UnreadableTally()
    tally.add(NOT_XML.format("Document is empty"), "roto.xml")
    stage = {"failures": ["roto.xml: …"], "failure_groups": tally.as_list()}
    assert reasons_of(stage) == [
        UnreadableReason(reason="El archivo no es XML válido.", count=1, files=["roto.xml"])
    ]
    old = {"failures": ["a.xml: Vacío.", "a.xml: Vacío.", "No es tuyo."], "failure_count": 3}
    assert reasons_of(old) == [
        UnreadableReason(reason="a.xml: Vacío.", count=2, files=[]),
        UnreadableReason(reason="No es tuyo.", count=1, files=[]),
    ]
    assert reasons_of({}) == []
