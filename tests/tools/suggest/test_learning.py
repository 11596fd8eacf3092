"""A person's correction becomes history and leads for that supplier and similar text."""

from __future__ import annotations

from tests.tools.suggest.conftest import PAPELERIA
from tools.suggest import (
    Catalogue,
    CatalogueItem,
    CompanyProfile,
    History,
    HistoryLine,
    ItemKind,
    PurchaseLine,
    Signal,
    suggest,
)

SOFTWARE_HOUSE = CompanyProfile(ciiu_codes=("6201",))
HOSTING = "901555444-1"
# The company registered its hosting invoices as "other expenses" twice ...
REGISTERED = History.of(
    HistoryLine(HOSTING, f"PLAN SERVIDOR VPS 4GB MES {month}", "51959502", "Otros",
                document_number=document)
    for month, document in (("ENERO", "FE-101"), ("FEBRERO", "FE-102"))
)  # fmt: skip


def test_before_the_correction_history_repeats_the_old_account() -> None:
    line = PurchaseLine("PLAN SERVIDOR VPS 4GB MES MARZO", supplier_nit=HOSTING)
    top = suggest(line, SOFTWARE_HOUSE, history=REGISTERED)[0]
    assert (top.signal, top.account_code) == (Signal.HISTORY, "51959502")


def test_the_next_invoice_follows_the_correction() -> None:
    # ... then the accountant corrected March to data processing (513520).
    corrected = REGISTERED.with_correction(
        supplier_nit=HOSTING,
        description="PLAN SERVIDOR VPS 4GB MES MARZO",
        account_code="513520",
        item_name="Servidor en la nube",
        document_number="FE-103",
    )
    april = PurchaseLine("PLAN SERVIDOR VPS 4 GB - MES ABRIL", supplier_nit="901555444")
    ranked = suggest(april, SOFTWARE_HOUSE, history=corrected)
    top = ranked[0]
    assert (top.signal, top.account_code, top.item) == (
        Signal.HISTORY,
        "513520",
        "Servidor en la nube",
    )
    assert top.reason_es == "usted lo corrigió así en la factura FE-103 de este proveedor"
    assert top.confident
    old = [s for s in ranked if s.account_code == "51959502"]
    assert all(not s.confident and "después usted lo corrigió" in s.reason_es for s in old)


def test_a_correction_outranks_a_close_catalogue_item() -> None:
    catalogue = Catalogue(
        (CatalogueItem("Plan servidor VPS 4 GB", "VPS-4", ItemKind.SERVICE, "51959502"),)
    )
    corrected = History().with_correction(
        supplier_nit=HOSTING, description="PLAN SERVIDOR VPS 4GB", account_code="513520"
    )
    line = PurchaseLine("PLAN SERVIDOR VPS 4GB MES MAYO", supplier_nit=HOSTING)
    top = suggest(line, SOFTWARE_HOUSE, index=catalogue.index(), history=corrected)[0]
    assert (top.signal, top.account_code) == (Signal.HISTORY, "513520")


def test_a_correction_stays_with_its_supplier_and_its_text() -> None:
    corrected = REGISTERED.with_correction(
        supplier_nit=HOSTING, description="PLAN SERVIDOR VPS 4GB MES MARZO", account_code="513520"
    )
    other_supplier = PurchaseLine("PLAN SERVIDOR VPS 4GB MES MARZO", supplier_nit=PAPELERIA)
    other_text = PurchaseLine("SOPORTE TECNICO REMOTO 2 HORAS", supplier_nit=HOSTING)
    assert suggest(other_supplier, SOFTWARE_HOUSE, history=corrected)[0].signal is not (
        Signal.HISTORY
    )
    assert all(
        s.account_code != "513520" or s.signal is not Signal.HISTORY
        for s in suggest(other_text, SOFTWARE_HOUSE, history=corrected)
    )


def test_history_is_immutable() -> None:
    corrected = REGISTERED.with_correction(
        supplier_nit=HOSTING, description="PLAN SERVIDOR", account_code="513520"
    )
    assert len(REGISTERED) == 2 and len(corrected) == 3
    assert corrected.lines[-1].is_correction
    line = PurchaseLine("PLAN SERVIDOR VPS 4GB MES MARZO", supplier_nit=HOSTING)
    assert suggest(line, SOFTWARE_HOUSE, history=REGISTERED)[0].account_code == "51959502"
