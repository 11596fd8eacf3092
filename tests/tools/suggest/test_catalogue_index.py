"""The precomputed catalogue index: normalized once, stems narrow the search."""

from __future__ import annotations

from tools.suggest import CatalogueItem, ItemKind, default_catalogue, sector_of
from tools.suggest.catalogue import MAX_CANDIDATES, CatalogueIndex


def _items(names: list[str]) -> list[CatalogueItem]:
    return [
        CatalogueItem(name, f"C{n}", ItemKind.INVENTORY, "143505") for n, name in enumerate(names)
    ]


def test_names_are_normalized_once_at_build() -> None:
    index = CatalogueIndex.build(_items(["Papel Carta 75GR", "Azúcar Manuelita 1KG"]))
    assert index.names == ("papel carta 75 g", "azucar manuelita 1 kg")


def test_only_items_sharing_a_word_stem_are_scored() -> None:
    index = CatalogueIndex.build(_items(["Papel carta 75 g", "Azúcar 1 kg", "Cemento gris"]))
    assert list(index.candidates("resma papel oficio")) == [0]
    assert index.candidates("xyz") == []
    assert index.match("xyz") == ()


def test_a_large_catalogue_scores_at_most_the_best_sharing_items() -> None:
    names = [f"tornillo drywall {n} cabeza" for n in range(MAX_CANDIDATES * 2)]
    names.append("tornillo drywall especial punta broca")
    index = CatalogueIndex.build(_items(names))
    candidates = index.candidates("tornillo drywall punta broca")
    assert len(candidates) == MAX_CANDIDATES
    assert len(names) - 1 in candidates
    best = index.match("tornillo drywall punta broca 6 x 1")[0]
    assert best.item.name == "tornillo drywall especial punta broca"


def test_default_catalogue_has_general_rows_plus_the_sector() -> None:
    assert sector_of("4711") == "commerce" and sector_of("5611") == "food_service"
    assert sector_of("6201") == "tech" and sector_of("0081") == "general"
    shop = {item.code for item in default_catalogue("commerce").items}
    clinic = {item.code for item in default_catalogue("health").items}
    assert {"GEN-001", "COM-001"} <= shop and "COM-001" not in clinic
    assert all(len(item.account_code) == 6 for item in default_catalogue("general").items)
