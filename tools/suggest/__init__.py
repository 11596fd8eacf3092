"""Item and account suggestions for purchase lines (the expenses agent's judgement).

Pure functions over frozen values; the ledger adapter and the tool live at the edges.

    from tools.suggest import suggest, PurchaseLine, CompanyProfile, Catalogue, History
    ranked = suggest(PurchaseLine("CANON ARRENDAMIENTO LOCAL"), CompanyProfile(("4711",)))
    ranked[0].account_code, ranked[0].reason_es, ranked[0].confident
"""

from tools.suggest.activity import DEFAULT_UVT, UVT_BY_YEAR, fixed_asset_threshold, sector_of
from tools.suggest.catalogue import Catalogue, CatalogueIndex, default_catalogue, default_index
from tools.suggest.engine import suggest
from tools.suggest.history import History, supplier_key
from tools.suggest.normalize import normalize
from tools.suggest.taxes import TaxTreatment, tax_treatment
from tools.suggest.types import (
    CONFIDENT_THRESHOLD,
    CatalogueItem,
    CompanyProfile,
    HistoryLine,
    ItemKind,
    PurchaseLine,
    Signal,
    Suggestion,
)

__all__ = [
    "CONFIDENT_THRESHOLD",
    "DEFAULT_UVT",
    "UVT_BY_YEAR",
    "Catalogue",
    "CatalogueIndex",
    "CatalogueItem",
    "CompanyProfile",
    "History",
    "HistoryLine",
    "ItemKind",
    "PurchaseLine",
    "Signal",
    "Suggestion",
    "TaxTreatment",
    "default_catalogue",
    "default_index",
    "fixed_asset_threshold",
    "normalize",
    "sector_of",
    "suggest",
    "supplier_key",
    "tax_treatment",
]
