"""Register one inbox entry: suggest per line, post when every line is confident.

A line below the confidence threshold is never posted silently: the entry goes to
"needs_review" with one Spanish reason per doubtful line. A person's choice of account
(`accounts`) makes a line certain and is remembered as a correction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from ledger.books import scoped_company_id
from ledger.companies import DEFAULT_BANK
from ledger.contacts import find_or_create_contact
from ledger.errors import LedgerError
from ledger.models import BankAccount, Company, InboxEntry, Item
from ledger.posting import post_document
from tools.dian.model import DianDocument
from tools.dian.model import DocumentKind as DianKind
from tools.errors import ToolError
from tools.inbox.intake import NEEDS_REVIEW, REGISTERED
from tools.inbox.learning import company_catalogue, company_history, company_profile
from tools.inbox.plan import LineChoice, plan_purchase
from tools.suggest import PurchaseLine, Suggestion, suggest
from tools.sync.codec import loads


@dataclass(frozen=True)
class LineAdvice:
    """The best suggestion for one line, or the account a person chose."""

    number: int  # 1-based
    description: str
    suggestion: Suggestion
    chosen_account: str | None = None

    @property
    def account_code(self) -> str:
        return self.chosen_account or self.suggestion.account_code

    @property
    def certain(self) -> bool:
        return self.chosen_account is not None or self.suggestion.confident

    @property
    def doubt_es(self) -> str:
        s = self.suggestion
        return (
            f"Línea {self.number} «{self.description[:60]}»: la mejor cuenta es {s.account_code} "
            f"({s.account_name}) con {s.confidence:.0%} de confianza ({s.reason_es}); revísala."
        )


def advise(
    session: Session, doc: DianDocument, accounts: dict[int, str] | None = None
) -> list[LineAdvice]:
    """One `LineAdvice` per line; `accounts` maps line number (1-based) to a chosen account."""
    profile = company_profile(session)
    history = company_history(session)
    index = company_catalogue(session, profile)
    chosen = accounts or {}
    result = []
    for number, line in enumerate(doc.lines, start=1):
        purchase = PurchaseLine(
            description=line.description or "",
            supplier_nit=doc.issuer.nit or "",
            supplier_name=doc.issuer.name or "",
            supplier_ciiu=doc.issuer.ciiu or "",
            item_code=line.codes[0].code if line.codes else "",
            amount=line.line_total,
        )
        best = suggest(purchase, profile, index=index, history=history, limit=1)[0]
        result.append(LineAdvice(number, line.description or "", best, chosen.get(number)))
    return result


def register_entry(
    session: Session,
    entry: InboxEntry,
    *,
    actor: str,
    today: date,
    now: datetime,
    accounts: dict[int, str] | None = None,
) -> InboxEntry:
    """Post the purchase when every line is certain; else mark it for review with reasons."""
    doc = loads(entry.payload)
    advice = advise(session, doc, accounts)
    reasons: list[str] = []
    if doc.kind not in (DianKind.INVOICE, DianKind.EQUIVALENT):
        reasons.append(f"{doc.number or 'El documento'} es una nota; regístrala a mano.")
    reasons += [line.doubt_es for line in advice if not line.certain]
    if not reasons:
        try:
            entry.document_id = _post(session, doc, advice, actor=actor, today=today)
        except (ToolError, LedgerError) as error:
            session.rollback()
            reasons.append(getattr(error, "message_es", str(error)))
    entry.status = NEEDS_REVIEW if reasons else REGISTERED
    entry.reasons = json.dumps(reasons, ensure_ascii=False)
    entry.lines = json.dumps([_line_record(line, now) for line in advice], ensure_ascii=False)
    entry.processed_at = now
    entry.processed_by = actor
    session.add(entry)
    session.commit()
    session.refresh(entry)
    return entry


def _line_record(line: LineAdvice, now: datetime) -> dict[str, Any]:
    record: dict[str, Any] = {
        "description": line.description,
        "account_code": line.account_code,
        "item": line.suggestion.item,
        "confidence": line.suggestion.confidence,
        "reason": line.suggestion.reason_es,
    }
    if line.chosen_account and line.chosen_account != line.suggestion.account_code:
        record["corrected_at"] = now.isoformat()
    return record


def _post(
    session: Session, doc: DianDocument, advice: list[LineAdvice], *, actor: str, today: date
) -> int:
    company = session.get(Company, scoped_company_id(session))
    assert company is not None
    contact = find_or_create_contact(
        session,
        id_number=doc.issuer.nit or "",
        name=doc.issuer.name or "Proveedor",
        check_digit=doc.issuer.dv,
        is_supplier=True,
    )
    bank = session.exec(select(BankAccount).where(BankAccount.name == DEFAULT_BANK)).first()
    items = {item.name: item.id for item in session.exec(select(Item)).all()}
    choices = [LineChoice(line.account_code, items.get(line.suggestion.item)) for line in advice]
    plan = plan_purchase(
        doc,
        choices,
        nit=company.nit,
        vat_responsible=company.vat_responsible,
        contact_id=contact.id,
        bank_account_id=bank.id if bank else None,
        today=today,
    )
    document = post_document(session, plan.document, plan.entry, plan.payment, actor=actor)
    assert document.id is not None
    return document.id
