"""Small domain fixtures: a stationery catalogue and a supplier's purchase history."""

from __future__ import annotations

import pytest

from tools.suggest import Catalogue, CatalogueItem, History, HistoryLine, ItemKind

PAPELERIA = "900123456-7"
ENERGIA = "860063875-8"


@pytest.fixture
def catalogue() -> Catalogue:
    """What an office buys: paper, toner, coffee."""
    return Catalogue(
        (
            CatalogueItem("Papel carta 75 g", "PAP-01", ItemKind.NON_INVENTORY, "519530"),
            CatalogueItem("Tóner HP 85A", "PAP-02", ItemKind.NON_INVENTORY, "519530"),
            CatalogueItem("Café molido 500 g", "CAF-01", ItemKind.NON_INVENTORY, "519525"),
        )
    )


@pytest.fixture
def history() -> History:
    """Earlier invoices: the stationer's paper went to 519530, marked as stock once."""
    return History.of(
        (
            HistoryLine(PAPELERIA, "RESMA PAPEL CARTA 75GR X 500", "519530", "Papel carta 75 g",
                        "PAP-01", "REF-7501", "FE-118"),
            HistoryLine(PAPELERIA, "CAJA ARCHIVO INACTIVO X 10", "519530", "Cajas de archivo",
                        "", "REF-2203", "FE-120"),
            HistoryLine(ENERGIA, "ENERGIA ELECTRICA KWH PERIODO 01", "513530", "Energía",
                        "", "", "FE-9001"),
        )
    )  # fmt: skip
