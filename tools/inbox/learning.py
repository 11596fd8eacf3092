"""What the company taught the agent: registered lines and corrections, and its items.

History is every purchase in the books, whatever path registered it (the inbox, a chat,
the CLI, a sync import, a future manual path): one line per purchase document line with
the account it was posted to (the line's own account, else its item's). A purchase that
came through the inbox reads its lines from the entry instead (`InboxEntry.lines`), which
also records corrections: a corrected line carries `corrected_at` and is replayed after
every plain registration, so the latest correction leads (`History.with_correction`).
Lines on the sync's "Datos iniciales" placeholder are left out: they carry no judgement
about the purchase, and suggesting the placeholder would spread it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.companies import INITIAL_DATA_ACCOUNT, INITIAL_DATA_ITEM
from ledger.models import (
    Company,
    Contact,
    Document,
    DocumentSide,
    DocumentStatus,
    InboxEntry,
    Item,
)
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
    inbox = {
        entry.document_id: entry
        for entry in session.exec(select(InboxEntry).where(InboxEntry.status == "registered"))
        if entry.document_id is not None
    }
    item_accounts = {item.id: _item_account(item) for item in session.exec(select(Item)).all()}
    documents = session.exec(
        select(Document, Contact)
        .join(Contact, Contact.id == Document.contact_id, isouter=True)  # type: ignore[arg-type]
        .where(Document.side == DocumentSide.PURCHASE)
        .where(Document.status != DocumentStatus.VOIDED)
        .order_by(Document.id)  # type: ignore[arg-type]
    ).all()
    plain: list[HistoryLine] = []
    corrected: list[tuple[str, HistoryLine]] = []
    for document, contact in documents:
        entry = inbox.get(document.id or 0)
        if entry is not None:
            for line in json.loads(entry.lines):
                history_line = _history_line(entry, line)
                if line.get("corrected_at"):
                    corrected.append((line["corrected_at"], history_line))
                else:
                    plain.append(history_line)
            continue
        supplier = contact.id_number if contact is not None else ""
        for doc_line in sorted(document.lines, key=lambda line: line.line_no):
            account = doc_line.account_code or item_accounts.get(doc_line.item_id) or ""
            if account and account != INITIAL_DATA_ACCOUNT and doc_line.description:
                plain.append(
                    HistoryLine(
                        supplier_nit=supplier,
                        description=doc_line.description,
                        account_code=account,
                        document_number=document.number,
                    )
                )
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


def _item_account(item: Item) -> str:
    if item.name == INITIAL_DATA_ITEM:
        return ""
    if item.kind == LedgerItemKind.INVENTORY:
        return item.inventory_account_code or ""
    return item.expense_account_code or ""


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
