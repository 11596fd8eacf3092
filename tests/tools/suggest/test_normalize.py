"""Normalization: invoice spellings of the same thing meet in one form."""

from __future__ import annotations

import pytest

from tools.suggest.normalize import content_words, fold, normalize


def test_accents_and_case_fold() -> None:
    assert fold("Energía ELÉCTRICA Año") == "energia electrica ano"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PAPEL CARTA 75G", "papel carta 75 g"),
        ("papel carta 75 gr", "papel carta 75 g"),
        ("Papel Carta 75GRS", "papel carta 75 g"),
        ("ACEITE 1000ML", "aceite 1000 ml"),
        ("GASEOSA 1,5 LT", "gaseosa 1.5 l"),
        ("ACPM 20 GL", "acpm 20 galon"),
        ("CABLE 100 MTS", "cable 100 m"),
    ],
)
def test_units_and_sizes_are_split_and_spelled_one_way(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_abbreviations_are_expanded_and_connectors_dropped() -> None:
    assert normalize("RMA PAPEL CARTA X 500 UND") == "resma papel carta 500 unidad"
    assert normalize("Servilleta PQT x 12 - CJ") == "servilleta paquete 12 caja"
    assert normalize("MANT. PREV. DE AIRE ACONDICIONADO") == (
        "mantenimiento preventivo aire acondicionado"
    )


def test_the_same_paper_written_three_ways_is_one_text() -> None:
    spellings = {"Resma papel carta 75g", "RMA PAPEL CARTA 75 GR", "resma de papel carta 75 g"}
    assert {normalize(text) for text in spellings} == {"resma papel carta 75 g"}


def test_content_words_leave_out_numbers_units_and_packs() -> None:
    assert content_words(normalize("ARROZ DIANA X 500G PACA X 25 UND")) == (
        "arroz", "diana", "paca",
    )  # fmt: skip
