"""Each signal on its own, then their order: history > catalogue > activity > create item."""

from __future__ import annotations

from decimal import Decimal

from tests.tools.suggest.conftest import ENERGIA, PAPELERIA
from tools.suggest import (
    Catalogue,
    CompanyProfile,
    History,
    PurchaseLine,
    Signal,
    fixed_asset_threshold,
    suggest,
)

OFFICE = CompanyProfile(ciiu_codes=("6201",))
SUPERMARKET = CompanyProfile(ciiu_codes=("4711",))
EMPTY = Catalogue().index()


def test_history_same_supplier_same_text(catalogue: Catalogue, history: History) -> None:
    line = PurchaseLine("CAJA ARCHIVO INACTIVO X 10", supplier_nit=PAPELERIA)
    top = suggest(line, OFFICE, index=catalogue.index(), history=history)[0]
    assert top.signal is Signal.HISTORY
    assert top.account_code == "519530"
    assert top.reason_es == "igual que la factura FE-120 de este proveedor"
    assert top.confident


def test_history_similar_text_says_how_similar(history: History) -> None:
    line = PurchaseLine(
        "CAJA ARCHIVO INACTIVO CARTON CORRUGADO REFORZADO", supplier_nit="900123456"
    )
    top = suggest(line, OFFICE, index=EMPTY, history=history)[0]
    assert top.signal is Signal.HISTORY
    assert top.reason_es.startswith("parecido a la factura FE-120 de este proveedor (")
    assert top.reason_es.endswith(" %)")


def test_history_same_item_code_even_with_other_words(history: History) -> None:
    line = PurchaseLine("PRODUCTO VARIOS", supplier_nit=PAPELERIA, item_code="ref-7501")
    top = suggest(line, OFFICE, index=EMPTY, history=history)[0]
    assert (top.signal, top.account_code, top.item) == (
        Signal.HISTORY,
        "519530",
        "Papel carta 75 g",
    )
    assert "mismo código de producto que la factura FE-118" in top.reason_es


def test_history_of_another_supplier_does_not_count(history: History) -> None:
    line = PurchaseLine("CAJA ARCHIVO INACTIVO X 10", supplier_nit=ENERGIA)
    assert all(s.signal is not Signal.HISTORY for s in suggest(line, OFFICE, history=history))


def test_catalogue_fuzzy_match_with_units_and_abbreviations(catalogue: Catalogue) -> None:
    line = PurchaseLine("RMA PAPEL CARTA 75GR X 500 HOJAS")
    top = suggest(line, OFFICE, index=catalogue.index())[0]
    assert top.signal is Signal.CATALOGUE
    assert (top.item, top.item_code, top.account_code) == ("Papel carta 75 g", "PAP-01", "519530")
    assert top.reason_es == "parecido al ítem 'Papel carta 75 g' (100 %)"
    assert not top.create_item


def test_activity_keyword_names_the_account() -> None:
    top = suggest(PurchaseLine("CANON DE ARRENDAMIENTO LOCAL MES MARZO"), SUPERMARKET, index=EMPTY)[
        0
    ]
    assert top.signal is Signal.ACTIVITY
    assert (top.account_code, top.account_name) == (
        "512010",
        "Arrendamientos de construcciones y edificaciones",
    )
    assert top.reason_es == "por la actividad económica 4711 y la palabra 'arrendamiento'"
    assert top.create_item and top.proposed_item_name == "Arrendamiento de inmuebles"


def test_servicing_equipment_is_maintenance_not_equipment() -> None:
    repair = PurchaseLine(
        "REPARACION COMPRESOR Y CAMBIO DE NEVERA INDUSTRIAL", amount=Decimal(900000)
    )
    bought = PurchaseLine("NEVERA INDUSTRIAL 2 PUERTAS", amount=Decimal(6000000))
    restaurant = CompanyProfile(("5611",))
    assert suggest(repair, restaurant, index=EMPTY)[0].account_code == "514515"
    assert suggest(bought, restaurant, index=EMPTY)[0].account_code == "153605"


def test_renting_something_unnamed_is_left_for_review() -> None:
    premises = suggest(PurchaseLine("ALQUILER LOCAL COMERCIAL 12"), OFFICE, index=EMPTY)[0]
    unnamed = suggest(PurchaseLine("ALQUILER CARPA EVENTO 3 DIAS"), OFFICE, index=EMPTY)[0]
    assert premises.account_code == unnamed.account_code == "512010"
    assert premises.confident and not unnamed.confident


def test_supplier_activity_alone_is_a_hint_left_for_review() -> None:
    line = PurchaseLine("FACTURA PERIODO MARZO CTA 123", supplier_ciiu="3511")
    top = suggest(line, OFFICE, index=EMPTY)[0]
    assert top.account_code == "513530"
    assert "actividad 3511 del proveedor" in top.reason_es
    assert not top.confident


def test_retailer_stocks_what_it_sells_services_company_uses_it_up() -> None:
    line = PurchaseLine("ARROZ DIANA X 500G PACA X 25 UND")
    shop = suggest(line, SUPERMARKET, index=EMPTY)[0]
    office = suggest(line, OFFICE, index=EMPTY)[0]
    assert shop.account_code == "143505"
    assert "mercancía para la venta" in shop.reason_es
    assert shop.proposed_item_name == "Arroz diana 500 g"
    assert office.account_code == "519525"


def test_building_materials_follow_the_buyer_activity() -> None:
    cement = PurchaseLine("CEMENTO GRIS USO GENERAL SACO 50KG")
    by_activity = {
        ciiu: suggest(cement, CompanyProfile((ciiu,)), index=EMPTY)[0].account_code
        for ciiu in ("4752", "4111", "6201")
    }
    assert by_activity == {"4752": "143505", "4111": "140505", "6201": "514510"}


def test_a_shop_buying_outside_its_line_expenses_it_but_asks_for_review() -> None:
    top = suggest(PurchaseLine("RESMA PAPEL CARTA 75G"), CompanyProfile(("4773",)), index=EMPTY)[0]
    assert top.account_code == "519530"
    assert not top.confident


def test_fixed_asset_threshold_is_50_uvt() -> None:
    threshold = fixed_asset_threshold()
    assert threshold == Decimal("2489950")
    laptop = "COMPUTADOR PORTATIL HP PROBOOK 450 CORE I7"
    at = suggest(PurchaseLine(laptop, amount=threshold), OFFICE, index=EMPTY)[0]
    below = suggest(PurchaseLine(laptop, amount=threshold - 1), OFFICE, index=EMPTY)[0]
    unknown = suggest(PurchaseLine(laptop), OFFICE, index=EMPTY)[0]
    assert at.account_code == "152805" and "llega a 50 UVT" in at.reason_es
    assert below.account_code == "51959502" and "no llega a 50 UVT" in below.reason_es
    assert unknown.account_code == "152805" and not unknown.confident


def test_nothing_matches_recommends_creating_an_item() -> None:
    ranked = suggest(PurchaseLine("KIT ZX-400 TIPO B REF 88"), OFFICE, index=EMPTY)
    top = ranked[0]
    assert top.signal is Signal.FALLBACK
    assert top.create_item and top.proposed_item_name == "Kit zx 400 tipo b referencia"
    assert top.account_code == "51959502"
    assert "se recomienda crear el ítem 'Kit zx 400 tipo b referencia'" in top.reason_es
    assert not top.confident


def test_a_shop_with_no_clue_is_offered_merchandise_for_review() -> None:
    top = suggest(PurchaseLine("KIT ZX-400 TIPO B"), SUPERMARKET, index=EMPTY)[0]
    assert (top.signal, top.account_code, top.confident) == (Signal.FALLBACK, "143505", False)


def test_priority_history_then_catalogue_then_activity(catalogue: Catalogue) -> None:
    # Three signals disagree on purpose: a catalogue item says stationery, the words
    # say cafeteria ("cafe"), and this supplier's history says the line is stock.
    text = "PAPEL CARTA 75G CAFE"
    line = PurchaseLine(text, supplier_nit=PAPELERIA)
    history = History().with_line(_registered(text, "143505", "FE-200"))
    cold = suggest(line, OFFICE, index=catalogue.index())
    warm = suggest(line, OFFICE, index=catalogue.index(), history=history)
    no_catalogue = suggest(line, OFFICE, index=EMPTY)
    assert [s.signal for s in warm][:2] == [Signal.HISTORY, Signal.CATALOGUE]
    assert warm[0].account_code == "143505"
    assert cold[0].signal is Signal.CATALOGUE and cold[0].account_code == "519530"
    assert no_catalogue[0].signal is Signal.ACTIVITY


def test_suggestions_are_ranked_and_bounded() -> None:
    ranked = suggest(PurchaseLine("ALQUILER RETROEXCAVADORA HORAS MAQUINA"), OFFICE, limit=2)
    assert len(ranked) <= 2
    assert ranked[0].account_code == "512015"
    assert [s.confidence for s in ranked] == sorted((s.confidence for s in ranked), reverse=True)
    assert all(0.0 <= s.confidence <= 1.0 for s in ranked)


def _registered(text: str, account: str, document: str):  # type: ignore[no-untyped-def]
    from tools.suggest import HistoryLine

    return HistoryLine(PAPELERIA, text, account, "Papel para la venta", "", "", document)
