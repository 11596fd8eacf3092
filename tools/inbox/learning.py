"""What the company taught the agent: registered lines and corrections, and its items.

History is read from registered inbox entries (`InboxEntry.lines`): each line keeps the
account it was posted to; a corrected line carries `corrected_at` and is replayed after
every plain registration, so the latest correction leads (`History.with_correction`).
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.companies import INITIAL_DATA_ITEM
from ledger.models import Company, InboxEntry, Item
from ledger.models import ItemKind as LedgerItemKind
from tools.suggest import (
    Catalogue,
    CatalogueIndex,
    CatalogueItem,
    CompanyProfile,
    History,
    HistoryLine,
    ItemKind,
    default_catalogue,
    sector_of,
)
from tools.suggest.company import ciiu_codes_of


def company_profile(session: Session) -> CompanyProfile:
    """The company's activities (CIIU) and VAT responsibility."""
    company = session.get(Company, scoped_company_id(session))
    assert company is not None
    return CompanyProfile(
        ciiu_codes=ciiu_codes_of(company.ciiu_codes), vat_responsible=company.vat_responsible
    )


def company_history(session: Session) -> History:
    """Registered purchase lines in order, then corrections in the order they were made."""
    entries = session.exec(
        select(InboxEntry).where(InboxEntry.status == "registered").order_by(InboxEntry.id)  # type: ignore[arg-type]
    ).all()
    plain: list[HistoryLine] = []
    corrected: list[tuple[str, HistoryLine]] = []
    for entry in entries:
        for line in json.loads(entry.lines):
            history_line = _history_line(entry, line)
            if line.get("corrected_at"):
                corrected.append((line["corrected_at"], history_line))
            else:
                plain.append(history_line)
    corrected.sort(key=lambda pair: pair[0])
    return History.of([*plain, *(line for _, line in corrected)])


def _history_line(entry: InboxEntry, line: dict[str, Any]) -> HistoryLine:
    return HistoryLine(
        supplier_nit=entry.supplier_nit,
        description=line["description"],
        account_code=line["account_code"],
        item_name=line.get("item", ""),
        supplier_item_code=line.get("item_code", ""),
        document_number=entry.number,
        is_correction=bool(line.get("corrected_at")),
    )


def company_catalogue(session: Session, profile: CompanyProfile) -> CatalogueIndex:
    """The company's own items (with an account) on top of its sector's default catalogue."""
    own = []
    for item in session.exec(select(Item).where(Item.active)).all():
        inventory = item.kind == LedgerItemKind.INVENTORY
        account = item.inventory_account_code if inventory else item.expense_account_code
        if not account or item.name == INITIAL_DATA_ITEM:
            continue
        own.append(CatalogueItem(item.name, item.code, ItemKind(item.kind), account))
    base = default_catalogue(sector_of(profile.main_ciiu))
    return Catalogue((*own, *base.items)).index()
