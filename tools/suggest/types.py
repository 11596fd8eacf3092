"""The suggester's vocabulary: frozen values in, a ranked tuple of `Suggestion` out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# At or above this confidence the expenses agent may post a line without a person.
CONFIDENT_THRESHOLD = 0.8

AccountCode = str


class Signal(StrEnum):
    """Where a suggestion came from, in priority order."""

    HISTORY = "history"
    CATALOGUE = "catalogue"
    ACTIVITY = "activity"
    FALLBACK = "fallback"


SIGNAL_ORDER: dict[Signal, int] = {signal: rank for rank, signal in enumerate(Signal)}


class ItemKind(StrEnum):
    """How a catalogue item is held: stocked, bought and used up, or a service."""

    INVENTORY = "inventory"
    NON_INVENTORY = "non_inventory"
    SERVICE = "service"


@dataclass(frozen=True)
class PurchaseLine:
    """One line of a received purchase invoice, as the XML gives it."""

    description: str
    supplier_nit: str = ""
    supplier_name: str = ""
    supplier_ciiu: str = ""
    item_code: str = ""
    amount: Decimal | None = None


@dataclass(frozen=True)
class CompanyProfile:
    """What the suggester needs to know about the buying company."""

    ciiu_codes: tuple[str, ...]
    vat_responsible: bool = True

    @property
    def main_ciiu(self) -> str:
        """The first registered activity (the RUT's main one), or '' when unknown."""
        return self.ciiu_codes[0] if self.ciiu_codes else ""


@dataclass(frozen=True)
class CatalogueItem:
    """An item of the company's catalogue and the account its purchases debit."""

    name: str
    code: str
    kind: ItemKind
    account_code: AccountCode


@dataclass(frozen=True)
class HistoryLine:
    """A purchase line already registered (or corrected) in this company's books."""

    supplier_nit: str
    description: str
    account_code: AccountCode
    item_name: str = ""
    item_code: str = ""
    supplier_item_code: str = ""
    document_number: str = ""
    is_correction: bool = False


@dataclass(frozen=True)
class Suggestion:
    """One proposed item and account for a purchase line, with the reason a person reads."""

    item: str
    account_code: AccountCode
    account_name: str
    confidence: float
    reason_es: str
    signal: Signal
    item_code: str = ""
    create_item: bool = False
    proposed_item_name: str = ""

    @property
    def confident(self) -> bool:
        """True when the agent may post this line without review."""
        return self.confidence >= CONFIDENT_THRESHOLD
